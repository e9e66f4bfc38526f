using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ScalingPS.Core.RandomFeatures;

/// <summary>A row-major dense matrix: row i is Data[i*Cols .. (i+1)*Cols).</summary>
internal sealed class RowMatrix
{
    public RowMatrix(int rows, int cols)
    {
        Rows = rows;
        Cols = cols;
        Data = new double[checked(rows * cols)];
    }

    public int Rows { get; }
    public int Cols { get; }
    public double[] Data { get; }
    public Span<double> Row(int i) => Data.AsSpan(i * Cols, Cols);
    public double this[int i, int j]
    {
        get => Data[i * Cols + j];
        set => Data[i * Cols + j] = value;
    }
}

/// <summary>
/// The dense products of the simulator, SIMD over the long (M) dimension. The simulator runs seeds in
/// parallel, so these are single-threaded: no nested parallelism competing for the cores.
/// </summary>
internal static class DenseKernels
{
    /// <summary>C = scale · A Bᵀ, i.e. C[i,j] = scale · ⟨a_i, b_j⟩ (A: p×m, B: n×m). When A and B are the same matrix only half is computed.</summary>
    public static RowMatrix ABt(RowMatrix a, RowMatrix b, double scale, CancellationToken ct)
    {
        if (a.Cols != b.Cols) throw new ArgumentException("Inner dimensions differ.");
        bool sym = ReferenceEquals(a, b);
        var c = new RowMatrix(a.Rows, b.Rows);
        int m = a.Cols;
        // 4 rows of A against 1 row of B per pass: each loaded B vector feeds four FMAs.
        int i = 0;
        for (; i + 4 <= a.Rows; i += 4)
        {
            ct.ThrowIfCancellationRequested();
            int jmax = sym ? i + 4 : b.Rows;
            for (int j = 0; j < jmax; j++)
            {
                Dot4(a.Data.AsSpan(i * m), m, b.Row(j), m, out double d0, out double d1, out double d2, out double d3);
                c[i, j] = scale * d0; c[i + 1, j] = scale * d1; c[i + 2, j] = scale * d2; c[i + 3, j] = scale * d3;
            }
        }
        for (; i < a.Rows; i++)
        {
            int jmax = sym ? i + 1 : b.Rows;
            for (int j = 0; j < jmax; j++) c[i, j] = scale * TensorPrimitives.Dot(a.Row(i), b.Row(j));
        }
        if (sym)
            for (int r = 0; r < c.Rows; r++)
                for (int q = r + 1; q < c.Cols; q++) c[r, q] = c[q, r];
        return c;
    }

