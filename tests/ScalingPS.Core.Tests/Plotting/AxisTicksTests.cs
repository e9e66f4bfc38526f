using ScalingPS.Core.Plotting;

namespace ScalingPS.Core.Tests.Plotting;

public class AxisTicksTests
{
    [Fact]
    public void LogAxisHasOneTickPerDecadeWithPlainLabelsNearOne()
    {
        var ticks = AxisTicks.For(AxisScale.Log, -2.3, 3.2, 10);
        Assert.Equal(new double[] { -2, -1, 0, 1, 2, 3 }, ticks.Select(t => t.Position));
        Assert.Equal(new[] { "0.01", "0.1", "1", "10", "100", "1000" }, ticks.Select(t => t.Label));
    }

    [Fact]
    public void FarDecadesUseSuperscriptPowersOfTen()
    {
        Assert.Equal("10⁻⁵", AxisTicks.FormatPower(-5));
        Assert.Equal("10⁶", AxisTicks.FormatPower(6));
        Assert.Equal("0.001", AxisTicks.FormatPower(-3));
        Assert.Equal("10000", AxisTicks.FormatPower(4));
        Assert.Equal("10¹²", AxisTicks.FormatPower(12));
    }

    [Fact]
    public void ManyDecadesAreThinnedToRoundMultiples()
    {
        // 13 decades, at most 5 ticks: every third decade, anchored at multiples of 3.
        var ticks = AxisTicks.For(AxisScale.Log, -12, 0, 5);
        Assert.Equal(new double[] { -12, -9, -6, -3, 0 }, ticks.Select(t => t.Position));
    }

    [Fact]
    public void LessThanTwoDecadesUsesOneTwoFive()
    {
        // log10(0.15) … log10(3): 0.2, 0.5, 1, 2 lie inside.
        var ticks = AxisTicks.For(AxisScale.Log, Math.Log10(0.15), Math.Log10(3), 8);
        Assert.Equal(new[] { "0.2", "0.5", "1", "2" }, ticks.Select(t => t.Label));
        foreach (var t in ticks) Approx.Abs(Math.Log10(double.Parse(t.Label, System.Globalization.CultureInfo.InvariantCulture)), t.Position, 1e-12, t.Label);
    }

    [Fact]
    public void NarrowLogRangeFallsBackToLinearStepsAtTheirLogarithms()
    {
        var ticks = AxisTicks.For(AxisScale.Log, Math.Log10(1.1), Math.Log10(1.9), 6);
        Assert.True(ticks.Count >= 2);
        foreach (var t in ticks)
        {
            double v = Math.Pow(10, t.Position);
            Assert.InRange(v, 1.1, 1.9);
            Approx.Rel(double.Parse(t.Label, System.Globalization.CultureInfo.InvariantCulture), v, 1e-12, t.Label);
        }
    }

    [Fact]
    public void LinearTicksAreNiceSteps()
    {
        var ticks = AxisTicks.For(AxisScale.Linear, -0.03, 1.04, 6);
        Assert.Equal(new[] { "0", "0.2", "0.4", "0.6", "0.8", "1.0" }, ticks.Select(t => t.Label));
        Assert.Equal(0.0, ticks[0].Position); // exactly zero, not -0 or 1e-17
    }

    [Fact]
    public void LinearTicksOfLargeValuesUseExponents()
    {
        var ticks = AxisTicks.For(AxisScale.Linear, 0, 3e6, 4);
        Assert.Equal(new[] { "0", "10⁶", "2·10⁶", "3·10⁶" }, ticks.Select(t => t.Label));
    }

    [Theory]
    [InlineData(0.13, 0.2)]
    [InlineData(0.2, 0.2)]
    [InlineData(3.1, 5)]
    [InlineData(7, 10)]
    [InlineData(1e-7, 1e-7)]
    public void NiceStepIsTheNextOneTwoFive(double raw, double expected) => Approx.Rel(expected, AxisTicks.NiceStep(raw), 1e-12);

    [Fact]
    public void InvalidRangeIsRejected() =>
        Assert.Throws<ArgumentException>(() => AxisTicks.For(AxisScale.Log, double.NaN, 1, 5));
}
