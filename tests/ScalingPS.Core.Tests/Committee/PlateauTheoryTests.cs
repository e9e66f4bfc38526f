using ScalingPS.Core.Committee;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.Tests.Committee;

public class PlateauTheoryTests
{
    [Theory]
    [InlineData(2, 0.005805, 0.4082)]
    [InlineData(3, 0.006766, 0.2582)]
    [InlineData(4, 0.007094, 0.1890)]
    [InlineData(5, 0.007245, 0.1491)]
    [InlineData(6, 0.007327, 0.1231)]
    [InlineData(8, 0.007408, 0.0913)]
    [InlineData(10, 0.007445, 0.0725)]
    public void HeightAndFixedPointMatchTheTable(int k, double height, double rStar)
    {
        // spec §4.1 table (printed digits), and ε_g of the fixed point from the closed form of §2.3.
        var p = PlateauTheory.Compute(PowerLawSpectra.Committee(64, 4, 1), k, 0.1, 0.01);
        Approx.Abs(height, p.Height, 5e-7, "height");
        Approx.Abs(rStar, p.RStar, 5e-5, "R*");
        Approx.Rel(1.0 / (2 * k - 1), p.QStar, 1e-15, "Q*");
        var q = Enumerable.Repeat(p.QStar, k * k).ToArray();
        var r = Enumerable.Repeat(p.RStar, k * k).ToArray();
        var t = new double[k * k];
        for (int i = 0; i < k; i++) t[i * k + i] = 1;
        Approx.Rel(p.Height, GeneralizationError.Compute(Activation.Erf, Activation.Erf, OutputNormalization.InverseSqrt, q, r, t, k, k), 1e-12, "ε_g at the fixed point");
    }

    [Fact]
    public void EscapeRateFactorsAndReferenceTimes()
    {
        // §10 items 21–22.
        double[] gammaHat = [0.032875, 0.015373, 0.008912, 0.005817, 0.004095, 0.003039, 0.002345, 0.001864, 0.001518];
        for (int k = 2; k <= 10; k++) Approx.Abs(gammaHat[k - 2], PlateauTheory.EscapeRateFactor(k), 5e-7, $"γ̂({k})");
        Approx.Rel(1 / (2 * Math.PI * 400 * 400), PlateauTheory.EscapeRateFactor(400), 0.01, "γ̂ → 1/(2πK²)");
        foreach (var (k, n, l, beta, eta, inverse) in new[]
        {
            (2, 1024, 1, 1.0, 0.1, 304.0), (2, 1024, 4, 1.0, 0.1, 143.0), (2, 1024, 16, 1.0, 0.1, 44.0),
            (2, 512, 512, 0.25, 0.01, 62.0), (3, 512, 512, 0.25, 0.01, 134.0), (4, 512, 512, 0.25, 0.01, 230.0),
            (5, 512, 512, 0.25, 0.01, 353.0), (6, 512, 512, 0.25, 0.01, 501.0),
            (6, 500, 1, 0.25, 0.01, 24419.0), (6, 500, 5, 0.25, 0.01, 14905.0), (6, 500, 25, 0.25, 0.01, 5793.0),
            (4, 7000, 10, 1.0, 0.1, 249.0),
        })
        {
            var p = PlateauTheory.Compute(PowerLawSpectra.Committee(n, l, beta), k, eta, 0.01);
            Assert.Equal(inverse, Math.Round(1 / p.EscapeRate));
        }
    }

    [Fact]
    public void LengthFollowsTheLogConvention()
    {
        var s = PowerLawSpectra.Committee(1024, 16, 1);
        var a = PlateauTheory.Compute(s, 2, 0.1, 0.01);
        Approx.Rel(0.01 * Math.Sqrt(s.Nu2 / 1024), a.InitialAsymmetry, 1e-15, "S₀ = σ_J √(ν₂/N)");
        Approx.Rel(Math.Log(1 / a.InitialAsymmetry) / a.EscapeRate, a.Length, 1e-15, "(1/γ) ln(1/S₀)");
        var v = PlateauTheory.Compute(s, 2, 0.1, 0.01, 3, PlateauLogArgument.Variance, 25);
        Approx.Rel(25 + Math.Log(3 / (a.InitialAsymmetry * a.InitialAsymmetry)) / a.EscapeRate, v.Length, 1e-15, "α₀ + (1/γ) ln(c/S₀²)");
        // The slope of the length against ln(1/σ_J) is 1/γ_esc (§10 item 23).
        var b = PlateauTheory.Compute(s, 2, 0.1, 0.0001);
        Approx.Rel(1 / a.EscapeRate, (b.Length - a.Length) / Math.Log(100), 1e-12, "d Length / d ln(1/σ_J)");
    }
}
