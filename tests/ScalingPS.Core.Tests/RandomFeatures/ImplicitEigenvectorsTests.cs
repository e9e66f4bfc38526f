using MathNet.Numerics.LinearAlgebra;
using ScalingPS.Core.Numerics;

namespace ScalingPS.Core.Tests.RandomFeatures;

/// <summary>
/// The factored eigendecomposition (reflectors + recorded QL rotations) against the explicit one and against the
/// definition, on the spectra a simulator meets: random, clustered, repeated, graded (power law, the realistic kernel
/// case), geometric down to 1e-12, diagonal, and the tiny orders 1, 2, 3. Tolerances are those of a backward-stable
/// solver at these orders: ‖UᵀU − I‖ ≤ 1e-12 and ‖A u − λ u‖ ≤ 1e-12·‖A‖ (10·n·ε ≈ 4·10⁻¹³ at n = 200), eigenvalues
/// within 1e-12·‖A‖ of MathNet's.
/// </summary>
public class ImplicitEigenvectorsTests
{
    public static TheoryData<string, int> Kinds => new()
    {
        { "random", 150 }, { "clustered", 200 }, { "repeated", 120 }, { "graded", 200 }, { "geometric", 160 },
        { "diagonal", 40 }, { "random", 1 }, { "random", 2 }, { "random", 3 }, { "repeated", 3 }, { "graded", 2 },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void FactoredFormIsAnOrthogonalEigenbasis(string kind, int n)
    {
        var a = Matrix(kind, n, out double norm);
        var f = SymmetricEigen.DecomposeImplicit(a, n);
        var (values, vectors) = SymmetricEigen.Decompose(a, n);
        // Same reduction and QL arithmetic: the same eigenvalues bit for bit, ascending.
        Assert.Equal(values, f.Values);
        var peer = Matrix<double>.Build.Dense(n, n, a).Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).OrderBy(x => x).ToArray();
        for (int i = 0; i < n; i++) Approx.Abs(peer[i], f.Values[i], 1e-12 * norm, $"{kind}: λ_{i} vs MathNet");

        // U column by column from the factored form: U e_j.
        var u = new double[n][];
        var e = new double[n];
        for (int j = 0; j < n; j++)
        {
            Array.Clear(e);
            e[j] = 1;
            u[j] = new double[n];
            f.FromEigenbasis(e, u[j]);
        }
        for (int j = 0; j < n; j++)
        {
            // Residual ‖A u_j − λ_j u_j‖ and agreement with the explicit solver's vector (same rotations, other rounding).
            double res = 0, diff = 0;
            for (int r = 0; r < n; r++)
            {
                double au = 0;
                for (int k = 0; k < n; k++) au += a[r * n + k] * u[j][k];
                res += Sq(au - f.Values[j] * u[j][r]);
                diff = Math.Max(diff, Math.Abs(u[j][r] - vectors[j * n + r]));
            }
            Assert.True(Math.Sqrt(res) <= 1e-12 * norm, $"{kind} n={n}: ‖A u − λ u‖ = {Math.Sqrt(res):G3} for λ_{j}");
            Assert.True(diff <= 1e-12, $"{kind} n={n}: factored and explicit u_{j} differ by {diff:G3}");
            for (int i = 0; i <= j; i++)
            {
                double dot = 0;
                for (int k = 0; k < n; k++) dot += u[i][k] * u[j][k];
                Approx.Abs(i == j ? 1 : 0, dot, 1e-12, $"{kind} n={n}: u_{i}·u_{j}");
            }
        }

        // Uᵀx is the transpose of the same U, and U Uᵀ x = x.
        var rng = new Random(n);
        var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double xn = Math.Sqrt(x.Sum(Sq));
        var c = new double[n];
        f.ToEigenbasis(x, c);
        for (int j = 0; j < n; j++)
        {
            double dot = 0;
            for (int k = 0; k < n; k++) dot += u[j][k] * x[k];
            Approx.Abs(dot, c[j], 1e-12 * xn, $"{kind} n={n}: (Uᵀx)_{j}");
        }
        var back = new double[n];
        f.FromEigenbasis(c, back);
        for (int k = 0; k < n; k++) Approx.Abs(x[k], back[k], 1e-12 * xn, $"{kind} n={n}: (U Uᵀ x)_{k}");
    }

