using ScalingPS.Core;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.Tests;

public class SpectrumTests
{
    // spec/committee.md §6 item 1 and §10 item 1, each to half a unit of its last printed digit.
    [Theory]
    [InlineData(256, 256, 0.75, 131.8556, 5e-5, 0.008048, 5e-7, double.NaN, 0)]
    [InlineData(1024, 1024, 1.0, 622.887, 5e-4, double.NaN, 0, 410.09, 5e-3)]
    [InlineData(512, 512, 0.25, 136.37, 5e-3, double.NaN, 0, 48.725, 5e-4)]
    [InlineData(10, 10, 1.0, 6.453, 5e-4, double.NaN, 0, 4.505, 5e-4)]
    public void CommitteeSpectrumMatchesSpecReferenceValues(int n, int l, double beta, double top, double topTol,
        double bottom, double bottomTol, double nu2, double nu2Tol)
    {
        var s = PowerLawSpectra.Committee(n, l, beta);
        Assert.Equal(1.0, s.Nu1, 12);
        Approx.Abs(top, s.LambdaMax, topTol, "λ_+");
        if (!double.IsNaN(bottom)) Approx.Abs(bottom, s.LambdaMin, bottomTol, "λ_L");
        if (!double.IsNaN(nu2)) Approx.Abs(nu2, s.Nu2, nu2Tol, "ν₂");
    }

    // Fig. 5 right ν₂ list for β = 0.25, N = 500 (spec/committee.md §5).
    [Theory]
    [InlineData(2, 1.166, 5e-4)] [InlineData(4, 1.486, 5e-4)] [InlineData(5, 1.638, 5e-4)] [InlineData(10, 2.347, 5e-4)]
    [InlineData(20, 3.619, 5e-4)] [InlineData(25, 4.216, 5e-4)] [InlineData(50, 6.994, 5e-4)] [InlineData(100, 12.08, 5e-3)]
    [InlineData(125, 14.50, 5e-3)] [InlineData(250, 26.02, 5e-3)] [InlineData(500, 47.71, 5e-3)]
    public void Fig5RightNu2(int l, double nu2, double tol)
    {
        var s = PowerLawSpectra.Committee(500, l, 0.25);
        Approx.Abs(nu2, s.Nu2, tol, $"ν₂(L={l})");
    }

    // ν₂/L → ζ(2+2β)/ζ(1+β)² for large L (spec/committee.md §10 item 2); the approach is O(L^-β)-slow for small β,
    // so compare against the same ratio computed with the finite-L harmonic sums and check the zeta limit at β = 1.
    [Theory]
    [InlineData(0.25, 0.0635)] [InlineData(0.3, 0.0844)] [InlineData(0.75, 0.293)] [InlineData(1.0, 0.400)]
    public void Nu2OverLApproachesZetaRatio(double beta, double limit)
    {
        int l = 1 << 16;
        var s = PowerLawSpectra.Committee(l, l, beta);
        double finite = PowerLawSpectra.Harmonic(l, 2 + 2 * beta) / Math.Pow(PowerLawSpectra.Harmonic(l, 1 + beta), 2);
        Assert.Equal(finite, s.Nu2 / l, 1e-9);
        double zetaRatio = Zeta(2 + 2 * beta) / Math.Pow(Zeta(1 + beta), 2);
        Approx.Rel(limit, zetaRatio, 2e-3);
        if (beta >= 0.75) Approx.Rel(zetaRatio, s.Nu2 / l, 0.02);
    }

    [Fact]
    public void TopOneNormalisationAndMultiplicities()
    {
        var s = PowerLawSpectra.Committee(1024, 16, 1, SpectrumNormalization.TopOne);
        Assert.Equal(1.0, s.LambdaMax, 14);
        Assert.Equal(Math.Pow(16, -2), s.LambdaMin, 14);
        Assert.All(s.Multiplicities, m => Assert.Equal(64, m));
        Assert.Equal(1024, s.ExpandEigenvalues().Length);
        Assert.Equal(s.Eigenvalues[15], s.ExpandEigenvalues()[1023]);
    }

    [Fact]
    public void RandomFeatureSpectrumAndTargetPower()
    {
        var s = PowerLawSpectra.RandomFeature(2000, 1.5, 1.25);
        Assert.Equal(2000, s.Dimension);
        for (int k = 1; k <= 2000; k += 199)
        {
            Assert.Equal(Math.Pow(k, -1.25), s.Eigenvalues[k - 1], 14);
            Assert.Equal(Math.Pow(k, -1.5), s.Eigenvalues[k - 1] * s.TargetPower[k - 1], 14);
        }
    }

    [Theory]
    [InlineData(1000, 3, 1.0, "L")]
    [InlineData(100, 0, 1.0, "L")]
    [InlineData(0, 1, 1.0, "N")]
    [InlineData(100, 10, double.NaN, "Beta")]
    [InlineData(100, 10, -1.5, "Beta")]
    public void InvalidCommitteeParametersNameTheParameter(int n, int l, double beta, string name)
    {
        var ex = Assert.Throws<ParameterException>(() => PowerLawSpectra.Committee(n, l, beta));
        Assert.Equal(name, ex.ParameterName);
    }

    [Fact]
    public void NonDivisorErrorSuggestsDivisors()
    {
        var ex = Assert.Throws<ParameterException>(() => PowerLawSpectra.Committee(1024, 100, 1));
        Assert.Contains("128", ex.Message);
    }

    [Fact]
    public void EmpiricalSpectrumIsSortedDescending()
    {
        var s = PowerLawSpectra.Empirical([0.5, 2.0, 1.0], [1, 2, 3]);
        Assert.Equal([2.0, 1.0, 0.5], s.Eigenvalues);
        Assert.Equal([2, 3, 1], s.Multiplicities);
        Assert.Equal((2 * 2.0 + 3 * 1.0 + 0.5) / 6, s.Nu1, 14);
    }

    private static double Zeta(double s) => ZetaSum(s);

    // Euler–Maclaurin tail makes the truncated sum accurate to ~1e-12 for s > 1.
    private static double ZetaSum(double s)
    {
        const int n = 10000;
        double sum = 0;
        for (int k = n - 1; k >= 1; k--) sum += Math.Pow(k, -s);
        sum += Math.Pow(n, 1 - s) / (s - 1) + 0.5 * Math.Pow(n, -s) + s / 12 * Math.Pow(n, -s - 1);
        return sum;
    }
}
