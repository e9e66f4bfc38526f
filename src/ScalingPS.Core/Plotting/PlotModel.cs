namespace ScalingPS.Core.Plotting;

/// <summary>How an axis maps data to the page.</summary>
public enum AxisScale
{
    /// <summary>log10 of the value; non-positive values cannot be shown.</summary>
    Log,
    /// <summary>The value itself.</summary>
    Linear,
}

/// <summary>How a series is drawn. Chosen from a point's Source: simulations are measurements, theory is a curve.</summary>
public enum SeriesStyle
{
    /// <summary>Markers only, with error bars or a band when standard errors are known (Source = Simulation).</summary>
    Markers,
    /// <summary>A solid line (Source = Ode or Theory).</summary>
    Line,
    /// <summary>Markers joined by a thin line (points without a known Source).</summary>
    MarkersAndLine,
    /// <summary>A dashed line (a fitted law).</summary>
    Dashed,
}

/// <summary>
/// One drawn series: points in data units (not log-transformed), sorted by X, all finite and drawable
/// on the model's axes. <see cref="Err"/> holds one standard error per point (NaN = unknown) or is empty.
/// </summary>
public sealed class PlotSeries
{
    public PlotSeries(string name, SeriesStyle style, double[] x, double[] y, double[]? err = null, string? group = null)
    {
        if (x.Length != y.Length) throw new ArgumentException("X and Y must have the same length.", nameof(y));
        if (err is not null && err.Length != 0 && err.Length != x.Length)
            throw new ArgumentException("Err must be empty or as long as X.", nameof(err));
        Name = name;
        Group = group ?? name;
        Style = style;
        X = x;
        Y = y;
        Err = err ?? [];
    }

    public string Name { get; }
    /// <summary>The group the series belongs to; series of one group (e.g. simulation and ODE at the same L) share a colour.</summary>
    public string Group { get; }
    public SeriesStyle Style { get; }
    public IReadOnlyList<double> X { get; }
    public IReadOnlyList<double> Y { get; }
    public IReadOnlyList<double> Err { get; }
    public int Count => X.Count;

    /// <summary>True when at least one point carries a finite, positive standard error.</summary>
    public bool HasErrors => Err.Any(e => double.IsFinite(e) && e > 0);
}

/// <summary>Everything a renderer (image or terminal) needs: series, axes and labels. No styling decisions beyond the series style.</summary>
public sealed class PlotModel
{
    public PlotModel(IReadOnlyList<PlotSeries> series, AxisScale xScale, AxisScale yScale, string title, string xLabel, string yLabel)
    {
        Series = series;
        XScale = xScale;
        YScale = yScale;
        Title = title;
        XLabel = xLabel;
        YLabel = yLabel;
    }

    public IReadOnlyList<PlotSeries> Series { get; }
    public AxisScale XScale { get; }
    public AxisScale YScale { get; }
    public string Title { get; }
    public string XLabel { get; }
    public string YLabel { get; }

    /// <summary>Maps a data value to the axis coordinate (log10 on a log axis).</summary>
    public static double Transform(double v, AxisScale scale) => scale == AxisScale.Log ? Math.Log10(v) : v;

    /// <summary>The range of all series' points on one axis, in axis coordinates; (NaN, NaN) when there are none.</summary>
    public (double Min, double Max) Range(bool xAxis)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        var scale = xAxis ? XScale : YScale;
        foreach (var s in Series)
        {
            var values = xAxis ? s.X : s.Y;
            foreach (double v in values)
            {
                double t = Transform(v, scale);
                if (t < min) min = t;
                if (t > max) max = t;
            }
        }
        return min <= max ? (min, max) : (double.NaN, double.NaN);
    }
}
