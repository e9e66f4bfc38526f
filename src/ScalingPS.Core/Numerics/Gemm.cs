using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ScalingPS.Core.Sampling;

namespace ScalingPS.Core.Numerics;

/// <summary>
/// Cache-blocked dense matrix product C += α·A·B in the packed-panel scheme of the fast BLAS libraries: a KC-deep
/// slice of B is packed into NR-column strips (kept in L3, one strip in L1 while it is used), an MC×KC block of A
/// into MR-row strips (kept in L2), and a register-blocked MR×NR micro-kernel accumulates each tile of C in 12
/// vector registers over the KC slice, with one FMA per loaded element pair. A and B are read through arbitrary
/// (row, column) strides, so Aᵀ and Bᵀ cost only the packing. Single-threaded: the simulator runs seeds in parallel.
/// Every element of C receives acc = Σ_k a·b by fused multiply-adds in ascending k within each KC slice, then
/// C ← fma(α, acc, C) once per slice, on every path (scalar, Vector256, Vector512) — so the paths agree bit for bit.
/// </summary>
internal static class Gemm
{
    private const int MR = 6;
    private const int KC = 256;
    private const int MC = 20 * MR;
    private const int NC = 2048;

    /// <summary>
    /// C[i, j] += α Σ_k A(i, k) B(k, j) for i &lt; m, j &lt; n, where A(i, k) = a[i·aRs + k·aCs], B(k, j) = b[k·bRs + j·bCs]
    /// and C is row-major with row stride <paramref name="ldc"/>. With <paramref name="lowerOnly"/>, tiles wholly above
    /// the diagonal (every j &gt; every i) are skipped: the caller mirrors the lower triangle of a symmetric product.
    /// Cancellation is checked once per packed block (at most ~MC·KC·NC multiply-adds apart).
    /// </summary>
    public static void Multiply(int m, int n, int k, double alpha,
        double[] a, int aRs, int aCs, double[] b, int bRs, int bCs, double[] c, int ldc,
        bool lowerOnly, CancellationToken ct, SimdLevel level)
    {
        if (m <= 0 || n <= 0 || k <= 0) return;
        CheckExtent(a, m, k, aRs, aCs, nameof(a));
        CheckExtent(b, k, n, bRs, bCs, nameof(b));
        if (ldc < n || (long)(m - 1) * ldc + n > c.Length) throw new ArgumentException("C is too small.", nameof(c));
        int nr = level == SimdLevel.Vector512 && Vector512.IsHardwareAccelerated ? 16 : 8;
        var packA = ArrayPool<double>.Shared.Rent(MC * KC);
        var packB = ArrayPool<double>.Shared.Rent(KC * NC);
        try
        {
            for (int jc = 0; jc < n; jc += NC)
            {
                int nc = Math.Min(NC, n - jc);
                // Rows whose tiles are all above the diagonal for this column block are skipped in lower-only mode.
                int iStart = lowerOnly ? jc / MR * MR : 0;
                for (int pc = 0; pc < k; pc += KC)
                {
                    int kc = Math.Min(KC, k - pc);
                    ct.ThrowIfCancellationRequested();
                    PackB(b, bRs, bCs, pc, kc, jc, nc, nr, packB);
                    for (int ic = iStart; ic < m; ic += MC)
                    {
                        int mc = Math.Min(MC, m - ic);
                        PackA(a, aRs, aCs, ic, mc, pc, kc, packA);
                        for (int jr = 0; jr < nc; jr += nr)
                        {
                            int cols = Math.Min(nr, nc - jr);
                            int j0 = jc + jr;
                            for (int ir = 0; ir < mc; ir += MR)
                            {
                                int i0 = ic + ir;
                                int rows = Math.Min(MR, mc - ir);
                                if (lowerOnly && j0 > i0 + rows - 1) continue;
                                ref double ap = ref packA[ir * kc];
                                ref double bp = ref packB[jr * kc];
                                ref double cp = ref c[i0 * ldc + j0];
                                if (nr == 16) Kernel512(kc, ref ap, ref bp, ref cp, ldc, alpha, rows, cols);
                                else if (level != SimdLevel.Scalar) Kernel256(kc, ref ap, ref bp, ref cp, ldc, alpha, rows, cols);
                                else KernelScalar(kc, ref ap, ref bp, ref cp, ldc, alpha, rows, cols);
                            }
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(packA);
            ArrayPool<double>.Shared.Return(packB);
        }
    }

    private static void CheckExtent(double[] x, int rows, int cols, int rs, int cs, string name)
    {
        if (rs < 0 || cs < 0 || (long)(rows - 1) * rs + (long)(cols - 1) * cs >= x.Length)
            throw new ArgumentException("Matrix extent exceeds its array.", name);
    }

    /// <summary>Packs A(ic.., pc..) (mc×kc) as MR-row strips: strip s holds A(ic + s·MR + r, pc + q) at [s·MR·kc + q·MR + r], zero-padded.</summary>
    private static void PackA(double[] a, int rs, int cs, int ic, int mc, int pc, int kc, double[] dst)
    {
        for (int s = 0; s < mc; s += MR)
        {
            int rows = Math.Min(MR, mc - s);
            var strip = dst.AsSpan(s * kc, MR * kc);
            if (rows < MR) strip.Clear();
            for (int r = 0; r < rows; r++)
            {
                int src = (ic + s + r) * rs + pc * cs;
                if (cs == 1)
                {
                    var row = a.AsSpan(src, kc);
                    for (int q = 0; q < kc; q++) strip[q * MR + r] = row[q];
                }
                else
                    for (int q = 0; q < kc; q++) strip[q * MR + r] = a[src + q * cs];
            }
        }
    }

    /// <summary>Packs B(pc.., jc..) (kc×nc) as nr-column strips: strip s holds B(pc + q, jc + s·nr + t) at [s·kc + q·nr + t], zero-padded.</summary>
    private static void PackB(double[] b, int rs, int cs, int pc, int kc, int jc, int nc, int nr, double[] dst)
    {
        for (int s = 0; s < nc; s += nr)
        {
            int cols = Math.Min(nr, nc - s);
            var strip = dst.AsSpan(s * kc, nr * kc);
            if (cols < nr) strip.Clear();
            if (cs == 1)
                for (int q = 0; q < kc; q++)
                    b.AsSpan((pc + q) * rs + jc + s, cols).CopyTo(strip.Slice(q * nr, cols));
            else
                for (int t = 0; t < cols; t++)
                {
                    int src = (jc + s + t) * cs + pc * rs;
                    if (rs == 1)
                    {
                        var col = b.AsSpan(src, kc);
                        for (int q = 0; q < kc; q++) strip[q * nr + t] = col[q];
                    }
                    else
                        for (int q = 0; q < kc; q++) strip[q * nr + t] = b[src + q * rs];
                }
        }
    }

    /// <summary>6×8 tile: 12 Vector256 accumulators, two loads of B and six broadcasts of A per k.</summary>
    private static void Kernel256(int kc, ref double ap, ref double bp, ref double c, int ldc, double alpha, int rows, int cols)
    {
        Vector256<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
            c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int q = 0; q < kc; q++)
        {
            ref double bq = ref Unsafe.Add(ref bp, q * 8);
            ref double aq = ref Unsafe.Add(ref ap, q * MR);
            var b0 = Vector256.LoadUnsafe(ref bq);
            var b1 = Vector256.LoadUnsafe(ref bq, 4);
            var x = Vector256.Create(aq);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref aq, 1));
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref aq, 2));
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref aq, 3));
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(Unsafe.Add(ref aq, 4));
            c40 = Vector256.FusedMultiplyAdd(x, b0, c40); c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(Unsafe.Add(ref aq, 5));
            c50 = Vector256.FusedMultiplyAdd(x, b0, c50); c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
        }
        var va = Vector256.Create(alpha);
        if (rows == MR && cols == 8)
        {
            Store256(ref c, va, c00, c01);
            Store256(ref Unsafe.Add(ref c, ldc), va, c10, c11);
            Store256(ref Unsafe.Add(ref c, 2 * ldc), va, c20, c21);
            Store256(ref Unsafe.Add(ref c, 3 * ldc), va, c30, c31);
            Store256(ref Unsafe.Add(ref c, 4 * ldc), va, c40, c41);
            Store256(ref Unsafe.Add(ref c, 5 * ldc), va, c50, c51);
            return;
        }
        Span<double> t = stackalloc double[MR * 8];
        c00.CopyTo(t); c01.CopyTo(t[4..]); c10.CopyTo(t[8..]); c11.CopyTo(t[12..]); c20.CopyTo(t[16..]); c21.CopyTo(t[20..]);
        c30.CopyTo(t[24..]); c31.CopyTo(t[28..]); c40.CopyTo(t[32..]); c41.CopyTo(t[36..]); c50.CopyTo(t[40..]); c51.CopyTo(t[44..]);
        AddEdge(t, 8, ref c, ldc, alpha, rows, cols);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store256(ref double c, Vector256<double> alpha, Vector256<double> lo, Vector256<double> hi)
    {
        Vector256.FusedMultiplyAdd(alpha, lo, Vector256.LoadUnsafe(ref c)).StoreUnsafe(ref c);
        Vector256.FusedMultiplyAdd(alpha, hi, Vector256.LoadUnsafe(ref c, 4)).StoreUnsafe(ref c, 4);
    }

    /// <summary>6×16 tile: 12 Vector512 accumulators (on Zen 4 each 512-bit FMA issues as two 256-bit halves).</summary>
    private static void Kernel512(int kc, ref double ap, ref double bp, ref double c, int ldc, double alpha, int rows, int cols)
    {
        Vector512<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
            c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int q = 0; q < kc; q++)
        {
            ref double bq = ref Unsafe.Add(ref bp, q * 16);
            ref double aq = ref Unsafe.Add(ref ap, q * MR);
            var b0 = Vector512.LoadUnsafe(ref bq);
            var b1 = Vector512.LoadUnsafe(ref bq, 8);
            var x = Vector512.Create(aq);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(Unsafe.Add(ref aq, 1));
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(Unsafe.Add(ref aq, 2));
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(Unsafe.Add(ref aq, 3));
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(Unsafe.Add(ref aq, 4));
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(Unsafe.Add(ref aq, 5));
            c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
        }
        var va = Vector512.Create(alpha);
        if (rows == MR && cols == 16)
        {
            Store512(ref c, va, c00, c01);
            Store512(ref Unsafe.Add(ref c, ldc), va, c10, c11);
            Store512(ref Unsafe.Add(ref c, 2 * ldc), va, c20, c21);
            Store512(ref Unsafe.Add(ref c, 3 * ldc), va, c30, c31);
            Store512(ref Unsafe.Add(ref c, 4 * ldc), va, c40, c41);
            Store512(ref Unsafe.Add(ref c, 5 * ldc), va, c50, c51);
            return;
        }
        Span<double> t = stackalloc double[MR * 16];
        c00.CopyTo(t); c01.CopyTo(t[8..]); c10.CopyTo(t[16..]); c11.CopyTo(t[24..]); c20.CopyTo(t[32..]); c21.CopyTo(t[40..]);
        c30.CopyTo(t[48..]); c31.CopyTo(t[56..]); c40.CopyTo(t[64..]); c41.CopyTo(t[72..]); c50.CopyTo(t[80..]); c51.CopyTo(t[88..]);
        AddEdge(t, 16, ref c, ldc, alpha, rows, cols);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store512(ref double c, Vector512<double> alpha, Vector512<double> lo, Vector512<double> hi)
    {
        Vector512.FusedMultiplyAdd(alpha, lo, Vector512.LoadUnsafe(ref c)).StoreUnsafe(ref c);
        Vector512.FusedMultiplyAdd(alpha, hi, Vector512.LoadUnsafe(ref c, 8)).StoreUnsafe(ref c, 8);
    }

    /// <summary>The portable path: the same tile and the same fused operations, one element at a time.</summary>
    private static void KernelScalar(int kc, ref double ap, ref double bp, ref double c, int ldc, double alpha, int rows, int cols)
    {
        Span<double> t = stackalloc double[MR * 8];
        for (int q = 0; q < kc; q++)
            for (int r = 0; r < MR; r++)
            {
                double x = Unsafe.Add(ref ap, q * MR + r);
                for (int j = 0; j < 8; j++) t[r * 8 + j] = Math.FusedMultiplyAdd(x, Unsafe.Add(ref bp, q * 8 + j), t[r * 8 + j]);
            }
        AddEdge(t, 8, ref c, ldc, alpha, rows, cols);
    }

    private static void AddEdge(ReadOnlySpan<double> t, int nr, ref double c, int ldc, double alpha, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cols; j++)
            {
                ref double cij = ref Unsafe.Add(ref c, r * ldc + j);
                cij = Math.FusedMultiplyAdd(alpha, t[r * nr + j], cij);
            }
    }
}
