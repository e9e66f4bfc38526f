using System.Numerics.Tensors;
using ScalingPS.Core.Numerics;

namespace ScalingPS.Core.Data;

/// <summary>
/// The eigen-decomposition of a data matrix's covariance: the rows are centred (optionally standardised) and the
/// d×d covariance XᵀX/n is diagonalised when d ≤ n; otherwise the n×n Gram matrix XXᵀ/n, whose non-zero
/// eigenvalues are the same, and the feature-space eigenvectors u_k = Xᵀv_k/√(nλ_k). Eigenvalues descending;
/// numerical zeros (below <see cref="ZeroTolerance"/> λ_max) dropped.
/// </summary>
internal sealed class EmpiricalDecomposition
{
    /// <summary>Eigenvalues below this fraction of the largest are rounding noise (constant features, rank deficiency).</summary>
    public const double ZeroTolerance = 1e-10;

    public required int Samples { get; init; }
    public required int Features { get; init; }
    public required bool GramRoute { get; init; }
    /// <summary>Kept eigenvalues (data units), descending.</summary>
    public required double[] Values { get; init; }
    /// <summary>Kept unit eigenvectors in feature space, row k = u_k (length <see cref="Features"/>).</summary>
    public required double[] Vectors { get; init; }
    /// <summary>Unit Gram eigenvectors v_k (length <see cref="Samples"/>), only on the Gram route.</summary>
    public double[]? GramVectors { get; init; }
    public required int Dropped { get; init; }
    public int Rank => Values.Length;

    /// <summary>Row-major centred (and scaled) copy of the selected rows, as doubles: X (n×d).</summary>
    public static double[] Prepare(FeatureMatrix m, IReadOnlyList<int> rows, bool center, bool standardize,
        out double[] mean, out double[] scale)
    {
        int n = rows.Count, d = m.Columns;
        MemoryBudget.Ensure(3.0 * n * d * 8, (double)n * d, "Matrix", m.Shape, $"the covariance of {n}×{d} data");
        var x = new double[(long)n * d];
        for (int i = 0; i < n; i++) m.CopyRow(rows[i], x.AsSpan(i * d, d));
        mean = new double[d];
        scale = new double[d];
        Array.Fill(scale, 1.0);
        if (center || standardize)
        {
            for (int i = 0; i < n; i++) TensorPrimitives.Add(mean, x.AsSpan(i * d, d), mean);
            TensorPrimitives.Divide(mean, n, mean);
        }
        if (standardize)
        {
            var ss = new double[d];
            var dev = new double[d];
            for (int i = 0; i < n; i++)
            {
                TensorPrimitives.Subtract(x.AsSpan(i * d, d), mean, dev);
                TensorPrimitives.MultiplyAdd(dev, dev, ss, ss);
            }
            for (int j = 0; j < d; j++)
            {
                double sd = Math.Sqrt(ss[j] / n);
                scale[j] = sd > 1e-12 * (1 + Math.Abs(mean[j])) ? 1 / sd : 0; // a constant feature carries nothing
            }
        }
        if (!center) Array.Clear(mean); // standardising alone scales the raw second moments
        for (int i = 0; i < n; i++)
        {
            var row = x.AsSpan(i * d, d);
            TensorPrimitives.Subtract(row, mean, row);
            TensorPrimitives.Multiply(row, scale, row);
        }
        return x;
    }

    /// <summary>
    /// AᵀA / divisor (q×q) of the row-major p×q matrix A, or with <paramref name="rowsAsItems"/> AAᵀ / divisor (p×p).
    /// Blocked over the summed index so that each block of the operand (≈1 MB) stays in cache while every pair of
    /// items is dotted (SIMD); a plain pairwise pass would stream the whole matrix once per item.
    /// </summary>
    public static double[] CrossProduct(double[] a, int p, int q, bool rowsAsItems, double divisor, CancellationToken ct)
    {
        int items = rowsAsItems ? p : q, summed = rowsAsItems ? q : p;
        int len = Math.Clamp(131072 / Math.Max(1, items), 16, 1024);
        var c = new double[(long)items * items];
        var block = new double[(long)items * len];
        var po = new ParallelOptions { CancellationToken = ct };
        for (int s0 = 0; s0 < summed; s0 += len)
        {
            int l = Math.Min(len, summed - s0);
            // block row i = item i's entries over the summed indices [s0, s0 + l)
            if (rowsAsItems)
                for (int i = 0; i < items; i++) Array.Copy(a, (long)i * q + s0, block, (long)i * l, l);
            else
                for (int t = 0; t < l; t++)
                {
                    long src = (long)(s0 + t) * q;
                    for (int i = 0; i < items; i++) block[(long)i * l + t] = a[src + i];
                }
            Parallel.For(0, items, po, i =>
            {
                var bi = block.AsSpan(i * l, l);
                long row = (long)i * items;
                for (int j = i; j < items; j++) c[row + j] += TensorPrimitives.Dot(bi, block.AsSpan(j * l, l));
            });
        }
        for (int i = 0; i < items; i++)
            for (int j = i; j < items; j++)
            {
                double v = c[(long)i * items + j] / divisor;
                c[(long)i * items + j] = v;
                c[(long)j * items + i] = v;
            }
        return c;
    }

    /// <summary>Diagonalises an already-centred X (n×d).</summary>
    public static EmpiricalDecomposition FromPrepared(double[] x, int n, int d, CancellationToken ct)
    {
        if (d <= n)
        {
            var cov = CrossProduct(x, n, d, false, n, ct);
            var (values, vectors) = SymmetricEigen.Decompose(cov, d, ct);
            return Keep(values, vectors, d, n, d, false);
        }
        var gram = CrossProduct(x, n, d, true, n, ct);
        var (gv, gvec) = SymmetricEigen.Decompose(gram, n, ct);
        var kept = Keep(gv, gvec, n, n, d, true);
        // u_k = Xᵀ v_k / √(n λ_k): unit eigenvectors of the covariance for the same eigenvalues.
        var u = new double[(long)kept.Rank * d];
        for (int k = 0; k < kept.Rank; k++)
        {
            var uk = u.AsSpan(k * d, d);
            var vk = kept.Vectors.AsSpan(k * n, n);
            for (int i = 0; i < n; i++) TensorPrimitives.MultiplyAdd(x.AsSpan(i * d, d), vk[i], uk, uk);
            TensorPrimitives.Divide(uk, Math.Sqrt(n * kept.Values[k]), uk);
        }
        return new EmpiricalDecomposition
        {
            Samples = n, Features = d, GramRoute = true, Values = kept.Values, Vectors = u, GramVectors = kept.Vectors, Dropped = kept.Dropped,
        };
    }

    /// <summary>Descending order, numerical zeros dropped; <paramref name="size"/> is the decomposed matrix's order.</summary>
    internal static EmpiricalDecomposition Keep(double[] ascending, double[] vectors, int size, int n, int d, bool gram)
    {
        double top = ascending[^1];
        int kept = 0;
        for (int i = size - 1; i >= 0 && ascending[i] > ZeroTolerance * top && top > 0; i--) kept++;
        var values = new double[kept];
        var vec = new double[(long)kept * size];
        for (int k = 0; k < kept; k++)
        {
            int src = size - 1 - k;
            values[k] = ascending[src];
            Array.Copy(vectors, (long)src * size, vec, (long)k * size, size);
        }
        return new EmpiricalDecomposition
        {
            Samples = n, Features = d, GramRoute = gram, Values = values, Vectors = vec, Dropped = d - kept,
        };
    }
}
