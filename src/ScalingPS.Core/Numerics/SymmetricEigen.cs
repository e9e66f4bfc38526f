using System.Runtime.Intrinsics;
using System.Numerics.Tensors;

namespace ScalingPS.Core.Numerics;

/// <summary>
/// Eigendecomposition of a real symmetric matrix, A = U diag(λ) Uᵀ: Householder reduction to tridiagonal form
/// followed by the implicit QL iteration with shifts (the classical tridiagonal-QL scheme),
/// single-threaded (callers parallelise over independent problems), cancellable, with the eigenvector
/// rotations recorded and applied afterwards as SIMD operations on cache-resident column strips.
/// </summary>
public static partial class SymmetricEigen
{
    /// <summary>
    /// Decomposes the symmetric n×n matrix <paramref name="a"/> (row-major; only its lower triangle is read).
    /// Returns eigenvalues in ascending order and the eigenvectors as the rows of <c>Vectors</c>
    /// (row i, i.e. Vectors[i*n .. i*n+n), is the unit eigenvector of Values[i]).
    /// </summary>
    public static (double[] Values, double[] Vectors) Decompose(ReadOnlySpan<double> a, int n, CancellationToken cancellation = default)
    {
        if (n < 1 || a.Length < n * n) throw new ArgumentException("Expected an n×n row-major matrix.", nameof(a));
        var v = a[..(n * n)].ToArray();
        var d = new double[n];
        var e = new double[n];
        Tridiagonalize(v, d, e, n, cancellation);
        // The QL rotations are recorded and applied to Qᵀ afterwards, strip by strip (RotationLog.ApplyToRows), rather
        // than to whole rows as they are generated: the same numbers, without streaming the matrix once per sweep.
        var log = new RotationLog(n) { FlushTarget = v };
        DiagonalizeTridiagonal(d, e, n, cancellation, log);
        log.ApplyToRows(v, n, cancellation);
        SortAscending(v, d, n);
        return (d, v);
    }

    /// <summary>
    /// The eigenvalues only, ascending: the same reduction and QL iteration without forming or rotating the
    /// eigenvectors (about a third of the work), for callers that need many spectra (e.g. jackknife replicates).
    /// </summary>
    public static double[] Values(ReadOnlySpan<double> a, int n, CancellationToken cancellation = default) => Values(a, n, simd: true, cancellation);

    /// <summary>The eigenvalues with the reduction's SIMD kernel on or off (tests compare the two paths).</summary>
    internal static double[] Values(ReadOnlySpan<double> a, int n, bool simd, CancellationToken cancellation)
    {
        if (n < 1 || a.Length < n * n) throw new ArgumentException("Expected an n×n row-major matrix.", nameof(a));
        var v = a[..(n * n)].ToArray();
        var d = new double[n];
        var e = new double[n];
        Tridiagonalize(v, d, e, n, cancellation, accumulate: false, simd);
        DiagonalizeTridiagonal(d, e, n, cancellation, log: null);
        Array.Sort(d);
        return d;
    }

