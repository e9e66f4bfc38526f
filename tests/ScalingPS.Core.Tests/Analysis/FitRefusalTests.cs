using ScalingPS.Core.Analysis;

namespace ScalingPS.Core.Tests.Analysis;

public class FitRefusalTests
{
    private static readonly ScalingFitOptions Opts = new() { Bootstrap = 50 };

    private static FitRefusal Refusal(Action fit) => Assert.Throws<FitRefusedException>(fit).Reason;

    [Fact]
    public void TooFewPoints()
    {
        double[] x = [1, 10, 100], y = [1, 0.5, 0.25];
        Assert.Equal(FitRefusal.TooFewPoints, Refusal(() => ScalingLawFitter.Fit(ScalingForm.PowerLawOffset, x, y, null, null, Opts)));
        // Repeated x values do not count as distinct points.
        double[] x2 = [1, 1, 100, 100], y2 = [1, 1.1, 0.2, 0.21];
        Assert.Equal(FitRefusal.TooFewPoints, Refusal(() => ScalingLawFitter.Fit(ScalingForm.PowerLaw, x2, y2, null, null, Opts)));
        Assert.Equal(FitRefusal.TooFewPoints, Refusal(() => ScalingLawFitter.LocalSlope(x, y, null, Opts)));
    }

    [Fact]
    public void RangeTooNarrow()
    {
        var x = Synthetic.LogSpaced(10, 80, 10);
        var y = x.Select(v => Math.Pow(v, -0.5)).ToArray();
        var ex = Assert.Throws<FitRefusedException>(() => ScalingLawFitter.Fit(ScalingForm.PowerLaw, x, y, null, null, Opts));
        Assert.Equal(FitRefusal.RangeTooNarrow, ex.Reason);
        Assert.Contains("0.90 decades", ex.Message);
        // The threshold is a parameter.
        Assert.Equal(0.5, ScalingLawFitter.Fit(ScalingForm.PowerLaw, x, y, null, null, Opts with { MinDecades = 0.5 }).Exponent!.Value, 8);
    }

    [Fact]
    public void RangeTooNarrowInTheSecondVariable()
    {
        var (n, d, l) = ChinchillaFitTests.Grid(0, 0);
        var narrow = d.Select(v => 1e3 + v * 1e-5).ToArray(); // D spans 1000.01 .. 1100
        var ex = Assert.Throws<FitRefusedException>(() => ScalingLawFitter.Fit(ScalingForm.Chinchilla, n, l, narrow, null, Opts));
        Assert.Equal(FitRefusal.RangeTooNarrow, ex.Reason);
        Assert.StartsWith("z spans", ex.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonPositive(double bad)
    {
        var x = Synthetic.LogSpaced(1, 1e3, 10);
        var y = x.Select(v => Math.Pow(v, -0.5)).ToArray();
        y[4] = bad;
        Assert.Equal(FitRefusal.NonPositive, Refusal(() => ScalingLawFitter.Fit(ScalingForm.PowerLaw, x, y, null, null, Opts)));
        var x2 = (double[])x.Clone();
        x2[0] = bad;
        Assert.Equal(FitRefusal.NonPositive, Refusal(() => ScalingLawFitter.Fit(ScalingForm.PowerLaw, x2, x.Select(v => 1 / v).ToArray(), null, null, Opts)));
    }

    [Fact]
    public void NoInteriorMinimumWhenTheOffsetCollapses()
    {
        // A pure power law has its best offset at E = 0, the edge of the parameter space.
        var x = Synthetic.LogSpaced(1, 1e4, 20);
        var y = x.Select(v => 2 * Math.Pow(v, -0.5)).ToArray();
        var ex = Assert.Throws<FitRefusedException>(() => ScalingLawFitter.Fit(ScalingForm.PowerLawOffset, x, y, null, null, Opts));
        Assert.Equal(FitRefusal.NoInteriorMinimum, ex.Reason);
        Assert.Equal("FitRefused.NoInteriorMinimum", ex.ErrorId);
    }

    [Fact]
    public void NoInteriorMinimumWhenThePowerTermVanishes()
    {
        // Flat data: the power-law term has nothing to describe.
        var x = Synthetic.LogSpaced(1, 1e4, 20);
        var y = x.Select(_ => 0.3).ToArray();
        Assert.Equal(FitRefusal.NoInteriorMinimum, Refusal(() => ScalingLawFitter.Fit(ScalingForm.PowerLawOffset, x, y, null, null, Opts)));
    }

    [Fact]
    public void InvalidOptionsNameTheParameter()
    {
        var x = Synthetic.LogSpaced(1, 1e3, 10);
        Assert.Equal("Confidence", Assert.Throws<ParameterException>(() => ScalingLawFitter.Fit(ScalingForm.PowerLaw, x, x, null, null, Opts with { Confidence = 1 })).ParameterName);
        Assert.Equal("Z", Assert.Throws<ParameterException>(() => ScalingLawFitter.Fit(ScalingForm.Chinchilla, x, x, null, null, Opts)).ParameterName);
    }
}
