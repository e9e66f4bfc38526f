using System.Text;

namespace ScalingPS.Core.Plotting;

/// <summary>
/// Draws a <see cref="PlotModel"/> as text: lines in Unicode braille (2 × 4 dots per character cell),
/// one marker glyph per series, a y axis with tick labels on the left, an x axis with tick labels below,
/// the axis labels and a legend. Pure function of its input (no console, no colour), so the text is
/// deterministic and testable. Trailing spaces are trimmed from every line.
/// </summary>
public static class TerminalPlot
{
    /// <summary>Marker glyphs given to series in order (they repeat after the last).</summary>
    public static readonly IReadOnlyList<char> Glyphs = ['●', '○', '■', '□', '▲', '△', '◆', '◇', '+', '×', '*', '#'];

    public const int MinWidth = 10;
    public const int MinHeight = 4;

    /// <summary>Renders the plot; <paramref name="width"/> × <paramref name="height"/> is the size of the data area in characters.</summary>
    public static IReadOnlyList<string> Render(PlotModel model, int width, int height)
    {
        Check.Range(width, MinWidth, 1000, "Width");
        Check.Range(height, MinHeight, 500, "Height");
        var (xMin, xMax) = Widen(model.Range(true), model.XScale);
        var (yMin, yMax) = Widen(model.Range(false), model.YScale);
        if (double.IsNaN(xMin) || double.IsNaN(yMin)) throw new ArgumentException("The plot has no points to draw.", nameof(model));

        var canvas = new Canvas(width, height);
        int dotsX = 2 * width - 1, dotsY = 4 * height - 1;
        int DotX(double v) => (int)Math.Round((PlotModel.Transform(v, model.XScale) - xMin) / (xMax - xMin) * dotsX);
        int DotY(double v) => (int)Math.Round((yMax - PlotModel.Transform(v, model.YScale)) / (yMax - yMin) * dotsY);

        for (int s = 0; s < model.Series.Count; s++)
        {
            var series = model.Series[s];
            char glyph = Glyphs[s % Glyphs.Count];
            var dots = new (int X, int Y)[series.Count];
            for (int i = 0; i < series.Count; i++) dots[i] = (DotX(series.X[i]), DotY(series.Y[i]));

            if (series.Style != SeriesStyle.Markers) canvas.Polyline(dots, dashed: series.Style == SeriesStyle.Dashed);
            if (series.Style is SeriesStyle.Markers or SeriesStyle.MarkersAndLine)
            {
                foreach (var (x, y) in dots) canvas.Glyph(x / 2, y / 4, glyph);
            }
            else
            {
                // Curves carry their glyph every few columns, staggered per series, so overlapping curves stay tellable apart.
                int spacing = Math.Max(6, width / 6);
                int offset = (s * 3) % spacing + spacing / 2;
                var byColumn = new Dictionary<int, int>();
                foreach (var (x, y) in dots) byColumn.TryAdd(x / 2, y / 4);
                for (int col = offset; col < width; col += spacing)
                    if (byColumn.TryGetValue(col, out int row)) canvas.Glyph(col, row, glyph);
            }
        }

        var yTicks = AxisTicks.For(model.YScale, yMin, yMax, Math.Max(2, height / 3 + 1));
        var xTicks = AxisTicks.For(model.XScale, xMin, xMax, Math.Max(2, width / 6));
        var rowLabels = new Dictionary<int, string>();
        foreach (var t in yTicks)
            rowLabels.TryAdd((int)Math.Round((yMax - t.Position) / (yMax - yMin) * dotsY) / 4, t.Label);
        int margin = rowLabels.Values.Select(l => l.Length).DefaultIfEmpty(1).Max();

        var lines = new List<string>();
        if (model.Title.Length > 0) lines.Add(Center(model.Title, margin + 1, width));
        if (model.YLabel.Length > 0) lines.Add(model.YLabel);
        for (int row = 0; row < height; row++)
        {
            bool tick = rowLabels.TryGetValue(row, out var label);
            lines.Add((tick ? label!.PadLeft(margin) : new string(' ', margin)) + (tick ? '┤' : '│') + canvas.Row(row));
        }

        var axis = new StringBuilder(new string(' ', margin) + '└' + new string('─', width));
        var labelRow = new char[margin + 1 + width + 16];
        Array.Fill(labelRow, ' ');
        int freeFrom = 0;
        foreach (var t in xTicks)
        {
            int col = (int)Math.Round((t.Position - xMin) / (xMax - xMin) * dotsX) / 2;
            axis[margin + 1 + col] = '┬';
            int start = Math.Max(0, margin + 1 + col - (t.Label.Length - 1) / 2);
            if (start < freeFrom || start + t.Label.Length > labelRow.Length) continue; // would overlap the previous label
            t.Label.CopyTo(0, labelRow, start, t.Label.Length);
            freeFrom = start + t.Label.Length + 1;
        }
        lines.Add(axis.ToString());
        lines.Add(new string(labelRow));
        if (model.XLabel.Length > 0) lines.Add(Center(model.XLabel, margin + 1, width));

        for (int s = 0; s < model.Series.Count; s++)
        {
            var series = model.Series[s];
            char g = Glyphs[s % Glyphs.Count];
            string sample = series.Style switch
            {
                SeriesStyle.Markers => $" {g} ",
                SeriesStyle.Dashed => $"╌{g}╌",
                _ => $"─{g}─",
            };
            lines.Add($"{new string(' ', margin + 1)}{sample} {series.Name}");
        }
        return lines.Select(l => l.TrimEnd()).ToArray();
    }