    /// <summary>
    /// Four dot products ⟨a_i, b⟩ of length <paramref name="m"/>, where a_i starts at i·<paramref name="stride"/> in
    /// <paramref name="a4"/>: each loaded vector of b feeds four FMAs.
    /// </summary>
    internal static void Dot4(ReadOnlySpan<double> a4, int stride, ReadOnlySpan<double> b, int m, out double d0, out double d1, out double d2, out double d3)
    {
        if (a4.Length < 3 * stride + m || b.Length < m) throw new ArgumentException("Spans too short for Dot4.");
        ref double ar = ref MemoryMarshal.GetReference(a4);
        ref double br = ref MemoryMarshal.GetReference(b);
        int k = 0;
        d0 = d1 = d2 = d3 = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> s0 = Vector256<double>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (; k + 4 <= m; k += 4)
            {
                var bv = Vector256.LoadUnsafe(ref br, (nuint)k);
                s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ar, (nuint)k), bv, s0);
                s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ar, (nuint)(k + stride)), bv, s1);
                s2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ar, (nuint)(k + 2 * stride)), bv, s2);
                s3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ar, (nuint)(k + 3 * stride)), bv, s3);
            }
            d0 = Vector256.Sum(s0); d1 = Vector256.Sum(s1); d2 = Vector256.Sum(s2); d3 = Vector256.Sum(s3);
        }
        for (; k < m; k++)
        {
            double bk = Unsafe.Add(ref br, k);
            d0 += Unsafe.Add(ref ar, k) * bk;
            d1 += Unsafe.Add(ref ar, k + stride) * bk;
            d2 += Unsafe.Add(ref ar, k + 2 * stride) * bk;
            d3 += Unsafe.Add(ref ar, k + 3 * stride) * bk;
        }
    }

    /// <summary>C = scale · Wᵀ R, i.e. row j of C is scale · Σ_i W[i,j] r_i (W: n×r, R: n×m → C: r×m).</summary>
    public static RowMatrix AtB(RowMatrix w, RowMatrix r, double scale, CancellationToken ct)
    {
        if (w.Rows != r.Rows) throw new ArgumentException("Outer dimensions differ.");
        var c = new RowMatrix(w.Cols, r.Cols);
        int i = 0, m = r.Cols;
        // Four rows of R per pass: each row of C is loaded and stored once per four axpys.
        for (; i + 4 <= w.Rows; i += 4)
        {
            if ((i & 15) == 0) ct.ThrowIfCancellationRequested();
            for (int j = 0; j < w.Cols; j++)
                Axpy4(r.Data.AsSpan(i * m), m, scale * w[i, j], scale * w[i + 1, j], scale * w[i + 2, j], scale * w[i + 3, j], c.Row(j));
        }
        for (; i < w.Rows; i++)
        {
            var ri = r.Row(i);
            for (int j = 0; j < w.Cols; j++)
            {
                double f = scale * w[i, j];
                if (f != 0) TensorPrimitives.MultiplyAdd(ri, f, c.Row(j), c.Row(j));
            }
        }
        return c;
    }

    /// <summary>c += f0 r0 + f1 r1 + f2 r2 + f3 r3, where r_t starts at t·m in <paramref name="r4"/>.</summary>
    private static void Axpy4(ReadOnlySpan<double> r4, int m, double f0, double f1, double f2, double f3, Span<double> c)
    {
        if (r4.Length < 4 * m || c.Length < m) throw new ArgumentException("Spans too short for Axpy4.");
        ref double rr = ref MemoryMarshal.GetReference(r4);
        ref double cr = ref MemoryMarshal.GetReference(c);
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var v0 = Vector256.Create(f0);
            var v1 = Vector256.Create(f1);
            var v2 = Vector256.Create(f2);
            var v3 = Vector256.Create(f3);
            for (; k + 4 <= m; k += 4)
            {
                var acc = Vector256.LoadUnsafe(ref cr, (nuint)k);
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref rr, (nuint)k), v0, acc);
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref rr, (nuint)(k + m)), v1, acc);
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref rr, (nuint)(k + 2 * m)), v2, acc);
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref rr, (nuint)(k + 3 * m)), v3, acc);
                acc.StoreUnsafe(ref cr, (nuint)k);
            }
        }
        for (; k < m; k++)
            Unsafe.Add(ref cr, k) += f0 * Unsafe.Add(ref rr, k) + f1 * Unsafe.Add(ref rr, k + m) + f2 * Unsafe.Add(ref rr, k + 2 * m) + f3 * Unsafe.Add(ref rr, k + 3 * m);
    }

    /// <summary>y = A x (A: p×m).</summary>
    public static void Ax(RowMatrix a, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < a.Rows; i++) y[i] = TensorPrimitives.Dot(a.Row(i), x);
    }

    /// <summary>y = Aᵀ x (A: p×m, x: p).</summary>
    public static void Atx(RowMatrix a, ReadOnlySpan<double> x, Span<double> y)
    {
        y.Clear();
        for (int i = 0; i < a.Rows; i++)
            if (x[i] != 0) TensorPrimitives.MultiplyAdd(a.Row(i), x[i], y, y);
    }
}
