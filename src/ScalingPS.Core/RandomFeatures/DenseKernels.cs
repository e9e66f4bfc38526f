using ScalingPS.Core.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ScalingPS.Core.Sampling;

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
/// The dense products of the simulator. The simulator runs seeds in parallel, so these are single-threaded:
/// no nested parallelism competing for the cores.
/// </summary>
internal static class DenseKernels
{
    /// <summary>
    /// C = scale · A Bᵀ, i.e. C[i,j] = scale · ⟨a_i, b_j⟩ (A: p×m, B: n×m), as a cache-blocked packed product
    /// (<see cref="Gemm"/>). When A and B are the same matrix only the lower triangle's tiles are computed and mirrored.
    /// </summary>
    public static RowMatrix ABt(RowMatrix a, RowMatrix b, double scale, CancellationToken ct, SimdLevel level = SimdLevel.Vector512)
    {
        if (a.Cols != b.Cols) throw new ArgumentException("Inner dimensions differ.");
        bool sym = ReferenceEquals(a, b);
        var c = new RowMatrix(a.Rows, b.Rows);
        Gemm.Multiply(a.Rows, b.Rows, a.Cols, scale, a.Data, a.Cols, 1, b.Data, 1, b.Cols, c.Data, c.Cols, sym, ct, Clamp(level));
        if (sym)
            for (int r = 0; r < c.Rows; r++)
                for (int q = r + 1; q < c.Cols; q++) c[r, q] = c[q, r];
        return c;
    }

    /// <summary>The requested path, narrowed to what this machine runs.</summary>
    private static SimdLevel Clamp(SimdLevel level) => level <= SimdLevels.Best ? level : SimdLevels.Best;

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

    /// <summary>C = scale · Wᵀ R, i.e. row j of C is scale · Σ_i W[i,j] r_i (W: n×r, R: n×m → C: r×m), as a packed product.</summary>
    public static RowMatrix AtB(RowMatrix w, RowMatrix r, double scale, CancellationToken ct, SimdLevel level = SimdLevel.Vector512)
    {
        if (w.Rows != r.Rows) throw new ArgumentException("Outer dimensions differ.");
        var c = new RowMatrix(w.Cols, r.Cols);
        Gemm.Multiply(w.Cols, r.Cols, w.Rows, scale, w.Data, 1, w.Cols, r.Data, r.Cols, 1, c.Data, c.Cols, false, ct, Clamp(level));
        return c;
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
