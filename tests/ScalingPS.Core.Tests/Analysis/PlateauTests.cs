using ScalingPS.Core.Analysis;
using ScalingPS.Core.Committee;

namespace ScalingPS.Core.Tests.Analysis;

public class PlateauTests
{
    // A step-like curve on log axes: slope −1 down to height h at x = 10, flat to x = 1000, slope −2 after.
    private const double H = 6e-3, X1 = 10, X2 = 1000;

    private static double Step(double x) => x < X1 ? H * X1 / x : x <= X2 ? H : H * Math.Pow(X2 / x, 2);

    // 20 points per decade: 0.05 decades apart. The band (10 %) meets the slope-1 descent 0.041 decades before
    // X1 and the slope-2 drop 0.021 decades after X2, so the detected ends are within one grid step (+ that) of
    // the truth; the tolerance is 0.1 decades.
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.03)]
    public void StepCurveRecoversStartEndHeightAndEscape(double noise)
    {
        var x = Synthetic.LogSpaced(0.1, 1e5, 121);
        var y = Synthetic.Noisy(x, Step, noise, 17);
        var p = Assert.Single(PlateauDetector.Detect(x, y, new PlateauOptions()));
        Assert.True(p.HasPlateau);
        Approx.Abs(Math.Log10(X1), Math.Log10(p.Start!.Value), 0.1, "log10 start");
        Approx.Abs(Math.Log10(X2), Math.Log10(p.End!.Value), 0.1, "log10 end");
        Approx.Rel(H, p.Height, noise == 0 ? 1e-12 : 0.01, "height");
        // y < h/2 first at x > X2·√2 (the slope-2 drop): the first grid point beyond it.
        double expectedEscape = x.First(v => v > X2 * Math.Sqrt(2));
        Assert.True(p.Escaped);
        Approx.Abs(Math.Log10(expectedEscape), Math.Log10(p.EscapeX!.Value), noise == 0 ? 1e-12 : 0.051, "log10 escape");
        Approx.Abs(2, p.LengthDecades, 0.2, "decades");
    }

    [Fact]
    public void TwoPlateausAreReportedInOrder()
    {
        static double F(double x) => x < 1 ? 1e-2 / x : x < 10 ? 1e-2 : x < 100 ? 1e-2 * Math.Pow(x / 10, -1.5) : x < 1e4 ? 1e-2 * Math.Pow(10, -1.5) : 1e-2 * Math.Pow(10, -1.5) * Math.Pow(x / 1e4, -1);
        var x = Synthetic.LogSpaced(0.1, 1e6, 141);
        var ps = PlateauDetector.Detect(x, x.Select(F).ToArray(), new PlateauOptions());
        Assert.Equal(2, ps.Count);
        Assert.Equal([1, 2], ps.Select(p => p.Index));
        Approx.Rel(1e-2, ps[0].Height, 1e-12);
        Approx.Rel(1e-2 * Math.Pow(10, -1.5), ps[1].Height, 1e-12);
        Assert.True(ps[0].End < ps[1].Start);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.03)]
    public void PowerLawHasNoPlateau(double noise)
    {
        var x = Synthetic.LogSpaced(1, 1e4, 81);
        var p = Assert.Single(PlateauDetector.Detect(x, Synthetic.Noisy(x, v => Math.Pow(v, -0.5), noise, 5), new PlateauOptions()));
        Assert.False(p.HasPlateau);
        Assert.Null(p.Height);
    }

    [Fact]
    public void FinalFloorIsAPlateauThatNeverEscapes()
    {
        var x = Synthetic.LogSpaced(1, 1e6, 121);
        var p = Assert.Single(PlateauDetector.Detect(x, x.Select(v => 1e-3 + 1 / v).ToArray(), new PlateauOptions()));
        Assert.True(p.HasPlateau);
        Assert.False(p.Escaped);
        Assert.Equal(1e6, p.End!.Value, 6);
        Approx.Rel(1e-3, p.Height, 0.05);
    }

    [Fact]
    public void InitialConditionIsNotAPlateauUnlessAskedFor()
    {
        static double F(double x) => x < 10 ? 1 : x < 100 ? 10 / x : x < 1e4 ? 0.1 : 1e3 / x;
        var x = Synthetic.LogSpaced(1, 1e6, 121);
        var y = x.Select(F).ToArray();
        var p = Assert.Single(PlateauDetector.Detect(x, y, new PlateauOptions()));
        Approx.Rel(0.1, p.Height, 1e-12);
        var both = PlateauDetector.Detect(x, y, new PlateauOptions { IncludeInitial = true });
        Assert.Equal(2, both.Count);
        Assert.Equal(1, both[0].Start);
        Approx.Rel(1, both[0].Height, 1e-12);
        // The first sample at y < 1/2 after x = 1: 10/x < 1/2 ⇒ x > 20.
        Assert.Equal(x.First(v => v > 20), both[0].EscapeX);
    }

    [Fact]
    public void ShortFlatStretchIsBelowMinDecades()
    {
        static double F(double x) => x < 10 ? 10 / x : x < 20 ? 1 : 20 / x;
        var x = Synthetic.LogSpaced(1, 1e3, 61);
        var y = x.Select(F).ToArray();
        Assert.False(Assert.Single(PlateauDetector.Detect(x, y, new PlateauOptions())).HasPlateau);
        Assert.True(PlateauDetector.Detect(x, y, new PlateauOptions { MinDecades = 0.2 })[0].HasPlateau);
    }

    [Fact]
    public void CommitteeLikeCurveEscapesAtTheAnalyticHalfHeight()
    {
        // ε(α) = (ε0 e^{−α/τ} + h) / (1 + (α/α_e)^4): relaxes onto h, then leaves it; ε = h/2 at α ≈ α_e.
        const double eps0 = 0.3, tau = 2, h = 6.1e-3, alphaE = 2000;
        var curve = Synthetic.LogSpaced(0.1, 1e5, 151).Select(a => new CommitteePoint
        {
            Alpha = a, EpsG = (eps0 * Math.Exp(-a / tau) + h) / (1 + Math.Pow(a / alphaE, 4)),
        }).ToList();
        var p = PlateauHelpers.FirstPlateau(curve, new PlateauOptions());
        Assert.NotNull(p);
        Approx.Rel(h, p.Height, 0.01, "height");
        // h·e^{-α/τ}·ε0/h < 10 % ⇒ α > τ ln(10 ε0/h) = 12.4; the 10 % band ends where (α/α_e)^4 = 0.1 ⇒ α = 1125.
        Approx.Abs(Math.Log10(tau * Math.Log(10 * eps0 / h)), Math.Log10(p.Start!.Value), 0.05, "log10 start");
        Approx.Abs(Math.Log10(alphaE * Math.Pow(0.1 / 1.1, 0.25)), Math.Log10(p.End!.Value), 0.05, "log10 end");
        Approx.Abs(Math.Log10(alphaE), Math.Log10(p.EscapeX!.Value), 0.04, "log10 escape");
    }

    [Fact]
    public void RefusesNonPositiveAndTooFew()
    {
        Assert.Equal(FitRefusal.NonPositive, Assert.Throws<FitRefusedException>(() => PlateauDetector.Detect([1, 2, 3, 4, 5], [1, 1, 0, 1, 1], new PlateauOptions())).Reason);
        Assert.Equal(FitRefusal.TooFewPoints, Assert.Throws<FitRefusedException>(() => PlateauDetector.Detect([1, 2, 3, 4], [1, 1, 1, 1], new PlateauOptions())).Reason);
        Assert.Equal("EscapeFraction", Assert.Throws<ParameterException>(() => PlateauDetector.Detect([1, 2, 3, 4, 5], [1, 1, 1, 1, 1], new PlateauOptions { EscapeFraction = 1 })).ParameterName);
    }
}
