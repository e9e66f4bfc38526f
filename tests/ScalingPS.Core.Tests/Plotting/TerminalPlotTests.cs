using ScalingPS.Core.Plotting;

namespace ScalingPS.Core.Tests.Plotting;

public class TerminalPlotTests
{
    // y = 1/x on 1 … 100: two decades on each axis, so with 2W − 1 = 4H − 1 dots the curve is the diagonal.
    private static PlotModel InverseLine(SeriesStyle style, int points)
    {
        var x = Enumerable.Range(0, points).Select(i => Math.Pow(10, 2.0 * i / (points - 1))).ToArray();
        var y = x.Select(v => 1 / v).ToArray();
        return new PlotModel([new PlotSeries("1/x", style, x, y)], AxisScale.Log, AxisScale.Log, "T", "x", "y");
    }

    private static List<(int Col, int Row, char C)> Cells(IReadOnlyList<string> lines, int height)
    {
        // Data rows follow the title and the y label; the data area starts after the axis character.
        var cells = new List<(int, int, char)>();
        for (int r = 0; r < height; r++)
        {
            string line = lines[2 + r];
            int axis = line.IndexOfAny(['│', '┤']);
            for (int c = axis + 1; c < line.Length; c++)
                if (line[c] != ' ') cells.Add((c - axis - 1, r, line[c]));
        }
        return cells;
    }

    [Fact]
    public void MarkersOfAKnownPowerLawLandOnTheDiagonal()
    {
        const int w = 20, h = 10; // 39 × 39 dots
        var lines = TerminalPlot.Render(InverseLine(SeriesStyle.Markers, 9), w, h);
        var cells = Cells(lines, h);
        Assert.Equal(9, cells.Count);
        for (int i = 0; i < 9; i++)
        {
            int dot = (int)Math.Round(39.0 * i / 8);
            Assert.Contains((dot / 2, dot / 4, '●'), cells);
        }
    }

    [Fact]
    public void ALineIsContinuousBrailleAlongTheDiagonal()
    {
        const int w = 20, h = 10;
        var cells = Cells(TerminalPlot.Render(InverseLine(SeriesStyle.Line, 50), w, h), h);
        // Every row is touched, and every cell is within one cell of the diagonal col = 2 row.
        Assert.Equal(Enumerable.Range(0, h), cells.Select(c => c.Row).Distinct().Order());
        foreach (var (col, row, ch) in cells)
        {
            Assert.True(Math.Abs(2 * row - col) <= 2, $"cell ({col},{row}) '{ch}' is off the diagonal");
            Assert.True(ch is >= '\u2801' and <= '\u28FF' || TerminalPlot.Glyphs.Contains(ch), $"unexpected character '{ch}'");
        }
    }

    [Fact]
    public void AxesCarryDecadeLabelsAndTheLegendNamesTheSeries()
    {
        var lines = TerminalPlot.Render(InverseLine(SeriesStyle.Markers, 9), 20, 10);
        Assert.Equal("T", lines[0].Trim());
        Assert.Equal("y", lines[1]);
        Assert.StartsWith("   1┤", lines[2]);       // top row: y = 1
        Assert.StartsWith("0.01┤", lines[11]);      // bottom row: y = 0.01
        Assert.StartsWith("    └┬", lines[12]);
        Assert.Equal("     1         10      100", lines[13]); // centred under columns 0, 10 and 19
        Assert.Equal("x", lines[14].Trim());
        Assert.Equal("      ●  1/x", lines[15]);
        Assert.All(lines, l => Assert.Equal(l.TrimEnd(), l));
    }

    [Fact]
    public void DashedLinesLeaveGaps()
    {
        var solid = Cells(TerminalPlot.Render(InverseLine(SeriesStyle.Line, 50), 40, 20), 20);
        var dashed = Cells(TerminalPlot.Render(InverseLine(SeriesStyle.Dashed, 50), 40, 20), 20);
        int Dots(IEnumerable<(int, int, char C)> cs) => cs.Where(c => c.C >= '\u2800' && c.C <= '\u28FF').Sum(c => System.Numerics.BitOperations.PopCount((uint)(c.C - 0x2800)));
        double ratio = (double)Dots(dashed) / Dots(solid);
        Assert.InRange(ratio, 0.35, 0.65); // three on, three off
    }

    [Fact]
    public void SeriesGetDistinctGlyphs()
    {
        var a = new PlotSeries("a", SeriesStyle.Markers, [1, 10], [1, 0.1]);
        var b = new PlotSeries("b", SeriesStyle.Markers, [2, 20], [1, 0.1]);
        var lines = TerminalPlot.Render(new PlotModel([a, b], AxisScale.Log, AxisScale.Log, "", "", ""), 30, 8);
        Assert.Contains(lines, l => l.EndsWith("●  a"));
        Assert.Contains(lines, l => l.EndsWith("○  b"));
        Assert.Equal(2, lines.Sum(l => l.Count(ch => ch == '○')) - 1);
    }

    [Fact]
    public void RenderingIsDeterministic()
    {
        var m = InverseLine(SeriesStyle.MarkersAndLine, 17);
        Assert.Equal(TerminalPlot.Render(m, 50, 12), TerminalPlot.Render(m, 50, 12));
    }

    [Fact]
    public void ASinglePointGetsARange()
    {
        var m = new PlotModel([new PlotSeries("p", SeriesStyle.Markers, [10], [0.5])], AxisScale.Log, AxisScale.Linear, "", "", "");
        var lines = TerminalPlot.Render(m, 20, 5);
        Assert.Single(lines, l => l.Contains('●') && l.Contains('│') || l.Contains('●') && l.Contains('┤'));
    }

    [Fact]
    public void TooSmallIsAParameterError()
    {
        var ex = Assert.Throws<ParameterException>(() => TerminalPlot.Render(InverseLine(SeriesStyle.Line, 5), 5, 10));
        Assert.Equal("Width", ex.ParameterName);
        Assert.Throws<ParameterException>(() => TerminalPlot.Render(InverseLine(SeriesStyle.Line, 5), 20, 2));
    }
}
