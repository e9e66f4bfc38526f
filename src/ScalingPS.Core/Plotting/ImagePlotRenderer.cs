using ScottPlot;

namespace ScalingPS.Core.Plotting;

/// <summary>
/// Renders a <see cref="PlotModel"/> with ScottPlot 5. Log axes are drawn the way ScottPlot recommends:
/// the data are log10-transformed and the ticks placed and labelled by hand (decades as major ticks,
/// 2…9 × 10^k as minor ones). Axis limits are set here, not left to autoscaling, so the mapping from
/// data to pixels is deterministic: the data range (error bars included) plus 5 % either side.
/// </summary>
public static class ImagePlotRenderer
{
    public const double Padding = 0.05;

    /// <summary>Fonts tried in order; the first one installed is used. DejaVu and Liberation cover Greek (α, ε).</summary>
    private static readonly string[] PreferredFonts = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica"];

    /// <summary>PNG bytes of a <paramref name="width"/> × <paramref name="height"/> figure drawn at <paramref name="scale"/> (so the image is width·scale × height·scale pixels).</summary>
    public static byte[] Png(PlotModel model, int width, int height, double scale, out string? fontWarning)
    {
        using var plot = Build(model, (double)height / width, svg: false, out fontWarning);
        plot.ScaleFactor = scale;
        return plot.GetImageBytes(PixelSize(width, scale), PixelSize(height, scale), ImageFormat.Png);
    }

    /// <summary>SVG text of a <paramref name="width"/> × <paramref name="height"/> figure.</summary>
    public static string Svg(PlotModel model, int width, int height, out string? fontWarning)
    {
        using var plot = Build(model, (double)height / width, svg: true, out fontWarning);
        return plot.GetSvgXml(width, height);
    }

    public static int PixelSize(int size, double scale) => (int)Math.Round(size * scale);

    private sealed record Prepared(PlotSeries Series, Color Color, double[] Xs, double[] Ys, double[]? Lo, double[]? Hi);

    private static Plot Build(PlotModel model, double aspect, bool svg, out string? fontWarning)
    {
        var plot = new Plot();
        fontWarning = ChooseFont(plot);
        var palette = new ScottPlot.Palettes.Category10();
        var groups = model.Series.Select(s => s.Group).Distinct().ToList();

        // Transform everything first: the axis limits (and the SVG dash lengths) depend on all of it.
        var prepared = new List<Prepared>();
        double xLo = double.PositiveInfinity, xHi = double.NegativeInfinity, yLo = double.PositiveInfinity, yHi = double.NegativeInfinity;
        for (int i = 0; i < model.Series.Count; i++)
        {
            var s = model.Series[i];
            double[] xs = s.X.Select(v => PlotModel.Transform(v, model.XScale)).ToArray();
            double[] ys = s.Y.Select(v => PlotModel.Transform(v, model.YScale)).ToArray();
            double[]? lo = null, hi = null;
            if (s.HasErrors && s.Style is SeriesStyle.Markers or SeriesStyle.MarkersAndLine) (lo, hi) = ErrorEnds(model.YScale, s);
            Extend(xs, ref xLo, ref xHi);
            Extend(lo ?? ys, ref yLo, ref yHi);
            Extend(hi ?? ys, ref yLo, ref yHi);
            prepared.Add(new Prepared(s, palette.GetColor(groups.IndexOf(s.Group)), xs, ys, lo, hi));
        }
        (xLo, xHi) = Pad(xLo, xHi, model.XScale);
        (yLo, yHi) = Pad(yLo, yHi, model.YScale);

        // Curves first, measurements on top, so markers are never hidden under a theory line.
        foreach (var p in prepared.Where(p => p.Series.Style is SeriesStyle.Line or SeriesStyle.Dashed))
        {
            if (p.Series.Style == SeriesStyle.Dashed && svg)
            {
                AddDashes(plot, p, (xLo, xHi), (yLo, yHi), aspect);
                continue;
            }
            var line = plot.Add.ScatterLine(p.Xs, p.Ys, p.Color);
            line.LegendText = p.Series.Name;
            line.MarkerSize = 0;
            line.LineWidth = 2;
            if (p.Series.Style == SeriesStyle.Dashed) line.LinePattern = LinePattern.Dashed;
        }
        foreach (var p in prepared.Where(p => p.Series.Style is SeriesStyle.Markers or SeriesStyle.MarkersAndLine))
        {
            if (p.Lo is not null && p.Hi is not null) AddErrors(plot, p);
            var sc = p.Series.Style == SeriesStyle.Markers ? plot.Add.ScatterPoints(p.Xs, p.Ys, p.Color) : plot.Add.Scatter(p.Xs, p.Ys, p.Color);
            sc.LegendText = p.Series.Name;
            sc.MarkerSize = 7;
            sc.LineWidth = p.Series.Style == SeriesStyle.Markers ? 0 : 1;
        }

        plot.Axes.Bottom.TickGenerator = Ticks(model.XScale, xLo, xHi);
        plot.Axes.Left.TickGenerator = Ticks(model.YScale, yLo, yHi);
        plot.Axes.SetLimits(xLo, xHi, yLo, yHi);

        plot.Grid.MajorLineColor = Colors.Black.WithOpacity(0.15);
        plot.Grid.MinorLineColor = Colors.Black.WithOpacity(0.05);
        plot.Grid.MinorLineWidth = 1;
        if (model.Title.Length > 0) plot.Title(model.Title);
        if (model.XLabel.Length > 0) plot.XLabel(model.XLabel);
        if (model.YLabel.Length > 0) plot.YLabel(model.YLabel);
        if (model.Series.Count > 1) plot.ShowLegend(Alignment.UpperRight);
        else plot.HideLegend();
        return plot;
    }