    /// <summary>
    /// Householder reduction A = Q T Qᵀ, row-oriented so that every inner loop is a contiguous SIMD dot or axpy:
    /// for i = n−1 … 1 the reflector P = I − u uᵀ/h maps row i of the active block onto its last entry, and the
    /// block is updated as A ← A − u qᵀ − q uᵀ with p = A u/h, q = p − (uᵀp/2h) u. Only the lower triangle (row j,
    /// columns ≤ j) is read and kept: the symmetric matrix-vector product and the update each touch half the matrix.
    /// On exit d is the diagonal of T, e its sub-diagonal (e[i] = T[i, i−1], e[0] = 0) and v holds Qᵀ (row k = column k of Q);
    /// without <paramref name="accumulate"/>, row i of v holds reflector i in its first i entries instead, and the returned
    /// h[i] is its scale (P_i = I − u uᵀ/h[i]; h[i] = 0: no reflector), with Q = P_{n−1} ⋯ P_1.
    /// </summary>
    private static double[] Tridiagonalize(double[] v, double[] d, double[] e, int n, CancellationToken ct, bool accumulate = true, bool simd = true)
    {
        var h = new double[n];          // h[i] of reflector i (0: none)
        var p = new double[n];
        var q = new double[n];
        // Step i's update A ← A − u qᵀ − q uᵀ is applied lazily, row by row, in the same SIMD pass over the rows as
        // step i−1's product p = A u/h (TridiagonalKernels): each row is read and written once per step instead of
        // going through four separate calls. (The first step has no pending update, and a step without a reflector
        // only updates; those take the separate calls.)
        int pending = 0;                // the step whose update is still to be applied (0: none)
        for (int i = n - 1; i > 0; i--)
        {
            if ((i & 15) == 0) ct.ThrowIfCancellationRequested();
            if (pending != 0) UpdateRow(v, n, i, v.AsSpan(pending * n, pending), q);
            d[i] = v[i * n + i];
            var u = v.AsSpan(i * n, i);  // row i, columns < i: the vector to annihilate, then the reflector
            double scale = TensorPrimitives.SumOfMagnitudes(u);
            double hh = 0;
            if (i == 1 || scale == 0)
            {
                e[i] = u[i - 1];
                h[i] = 0;
            }
            else
            {
                TensorPrimitives.Divide(u, scale, u);
                hh = TensorPrimitives.Dot(u, u);
                double f = u[i - 1];
                double g = f > 0 ? -Math.Sqrt(hh) : Math.Sqrt(hh);
                e[i] = scale * g;
                hh -= f * g;
                u[i - 1] = f - g;
                h[i] = hh;
            }
            // One pass over rows j < i: the pending update of step i+1, then (when there is a reflector) the product
            // p = A u/h from the lower triangle alone (row j holds A[j, 0..j]): a dot for the part left of the
            // diagonal and an axpy for its mirror image above it.
            var pi = p.AsSpan(0, i);
            pi.Clear();
            var pendingU = pending != 0 ? v.AsSpan(pending * n, pending) : default;
            for (int j = 0; j < i; j++)
            {
                var row = v.AsSpan(j * n, j + 1);
                if (pending != 0 && hh != 0)
                {
                    pi[j] += TridiagonalKernels.UpdateAndProduct(row, pendingU, q, pendingU[j], q[j], u, u[j], pi[..j], simd);
                    continue;
                }
                if (pending != 0) UpdateRow(v, n, j, pendingU, q);
                if (hh == 0) continue;
                pi[j] += TensorPrimitives.Dot(row, u[..(j + 1)]);
                TensorPrimitives.MultiplyAdd(row[..j], u[j], pi[..j], pi[..j]);
            }
            if (hh == 0)
            {
                pending = 0;
                continue;
            }
            TensorPrimitives.Divide(pi, hh, pi);
            double k = TensorPrimitives.Dot(u, pi) / (2 * hh);
            TensorPrimitives.MultiplyAdd(u, -k, pi, pi); // q = p − K u
            (p, q) = (q, p);
            pending = i;
        }
        // The last reflector is at i ≥ 2, so its update has reached every row by the pass of step 1.
        d[0] = v[0];
        e[0] = 0;
        if (!accumulate) return h;
        var qm = FormQ(v, h, n, ct);
        // v ← Qᵀ.
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++) v[c * n + r] = qm[r * n + c];
        return h;
    }

    /// <summary>
    /// Implicit QL on the tridiagonal (d, e). The eigenvectors are not touched here: <paramref name="log"/> records each
    /// plane rotation (c, s; the d, e arithmetic does not depend on the vectors) for the caller to apply to Qᵀ, to a
    /// few vectors, or (null) not at all.
    /// </summary>
    private static void DiagonalizeTridiagonal(double[] d, double[] e, int n, CancellationToken ct, RotationLog? log)
    {
        for (int i = 1; i < n; i++) e[i - 1] = e[i];
        e[n - 1] = 0;
        double f = 0, tst1 = 0, eps = Math.Pow(2, -52);
        for (int l = 0; l < n; l++)
        {
            ct.ThrowIfCancellationRequested();
            tst1 = Math.Max(tst1, Math.Abs(d[l]) + Math.Abs(e[l]));
            int m = l;
            while (m < n - 1 && Math.Abs(e[m]) > eps * tst1) m++;
            if (m > l)
            {
                int iterations = 0;
                do
                {
                    if (++iterations > 100) throw new InvalidOperationException("Symmetric eigensolver did not converge.");
                    // Shift from the leading 2×2 block.
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2 * e[l]);
                    double r = Hypot(p, 1);
                    if (p < 0) r = -r;
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) d[i] -= h;
                    f += h;
                    // Chase the bulge with plane rotations from m − 1 down to l.
                    p = d[m];
                    log?.BeginSweep(l, m);
                    double c = 1, c2 = 1, c3 = 1, el1 = e[l + 1], s = 0, s2 = 0;
                    for (int i = m - 1; i >= l; i--)
                    {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        // Rows i and i+1 of the vectors: (wᵢ, wᵢ₊₁) ← (c wᵢ − s wᵢ₊₁, s wᵢ + c wᵢ₊₁), recorded.
                        log?.Add(c, s);
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.Abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = 0;
        }
    }

    /// <summary>Reflectors per block of the blocked back-transformation.</summary>
    private const int QBlock = 32;

    /// <summary>
    /// Q = P_{n−1} ⋯ P_1 from the reflectors (row i of <paramref name="v"/>, first i entries; scale h[i]), built as
    /// Q ← H Q for blocks of reflectors a … b, where H = P_b ⋯ P_a = I − V T Vᵀ in compact WY form (V = [u_b … u_a]
    /// zero-padded, T upper triangular): two matrix products through the packed GEMM per block instead of a
    /// matrix–vector product and a rank-1 update per reflector. Q stays identity outside its leading b×b block, so
    /// each block works on that block only.
    /// </summary>
    private static double[] FormQ(double[] v, double[] h, int n, CancellationToken ct)
    {
        var qm = new double[n * n];
        for (int i = 0; i < n; i++) qm[i * n + i] = 1;
        var vb = new double[n * QBlock];
        var t = new double[QBlock * QBlock];
        var w = new double[QBlock * n];
        var tw = new double[QBlock * n];
        var z = new double[QBlock];
        var level = Sampling.SimdLevels.Best;
        for (int a = 1; a < n; a += QBlock)
        {
            ct.ThrowIfCancellationRequested();
            int b = Math.Min(a + QBlock - 1, n - 1), nb = b - a + 1, rows = b; // reflector b has length b: rows 0..b−1
            // V (rows × nb, row-major): column j is reflector r = b − j, zero beyond its length; τ = 1/h (0: none).
            Array.Clear(vb, 0, rows * nb);
            Array.Clear(t, 0, nb * nb);
            for (int j = 0; j < nb; j++)
            {
                int r = b - j;
                if (h[r] == 0) continue;
                for (int k = 0; k < r; k++) vb[k * nb + j] = v[r * n + k];
            }
            for (int j = 0; j < nb; j++)
            {
                int r = b - j;
                double tau = h[r] == 0 ? 0 : 1 / h[r];
                t[j * nb + j] = tau;
                if (j == 0 || tau == 0) continue;
                // T[0..j, j] = −τ T[0..j, 0..j] (V[:, 0..j]ᵀ v_j).
                for (int i = 0; i < j; i++)
                {
                    double s = 0;
                    for (int k = 0; k < rows; k++) s += vb[k * nb + i] * vb[k * nb + j];
                    z[i] = s;
                }
                for (int i = 0; i < j; i++)
                {
                    double s = 0;
                    for (int k = i; k < j; k++) s += t[i * nb + k] * z[k];
                    t[i * nb + j] = -tau * s;
                }
            }
            // W = Vᵀ Q[0..rows, 0..rows]; TW = T W; Q[0..rows, 0..rows] −= V TW.
            Array.Clear(w, 0, nb * rows);
            Array.Clear(tw, 0, nb * rows);
            Gemm.Multiply(nb, rows, rows, 1, vb, 1, nb, qm, n, 1, w, rows, false, ct, level);
            Gemm.Multiply(nb, rows, nb, 1, t, nb, 1, w, rows, 1, tw, rows, false, ct, level);
            Gemm.Multiply(rows, rows, nb, -1, vb, nb, 1, tw, rows, 1, qm, n, false, ct, level);
        }
        return qm;
    }

    /// <summary>Row j of the lower triangle, columns ≤ j: row ← row − q u[j] − u q[j] (the symmetric rank-2 update).</summary>
    private static void UpdateRow(double[] v, int n, int j, ReadOnlySpan<double> u, ReadOnlySpan<double> q)
    {
        var row = v.AsSpan(j * n, j + 1);
        TensorPrimitives.MultiplyAdd(q[..(j + 1)], -u[j], row, row);
        TensorPrimitives.MultiplyAdd(u[..(j + 1)], -q[j], row, row);
    }

    private static double Hypot(double a, double b)
    {
        double x = Math.Abs(a), y = Math.Abs(b);
        if (x < y) (x, y) = (y, x);
        if (x == 0) return 0;
        double r = y / x;
        return x * Math.Sqrt(1 + r * r);
    }

    /// <summary>Selection sort of the eigenpairs by value (O(n²) swaps of rows, negligible next to the O(n³) work).</summary>
    private static void SortAscending(double[]? w, double[] d, int n, int[]? order = null)
    {
        for (int i = 0; i < n - 1; i++)
        {
            int k = i;
            for (int j = i + 1; j < n; j++)
                if (d[j] < d[k]) k = j;
            if (k == i) continue;
            (d[i], d[k]) = (d[k], d[i]);
            if (order is not null) (order[i], order[k]) = (order[k], order[i]);
            if (w is null) continue;
            var ri = w.AsSpan(i * n, n);
            var rk = w.AsSpan(k * n, n);
            for (int j = 0; j < n; j++) (ri[j], rk[j]) = (rk[j], ri[j]);
        }
    }
}