    /// <summary>
    /// The reduction's fused SIMD row kernel against its scalar fallback (the path of machines without 256-bit
    /// vectors): the same eigenvalues to 10·n·ε·‖A‖ (they differ only in rounding order), both within that of MathNet's.
    /// </summary>
    [Theory]
    [InlineData("random", 97)] [InlineData("graded", 130)] [InlineData("clustered", 64)] [InlineData("random", 3)]
    public void ReductionKernelScalarAndSimdPathsAgree(string kind, int n)
    {
        var a = Matrix(kind, n, out double norm);
        var simd = SymmetricEigen.Values(a, n, simd: true, default);
        var scalar = SymmetricEigen.Values(a, n, simd: false, default);
        var peer = Matrix<double>.Build.Dense(n, n, a).Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).OrderBy(x => x).ToArray();
        double tol = 10 * n * Math.Pow(2, -52) * norm;
        for (int i = 0; i < n; i++)
        {
            Approx.Abs(scalar[i], simd[i], tol, $"{kind}: λ_{i} SIMD vs scalar");
            Approx.Abs(peer[i], scalar[i], tol, $"{kind}: λ_{i} scalar vs MathNet");
        }
    }

    /// <summary>U C for a block of vectors (SIMD over the vectors, with a scalar tail) equals U c vector by vector.</summary>
    [Theory]
    [InlineData("graded", 120, 1)] [InlineData("graded", 120, 3)] [InlineData("random", 90, 7)] [InlineData("clustered", 64, 32)] [InlineData("random", 2, 5)]
    public void BlockProductMatchesVectorByVector(string kind, int n, int count)
    {
        var f = SymmetricEigen.DecomposeImplicit(Matrix(kind, n, out _), n);
        var rng = new Random(count);
        var c = new double[n * count];
        for (int i = 0; i < c.Length; i++) c[i] = rng.NextDouble() - 0.5;
        var block = new double[n * count];
        f.FromEigenbasis(c, block, count);
        var ct = new double[n];
        var yt = new double[n];
        for (int t = 0; t < count; t++)
        {
            for (int j = 0; j < n; j++) ct[j] = c[j * count + t];
            f.FromEigenbasis(ct, yt);
            double norm = Math.Sqrt(ct.Sum(x => x * x));
            for (int k = 0; k < n; k++) Approx.Abs(yt[k], block[k * count + t], 1e-13 * norm, $"{kind} n={n}: (U C)[{k}, {t}]");
        }
    }

    [Fact]
    public void CancellationStopsTheFactoredDecomposition()
    {
        var a = Matrix("random", 100, out _);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => SymmetricEigen.DecomposeImplicit(a, 100, cts.Token));
    }

    [Fact]
    public void RecordsTheRotationsInsteadOfApplyingThem()
    {
        // A tridiagonal-free (diagonal) matrix needs no rotation; a random one needs O(n²) of them, far fewer than n³.
        Assert.Equal(0, SymmetricEigen.DecomposeImplicit(Matrix("diagonal", 40, out _), 40).Rotations);
        int r = SymmetricEigen.DecomposeImplicit(Matrix("random", 150, out _), 150).Rotations;
        Assert.InRange(r, 150, 4 * 150 * 150);
    }

    private static double Sq(double x) => x * x;

    /// <summary>A symmetric test matrix of the named kind (row-major) and its 2-norm (largest |λ|).</summary>
    internal static double[] Matrix(string kind, int n, out double norm)
    {
        var rng = new Random(31 * n + kind.Length);
        var a = new double[n * n];
        if (kind == "random")
        {
            for (int i = 0; i < n; i++)
                for (int j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rng.NextDouble() - 0.5;
            norm = Matrix<double>.Build.Dense(n, n, a).L2Norm();
            return a;
        }
        var lambda = new double[n];
        for (int i = 0; i < n; i++)
            lambda[i] = kind switch
            {
                "clustered" => i < n / 4 ? 0 : 1 + i % 3 + 1e-10 * i,       // clusters 1e-10 apart and a zero block
                "repeated" => i % 5,                                         // five values, each repeated
                "graded" => Math.Pow(i + 1, -1.25),                          // power-law spectrum k^−b, as a kernel's
                "geometric" => Math.Pow(1e-12, (double)i / Math.Max(1, n - 1)),
                "diagonal" => (i * 7) % 11 - 5,
                _ => throw new ArgumentException(kind),
            };
        norm = lambda.Max(Math.Abs);
        if (kind == "diagonal")
        {
            for (int i = 0; i < n; i++) a[i * n + i] = lambda[i];
            return a;
        }
        // Q diag(λ) Qᵀ with Q orthogonal (rows of q are Q's columns).
        var q = RandomOrthogonal.Rows(n, rng);
        for (int r = 0; r < n; r++)
            for (int c = 0; c <= r; c++)
            {
                double s = 0;
                for (int k = 0; k < n; k++) s += q[k * n + r] * lambda[k] * q[k * n + c];
                a[r * n + c] = a[c * n + r] = s;
            }
        return a;
    }
}