    /// <summary>
    /// Skia's SVG writer cannot express dash patterns (it prints "Unsupported path effect" and draws solid), so in
    /// SVG a dashed law is drawn as separate short segments: 2 % of the data area's width on, 1.2 % off
    /// (lengths measured with the vertical scaled by the figure's aspect ratio, so dashes look alike at any slope).
    /// </summary>
    private static void AddDashes(Plot plot, Prepared p, (double Lo, double Hi) xr, (double Lo, double Hi) yr, double aspect)
    {
        const double on = 0.02, off = 0.012;
        (double U, double V) Norm(int i) => ((p.Xs[i] - xr.Lo) / (xr.Hi - xr.Lo), (p.Ys[i] - yr.Lo) / (yr.Hi - yr.Lo) * aspect);
        var dashX = new List<double>();
        var dashY = new List<double>();
        bool drawing = true, first = true;
        double left = on;
        void Flush()
        {
            if (dashX.Count >= 2)
            {
                var seg = plot.Add.ScatterLine(dashX.ToArray(), dashY.ToArray(), p.Color);
                seg.MarkerSize = 0;
                seg.LineWidth = 2;
                seg.LegendText = first ? p.Series.Name : "";
                first = false;
            }
            dashX.Clear();
            dashY.Clear();
        }
        dashX.Add(p.Xs[0]);
        dashY.Add(p.Ys[0]);
        for (int i = 1; i < p.Xs.Length; i++)
        {
            var (u0, v0) = Norm(i - 1);
            var (u1, v1) = Norm(i);
            double len = Math.Sqrt((u1 - u0) * (u1 - u0) + (v1 - v0) * (v1 - v0)), done = 0;
            while (len - done > left)
            {
                done += left;
                double f = done / len;
                double x = p.Xs[i - 1] + f * (p.Xs[i] - p.Xs[i - 1]), y = p.Ys[i - 1] + f * (p.Ys[i] - p.Ys[i - 1]);
                if (drawing)
                {
                    dashX.Add(x);
                    dashY.Add(y);
                    Flush();
                }
                else
                {
                    dashX.Add(x);
                    dashY.Add(y);
                }
                drawing = !drawing;
                left = drawing ? on : off;
            }
            left -= len - done;
            if (drawing)
            {
                dashX.Add(p.Xs[i]);
                dashY.Add(p.Ys[i]);
            }
        }
        if (drawing) Flush();
    }

