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
}