    /// <summary>An axis range with room: a single value gets half a decade (log) or ±10 % (linear) either side.</summary>
    private static (double Min, double Max) Widen((double Min, double Max) r, AxisScale scale)
    {
        if (double.IsNaN(r.Min) || r.Max > r.Min) return r;
        double half = scale == AxisScale.Log ? 0.5 : (r.Min != 0 ? Math.Abs(r.Min) * 0.1 : 1);
        return (r.Min - half, r.Max + half);
    }

    private static string Center(string text, int indent, int width) =>
        new string(' ', indent + Math.Max(0, (width - text.Length) / 2)) + text;

    /// <summary>A grid of character cells, each holding braille dots or a glyph (glyphs win).</summary>
    private sealed class Canvas
    {
        private readonly int _width;
        private readonly int _height;
        private readonly byte[] _dots;
        private readonly char[] _glyphs;
        private int _dash;

        public Canvas(int width, int height)
        {
            _width = width;
            _height = height;
            _dots = new byte[width * height];
            _glyphs = new char[width * height];
        }

        // Braille dot bits by (column within cell, row within cell): U+2800 + sum of bits.
        private static readonly byte[,] Bit = { { 0x01, 0x02, 0x04, 0x40 }, { 0x08, 0x10, 0x20, 0x80 } };

        public void Dot(int x, int y)
        {
            if (x < 0 || y < 0 || x >= 2 * _width || y >= 4 * _height) return;
            _dots[(y / 4) * _width + x / 2] |= Bit[x % 2, y % 4];
        }

        public void Glyph(int col, int row, char g)
        {
            if (col < 0 || row < 0 || col >= _width || row >= _height) return;
            _glyphs[row * _width + col] = g;
        }

        /// <summary>Straight segments between consecutive dots; a dashed line draws three dots and skips three.</summary>
        public void Polyline(ReadOnlySpan<(int X, int Y)> pts, bool dashed)
        {
            _dash = 0;
            if (pts.Length == 1) Dot(pts[0].X, pts[0].Y);
            for (int i = 1; i < pts.Length; i++)
            {
                var (x0, y0) = pts[i - 1];
                var (x1, y1) = pts[i];
                int steps = Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0));
                for (int k = i == 1 ? 0 : 1; k <= steps; k++)
                {
                    double f = steps == 0 ? 0 : (double)k / steps;
                    bool on = !dashed || (_dash++ / 3) % 2 == 0;
                    if (on) Dot((int)Math.Round(x0 + f * (x1 - x0)), (int)Math.Round(y0 + f * (y1 - y0)));
                }
            }
        }

        public string Row(int row)
        {
            var sb = new StringBuilder(_width);
            for (int c = 0; c < _width; c++)
            {
                int i = row * _width + c;
                sb.Append(_glyphs[i] != '\0' ? _glyphs[i] : _dots[i] != 0 ? (char)(0x2800 + _dots[i]) : ' ');
            }
            return sb.ToString();
        }
    }
}