    /// <summary>
    /// The ends of ±1 standard-error bars in axis coordinates. On a log axis a bar whose lower end would reach
    /// zero or below is cut at a tenth of the value.
    /// </summary>
    private static (double[] Lo, double[] Hi) ErrorEnds(AxisScale yScale, PlotSeries s)
    {
        int n = s.Count;
        var lo = new double[n];
        var hi = new double[n];
        for (int i = 0; i < n; i++)
        {
            double y = s.Y[i], e = double.IsFinite(s.Err[i]) && s.Err[i] > 0 ? s.Err[i] : 0;
            double down = yScale == AxisScale.Log && y - e <= 0 ? y / 10 : y - e;
            lo[i] = PlotModel.Transform(down, yScale);
            hi[i] = PlotModel.Transform(y + e, yScale);
        }
        return (lo, hi);
    }

    /// <summary>Error bars for up to 30 points, a shaded band for denser curves.</summary>
    private static void AddErrors(Plot plot, Prepared p)
    {
        if (p.Xs.Length > 30)
        {
            var band = plot.Add.FillY(p.Xs, p.Lo!, p.Hi!);
            band.FillColor = p.Color.WithAlpha(0.2);
            band.LineWidth = 0;
            band.LegendText = "";
            return;
        }
        var bars = plot.Add.ErrorBar(p.Xs, p.Ys, new double[p.Xs.Length]);
        bars.YErrorPositive = p.Hi!.Select((h, i) => h - p.Ys[i]).ToArray();
        bars.YErrorNegative = p.Lo!.Select((l, i) => p.Ys[i] - l).ToArray();
        bars.Color = p.Color;
        bars.LegendText = "";
    }

    private static void Extend(double[] values, ref double lo, ref double hi)
    {
        foreach (double v in values)
        {
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
    }

    /// <summary>The axis range: data (with error bars) plus 5 % either side; a single value gets half a decade or ±10 %.</summary>
    private static (double Lo, double Hi) Pad(double lo, double hi, AxisScale scale)
    {
        if (hi <= lo)
        {
            double half = scale == AxisScale.Log ? 0.5 : (lo != 0 ? Math.Abs(lo) * 0.1 : 1);
            lo -= half;
            hi += half;
        }
        double pad = (hi - lo) * Padding;
        return (lo - pad, hi + pad);
    }

    /// <summary>Our ticks (shared with the terminal plot); on a log axis 2…9 × 10^k as minor ticks.</summary>
    private static ScottPlot.TickGenerators.NumericManual Ticks(AxisScale scale, double lo, double hi)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var t in AxisTicks.For(scale, lo, hi, 8)) ticks.AddMajor(t.Position, t.Label);
        if (scale == AxisScale.Log && hi - lo < 12)
        {
            for (int k = (int)Math.Floor(lo); k <= (int)Math.Ceiling(hi); k++)
                for (int m = 2; m <= 9; m++)
                {
                    double p = k + Math.Log10(m);
                    if (p >= lo && p <= hi) ticks.AddMinor(p);
                }
        }
        return ticks;
    }

    /// <summary>
    /// Uses the first preferred font that is installed; without any, the DejaVu Sans embedded in the module.
    /// Returns a warning only when even that fails (text would be blank).
    /// </summary>
    private static string? ChooseFont(Plot plot)
    {
        // Ask Skia, not ScottPlot: ScottPlot caches whatever it returns for a name, even an empty stand-in,
        // which would then shadow the embedded font.
        foreach (string name in PreferredFonts)
        {
            using var candidate = SkiaSharp.SKFontManager.Default.MatchFamily(name);
            if (candidate is not null && candidate.GlyphCount > 0)
            {
                plot.Font.Set(name);
                return null;
            }
        }
        if (EmbeddedFontResolver.Register())
        {
            plot.Font.Set(EmbeddedFontResolver.FamilyName);
            return null;
        }
        return "No usable font was found, so the plot's text will be blank. Install a font package (for example fonts-dejavu-core).";
    }
}
