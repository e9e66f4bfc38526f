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
        DiagonalizeTridiagonal(null, d, e, n, cancellation, log);
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        SortAscending(null, d, n, order);
        return new ImplicitEigenvectors(n, d, v, h, log, order);
    }

    /// <summary>
    /// The plane rotations of the QL sweeps in the order they were generated: sweep k rotates the index pairs
    /// (i, i+1) for i = High_k − 1 down to Low_k, each with its (c, s) stored in turn.
    /// </summary>
    internal sealed class RotationLog
    {
        private double[] _cs;
        private int[] _sweeps = new int[64];

        public RotationLog(int n) => _cs = new double[Math.Max(64, 8 * n)];

        public int Rotations { get; private set; }
        public int Sweeps { get; private set; }

        public void BeginSweep(int low, int high)
        {
            if (2 * Sweeps + 2 > _sweeps.Length) Array.Resize(ref _sweeps, 2 * _sweeps.Length);
            _sweeps[2 * Sweeps] = low;
            _sweeps[2 * Sweeps + 1] = high;
            Sweeps++;
        }

        public void Add(double c, double s)
        {
            if (2 * Rotations + 2 > _cs.Length) Array.Resize(ref _cs, 2 * _cs.Length);
            _cs[2 * Rotations] = c;
            _cs[2 * Rotations + 1] = s;
            Rotations++;
        }

        /// <summary>z ← R_K ⋯ R_1 z, each R acting on (z_i, z_{i+1}) as (c z_i − s z_{i+1}, s z_i + c z_{i+1}).</summary>
        public void Apply(Span<double> z)
        {
            int r = 0;
            for (int k = 0; k < Sweeps; k++)
            {
                int low = _sweeps[2 * k], high = _sweeps[2 * k + 1];
                for (int i = high - 1; i >= low; i--, r++)
                {
                    double c = _cs[2 * r], s = _cs[2 * r + 1];
                    double a = z[i], b = z[i + 1];
                    z[i] = c * a - s * b;
                    z[i + 1] = s * a + c * b;
                }
            }
        }

        /// <summary>z ← R_1ᵀ ⋯ R_Kᵀ z: the rotations transposed, last one first.</summary>
        public void ApplyTransposed(Span<double> z)
        {
            int r = Rotations - 1;
            for (int k = Sweeps - 1; k >= 0; k--)
            {
                int low = _sweeps[2 * k], high = _sweeps[2 * k + 1];
                for (int i = low; i < high; i++, r--)
                {
                    double c = _cs[2 * r], s = _cs[2 * r + 1];
                    double a = z[i], b = z[i + 1];
                    z[i] = c * a + s * b;
                    z[i + 1] = c * b - s * a;
                }
            }
        }
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
