namespace ScalingPS.Core.Plotting;

/// <summary>
/// Groups raw points into series: one per (group, source), in the order groups first appear, each sorted by X.
/// Points that cannot be drawn are dropped and counted: non-finite coordinates, and non-positive ones on a log axis.
/// </summary>
public sealed class PlotSeriesBuilder
{
    private readonly AxisScale _xScale;
    private readonly AxisScale _yScale;
    private readonly List<Key> _order = [];
    private readonly Dictionary<Key, List<(double X, double Y, double Err)>> _points = [];

    public PlotSeriesBuilder(AxisScale xScale, AxisScale yScale)
    {
        _xScale = xScale;
        _yScale = yScale;
    }

    /// <summary>Points dropped because a coordinate was NaN or infinite.</summary>
    public int DroppedNonFinite { get; private set; }

    /// <summary>Points dropped because a coordinate was ≤ 0 on a log axis.</summary>
    public int DroppedNonPositive { get; private set; }

    /// <summary>Points accepted so far.</summary>
    public int Accepted { get; private set; }

    private readonly record struct Key(string Group, string Source);

    /// <summary>Adds one point. <paramref name="group"/> is the group label ("" for none); <paramref name="source"/> is the Source value ("" for none).</summary>
    public void Add(double x, double y, double err, string group, string source)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y))
        {
            DroppedNonFinite++;
            return;
        }
        if ((_xScale == AxisScale.Log && x <= 0) || (_yScale == AxisScale.Log && y <= 0))
        {
            DroppedNonPositive++;
            return;
        }
        var key = new Key(group, source);
        if (!_points.TryGetValue(key, out var list))
        {
            list = [];
            _points.Add(key, list);
            _order.Add(key);
        }
        list.Add((x, y, err));
        Accepted++;
    }

    /// <summary>The style a Source value asks for: Simulation → markers, Ode/Theory → lines, anything else → markers and line.</summary>
    public static SeriesStyle StyleOf(string source) => source.Trim().ToUpperInvariant() switch
    {
        "SIMULATION" => SeriesStyle.Markers,
        "ODE" or "THEORY" => SeriesStyle.Line,
        _ => SeriesStyle.MarkersAndLine,
    };

    /// <summary>
    /// The series, named "group (source)"; the source is left out of the name when only one source occurs,
    /// and the group when there is no grouping.
    /// </summary>
    public IReadOnlyList<PlotSeries> Build()
    {
        bool manySources = _order.Select(k => k.Source).Distinct().Count() > 1;
        var result = new List<PlotSeries>(_order.Count);
        foreach (var key in _order)
        {
            var pts = _points[key];
            // A stable sort keeps the input order of equal X (several seeds at one α) deterministic.
            var sorted = pts.Select((p, i) => (p, i)).OrderBy(t => t.p.X).ThenBy(t => t.i).Select(t => t.p).ToArray();
            double[] err = sorted.Select(p => p.Err).ToArray();
            if (err.All(e => !double.IsFinite(e))) err = [];
            string name = key.Group;
            // Grouping by Source itself would otherwise name a series "Source=Ode (Ode)".
            bool groupNamesSource = name.Length > 0 && name.EndsWith("=" + key.Source, StringComparison.Ordinal);
            if (manySources && key.Source.Length > 0 && !groupNamesSource) name = name.Length > 0 ? $"{name} ({key.Source})" : key.Source;
            if (name.Length == 0) name = key.Source.Length > 0 ? key.Source : "data";
            result.Add(new PlotSeries(name, StyleOf(key.Source), sorted.Select(p => p.X).ToArray(), sorted.Select(p => p.Y).ToArray(), err, key.Group));
        }
        return result;
    }
}
