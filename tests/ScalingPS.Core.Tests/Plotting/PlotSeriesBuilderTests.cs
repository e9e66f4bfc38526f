using ScalingPS.Core.Plotting;

namespace ScalingPS.Core.Tests.Plotting;

public class PlotSeriesBuilderTests
{
    [Fact]
    public void GroupsInOrderOfFirstAppearanceAndSortsByX()
    {
        var b = new PlotSeriesBuilder(AxisScale.Log, AxisScale.Log);
        b.Add(10, 0.1, double.NaN, "L=4", "");
        b.Add(1, 1, double.NaN, "L=4", "");
        b.Add(5, 0.2, double.NaN, "L=1", "");
        b.Add(2, 0.5, double.NaN, "L=4", "");
        var s = b.Build();
        Assert.Equal(new[] { "L=4", "L=1" }, s.Select(x => x.Name));
        Assert.Equal(new double[] { 1, 2, 10 }, s[0].X);
        Assert.Equal(new double[] { 1, 0.5, 0.1 }, s[0].Y);
        Assert.Empty(s[0].Err); // no error known for any point
        Assert.Equal(4, b.Accepted);
    }

    [Fact]
    public void SourceSetsTheStyleAndSplitsSeries()
    {
        var b = new PlotSeriesBuilder(AxisScale.Log, AxisScale.Log);
        b.Add(1, 1, 0.1, "L=4", "Simulation");
        b.Add(1, 1.1, double.NaN, "L=4", "Ode");
        b.Add(2, 0.5, 0.05, "L=4", "Simulation");
        var s = b.Build();
        Assert.Equal(2, s.Count);
        Assert.Equal("L=4 (Simulation)", s[0].Name);
        Assert.Equal(SeriesStyle.Markers, s[0].Style);
        Assert.True(s[0].HasErrors);
        Assert.Equal("L=4 (Ode)", s[1].Name);
        Assert.Equal(SeriesStyle.Line, s[1].Style);
        Assert.Equal("L=4", s[1].Group); // same group, so the same colour
    }

    [Fact]
    public void GroupingBySourceDoesNotRepeatTheSource()
    {
        var b = new PlotSeriesBuilder(AxisScale.Log, AxisScale.Log);
        b.Add(1, 1, double.NaN, "Source=Simulation", "Simulation");
        b.Add(1, 1.1, double.NaN, "Source=Ode", "Ode");
        var s = b.Build();
        Assert.Equal(["Source=Simulation", "Source=Ode"], s.Select(x => x.Name));
    }

    [Theory]
    [InlineData("Simulation", SeriesStyle.Markers)]
    [InlineData("theory", SeriesStyle.Line)]
    [InlineData("ODE", SeriesStyle.Line)]
    [InlineData("", SeriesStyle.MarkersAndLine)]
    [InlineData("Measured", SeriesStyle.MarkersAndLine)]
    public void StyleFollowsSource(string source, SeriesStyle style) => Assert.Equal(style, PlotSeriesBuilder.StyleOf(source));

    [Fact]
    public void LogAxesDropNonPositiveAndEveryAxisDropsNonFinite()
    {
        var b = new PlotSeriesBuilder(AxisScale.Linear, AxisScale.Log);
        b.Add(-1, 1, double.NaN, "", "");      // negative x is fine on a linear axis
        b.Add(1, 0, double.NaN, "", "");       // zero y is not on a log axis
        b.Add(2, -0.5, double.NaN, "", "");
        b.Add(double.NaN, 1, double.NaN, "", "");
        b.Add(3, double.PositiveInfinity, double.NaN, "", "");
        b.Add(4, 2, double.NaN, "", "");
        Assert.Equal(2, b.Accepted);
        Assert.Equal(2, b.DroppedNonPositive);
        Assert.Equal(2, b.DroppedNonFinite);
        Assert.Equal(new double[] { -1, 4 }, b.Build()[0].X);
    }

    [Fact]
    public void UngroupedSingleSourceSeriesIsNamedByItsSource()
    {
        var b = new PlotSeriesBuilder(AxisScale.Log, AxisScale.Log);
        b.Add(1, 1, double.NaN, "", "Theory");
        Assert.Equal("Theory", b.Build()[0].Name);
        var c = new PlotSeriesBuilder(AxisScale.Log, AxisScale.Log);
        c.Add(1, 1, double.NaN, "", "");
        Assert.Equal("data", c.Build()[0].Name);
    }

    [Fact]
    public void ModelRangeIsInAxisCoordinates()
    {
        var m = new PlotModel([new PlotSeries("a", SeriesStyle.Line, [1, 1000], [0.5, 2])], AxisScale.Log, AxisScale.Linear, "", "", "");
        Assert.Equal((0.0, 3.0), m.Range(true));
        Assert.Equal((0.5, 2.0), m.Range(false));
    }

    [Fact]
    public void DefaultLabelsCarryUnits()
    {
        Assert.Equal("α (examples / N)", AxisLabels.For("Alpha"));
        Assert.Equal("ε_g", AxisLabels.For("epsg"));
        Assert.Equal("t", AxisLabels.For("Time"));
        Assert.Equal("test loss", AxisLabels.For("TestLoss"));
        Assert.Equal("Custom", AxisLabels.For("Custom"));
        Assert.Equal("ε_g vs α", AxisLabels.DefaultTitle(AxisLabels.For("Alpha"), AxisLabels.For("EpsG")));
    }
}
