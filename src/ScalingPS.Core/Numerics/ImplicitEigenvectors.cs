using System.Numerics.Tensors;

namespace ScalingPS.Core.Numerics;

public static partial class SymmetricEigen
{
    /// <summary>
    /// The eigendecomposition A = U diag(λ) Uᵀ with U kept in factored form: the same Householder reduction and
    /// implicit QL iteration as <see cref="Decompose"/> (so the same eigenvalues, bit for bit), but the QL plane
    /// rotations are recorded instead of being applied to an n×n matrix, and Q is never formed. Products Uᵀx and
    /// U c then cost O(n²) each (the reflectors plus the recorded rotations), against the ~3n³ of accumulating U.
    /// For callers that need the spectrum and a few projections, not the vectors themselves.
    /// </summary>
    public static ImplicitEigenvectors DecomposeImplicit(ReadOnlySpan<double> a, int n, CancellationToken cancellation = default)
    {
        if (n < 1 || a.Length < n * n) throw new ArgumentException("Expected an n×n row-major matrix.", nameof(a));
        var v = a[..(n * n)].ToArray();
        var d = new double[n];
        var e = new double[n];
        var h = Tridiagonalize(v, d, e, n, cancellation, accumulate: false);
        var log = new RotationLog(n);
        DiagonalizeTridiagonal(d, e, n, cancellation, log);
        log.Trim();
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        SortAscending(null, d, n, order);
        return new ImplicitEigenvectors(n, d, v, h, log, order);
    }
}

/// <summary>
/// A symmetric eigendecomposition A = U diag(λ) Uᵀ whose eigenvectors are held as Householder reflectors plus
/// plane rotations (see <see cref="SymmetricEigen.DecomposeImplicit"/>): U = Q Zᵀ Π with Q = P_{n−1} ⋯ P_1 the
/// tridiagonal reduction, Z = R_K ⋯ R_1 the QL rotations and Π the ascending sort. Column j of U is the unit
/// eigenvector of <see cref="Values"/>[j]. Read-only after construction, so products may run on several threads.
/// </summary>
public sealed class ImplicitEigenvectors
{
    private readonly double[] _reflectors;   // row i, first i entries: reflector i
    private readonly double[] _h;
    private readonly SymmetricEigen.RotationLog _log;
    private readonly int[] _order;           // _order[j]: unsorted index of the j-th smallest eigenvalue

    internal ImplicitEigenvectors(int n, double[] values, double[] reflectors, double[] h, SymmetricEigen.RotationLog log, int[] order)
    {
        Size = n;
        Values = values;
        _reflectors = reflectors;
        _h = h;
        _log = log;
        _order = order;
    }

    /// <summary>The order n.</summary>
    public int Size { get; }

    /// <summary>Eigenvalues, ascending.</summary>
    public double[] Values { get; }

    /// <summary>Number of QL plane rotations recorded (each costs 6 flops per product).</summary>
    public int Rotations => _log.Rotations;

    /// <summary>y = Uᵀ x: the coordinates of x in the eigenbasis.</summary>
    public void ToEigenbasis(ReadOnlySpan<double> x, Span<double> y)
    {
        int n = Size;
        if (x.Length < n || y.Length < n) throw new ArgumentException("Vectors shorter than the matrix order.");
        var z = new double[n];
        x[..n].CopyTo(z);
        // Qᵀ = P_1 ⋯ P_{n−1}: apply P_{n−1} first.
        for (int i = n - 1; i > 0; i--) Reflect(z, i);
        _log.Apply(z);
        for (int j = 0; j < n; j++) y[j] = z[_order[j]];
    }

    /// <summary>y = U c: the vector with eigenbasis coordinates c.</summary>
    public void FromEigenbasis(ReadOnlySpan<double> c, Span<double> y)
    {
        int n = Size;
        if (c.Length < n || y.Length < n) throw new ArgumentException("Vectors shorter than the matrix order.");
        var z = y[..n];
        for (int j = 0; j < n; j++) z[_order[j]] = c[j];
        _log.ApplyTransposed(z);
        // Q = P_{n−1} ⋯ P_1: apply P_1 first.
        for (int i = 1; i < n; i++) Reflect(z, i);
    }

    /// <summary>
    /// Y = U C for <paramref name="count"/> coefficient vectors at once: <paramref name="c"/> holds them as the columns of
    /// a row-major n×count matrix (c[j·count + t] is coefficient j of vector t) and <paramref name="y"/> receives U C in
    /// the same layout. Rotations and reflectors run as SIMD over the vectors.
    /// </summary>
    public void FromEigenbasis(ReadOnlySpan<double> c, Span<double> y, int count)
    {
        int n = Size;
        if (count < 1 || c.Length < (long)n * count || y.Length < (long)n * count) throw new ArgumentException("Blocks shorter than the matrix order × count.");
        if (count == 1)
        {
            FromEigenbasis(c, y);
            return;
        }
        var z = y[..(n * count)];
        for (int j = 0; j < n; j++) c.Slice(j * count, count).CopyTo(z.Slice(_order[j] * count, count));
        _log.ApplyTransposed(z, count);
        var acc = new double[count];
        for (int i = 1; i < n; i++)
        {
            double h = _h[i];
            if (h == 0) continue;
            // Z ← P_i Z: acc = uᵀ Z/h over the first i rows, then Z −= u accᵀ.
            var u = _reflectors.AsSpan(i * n, i);
            Array.Clear(acc);
            for (int r = 0; r < i; r++)
                if (u[r] != 0) TensorPrimitives.MultiplyAdd(z.Slice(r * count, count), u[r], acc, acc);
            TensorPrimitives.Divide(acc, h, acc);
            for (int r = 0; r < i; r++)
            {
                var row = z.Slice(r * count, count);
                if (u[r] != 0) TensorPrimitives.MultiplyAdd(acc, -u[r], row, row);
            }
        }
    }

    /// <summary>z ← P_i z = z − u (uᵀz)/h on the first i entries.</summary>
    private void Reflect(Span<double> z, int i)
    {
        double h = _h[i];
        if (h == 0) return;
        var u = _reflectors.AsSpan(i * Size, i);
        var zi = z[..i];
        double f = TensorPrimitives.Dot(u, zi) / h;
        TensorPrimitives.MultiplyAdd(u, -f, zi, zi);
    }
}
