using MathNet.Numerics.LinearAlgebra;
using ScalingPS.Core.Numerics;

namespace ScalingPS.Core.Tests.RandomFeatures;

/// <summary>The symmetric eigensolver used by the simulator: reconstruction, orthogonality, and MathNet as a peer.</summary>
public class SymmetricEigenTests
{
    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(7)] [InlineData(64)] [InlineData(150)]
    public void DecomposesRandomSymmetricMatrices(int n)
    {
        var rng = new Random(n);
        var b = new double[n * n];
        for (int i = 0; i < b.Length; i++) b[i] = rng.NextDouble() - 0.5;
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++) s += b[i * n + k] * b[j * n + k];
                a[i * n + j] = s + (i == j ? 0.1 : 0);
            }
        var (values, vectors) = SymmetricEigen.Decompose(a, n);
        double scale = values.Max(Math.Abs);
        // The values-only path runs the same reduction and QL shifts without the vectors: the same eigenvalues.
        var only = SymmetricEigen.Values(a, n);
        for (int i = 0; i < n; i++) Approx.Abs(values[i], only[i], 1e-12 * scale, $"Values()[{i}]");
        for (int i = 1; i < n; i++) Assert.True(values[i] >= values[i - 1]);
        // A u_i = λ_i u_i and UᵀU = I.
        for (int i = 0; i < n; i++)
        {
            for (int r = 0; r < n; r++)
            {
                double au = 0;
                for (int k = 0; k < n; k++) au += a[r * n + k] * vectors[i * n + k];
                Approx.Abs(values[i] * vectors[i * n + r], au, 1e-11 * scale, $"(A u − λ u)[{r}] for λ_{i}");
            }
            for (int j = 0; j <= i; j++)
            {
                double dot = 0;
                for (int k = 0; k < n; k++) dot += vectors[i * n + k] * vectors[j * n + k];
                Approx.Abs(i == j ? 1 : 0, dot, 1e-12, $"u_{i}·u_{j}");
            }
        }
        var peer = Matrix<double>.Build.Dense(n, n, a).Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).OrderBy(x => x).ToArray();
        for (int i = 0; i < n; i++) Approx.Abs(peer[i], values[i], 1e-11 * scale, $"λ_{i} vs MathNet");
    }

    [Fact]
    public void HandlesDegenerateAndDiagonalMatrices()
    {
        // Identity (all eigenvalues equal) and a diagonal matrix with repeated entries.
        var id = new double[16];
        for (int i = 0; i < 4; i++) id[i * 4 + i] = 1;
        var (v1, _) = SymmetricEigen.Decompose(id, 4);
        Assert.All(v1, x => Assert.Equal(1, x, 14));
        double[] diag = [3, 0, 0, 0, 0, 1, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0];
        var (v2, u2) = SymmetricEigen.Decompose(diag, 4);
        Assert.Equal([0, 1, 3, 3], v2.Select(x => Math.Round(x, 12)).ToArray());
        Assert.Equal(1, Math.Abs(u2[0 * 4 + 3]), 12); // eigenvalue 0 belongs to the last coordinate
    }

    /// <summary>
    /// Clustered and repeated eigenvalues (Q diag(λ) Qᵀ with a random orthogonal Q): the residual ‖A u − λ u‖ and
    /// the loss of orthogonality |uᵢ·uⱼ − δᵢⱼ| stay within 10·n·ε·‖A‖ and 10·n·ε, the backward-stable bounds of a
    /// Householder + QL solver, and the eigenvalues match MathNet's and the construction's to the same bound.
    /// </summary>
    [Theory]
    [InlineData(60, 0)] [InlineData(200, 1)] [InlineData(200, 2)]
    public void ClusteredAndDegenerateSpectraStayAccurate(int n, int kind)
    {
        var rng = new Random(17 + kind);
        var q = RandomOrthogonal.Rows(n, rng); // rows of q are the columns of Q
        // kind 0: five values repeated; 1: clusters 1e-10 apart around 1, 2, 3 and a zero block; 2: geometric over 1e-12 … 1.
        var lambda = new double[n];
        for (int i = 0; i < n; i++)
            lambda[i] = kind switch
            {
                0 => i % 5,
                1 => i < n / 4 ? 0 : 1 + i % 3 + 1e-10 * i,
                _ => Math.Pow(1e-12, (double)i / (n - 1)),
            };
        var a = new double[n * n];
        for (int r = 0; r < n; r++)
            for (int c = 0; c <= r; c++)
            {
                double s = 0;
                for (int k = 0; k < n; k++) s += q[k * n + r] * lambda[k] * q[k * n + c];
                a[r * n + c] = a[c * n + r] = s;
            }
        var (values, vectors) = SymmetricEigen.Decompose(a, n);
        double norm2 = lambda.Max(Math.Abs), eps = Math.Pow(2, -52);
        double resTol = 10 * n * eps * norm2, orthTol = 10 * n * eps;
        var sorted = lambda.OrderBy(x => x).ToArray();
        var peer = Matrix<double>.Build.Dense(n, n, a).Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).OrderBy(x => x).ToArray();
        for (int i = 0; i < n; i++)
        {
            Approx.Abs(sorted[i], values[i], resTol, $"λ_{i} vs construction");
            Approx.Abs(peer[i], values[i], resTol, $"λ_{i} vs MathNet");
            double res = 0;
            for (int r = 0; r < n; r++)
            {
                double au = 0;
                for (int k = 0; k < n; k++) au += a[r * n + k] * vectors[i * n + k];
                res += (au - values[i] * vectors[i * n + r]) * (au - values[i] * vectors[i * n + r]);
            }
            Assert.True(Math.Sqrt(res) <= resTol, $"‖A u − λ u‖ = {Math.Sqrt(res):G3} > {resTol:G3} for λ_{i}");
            for (int j = 0; j <= i; j++)
            {
                double dot = 0;
                for (int k = 0; k < n; k++) dot += vectors[i * n + k] * vectors[j * n + k];
                Approx.Abs(i == j ? 1 : 0, dot, orthTol, $"u_{i}·u_{j}");
            }
        }
    }

    [Fact]
    public void CancellationStopsTheDecomposition()
    {
        var a = new double[100 * 100];
        for (int i = 0; i < 100; i++) a[i * 100 + i] = i;
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => SymmetricEigen.Decompose(a, 100, cts.Token));
    }
}
