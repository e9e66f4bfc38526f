using System.Management.Automation;
using ScalingPS.Core;
using ScalingPS.Core.Plotting;
using ScalingPS.Infrastructure;

namespace ScalingPS.Plotting;

/// <summary>
/// The data parameters shared by Export-ScalingPlot and Show-ScalingPlot, and the turning of pipeline
/// objects into a <see cref="PlotModel"/>: one series per group and source, points that a log axis
/// cannot show dropped with a warning that says how many, fitted laws as dashed lines.
/// </summary>
public abstract class PlotCommandBase : ScalingCmdlet
{
    /// <summary>Any object with the -X and -Y properties (records, PSCustomObjects, hashtables, Import-Csv rows).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PlotPropertyCompleter))]
    public string X { get; set; } = "";

    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PlotPropertyCompleter))]
    public string Y { get; set; } = "";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PlotPropertyCompleter))]
    public string[]? GroupBy { get; set; }

    [Parameter]
    public AxisScale XScale { get; set; } = AxisScale.Log;

    [Parameter]
    public AxisScale YScale { get; set; } = AxisScale.Log;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PlotPropertyCompleter))]
    public string ErrorProperty { get; set; } = "StdErr";

    [Parameter]
    public string? Title { get; set; }

    [Parameter]
    public string? XLabel { get; set; }

    [Parameter]
    public string? YLabel { get; set; }

    [Parameter]
    public PSObject[]? Fit { get; set; }

    private PlotSeriesBuilder? _builder;
    private int _seen;
    private int _missing;
    private int _unreadable;
    private int _withError;
    private PSObject? _firstMissing;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _builder = new PlotSeriesBuilder(XScale, YScale);
    }

    protected override void ProcessItem()
    {
        if (InputObject is null) return;
        // -InputObject $points (not piped) binds the whole array: plot its elements, as the pipeline would.
        if (InputObject.BaseObject is object[] array)
        {
            foreach (object? element in array)
                if (element is not null) Read(PSObject.AsPSObject(element));
            return;
        }
        Read(InputObject);
    }

    private void Read(PSObject item)
    {
        _seen++;
        AfterItem(item);
        if (!PlotInput.TryGet(item, X, out var xv) || !PlotInput.TryGet(item, Y, out var yv))
        {
            _missing++;
            _firstMissing ??= item;
            return;
        }
        if (!PlotInput.TryDouble(xv, out double x) || !PlotInput.TryDouble(yv, out double y))
        {
            _unreadable++;
            return;
        }
        double err = double.NaN;
        if (PlotInput.TryGet(item, ErrorProperty, out var ev) && PlotInput.TryDouble(ev, out double e))
        {
            err = e;
            _withError++;
        }
        string group = "";
        if (GroupBy is { Length: > 0 })
            group = string.Join(", ", GroupBy.Select(g => $"{g}={(PlotInput.TryGet(item, g, out var gv) ? PlotInput.Text(gv) : "")}"));
        string source = PlotInput.TryGet(item, "Source", out var sv) ? PlotInput.Text(sv) : "";
        _builder!.Add(x, y, err, group, source);
    }

    /// <summary>Called for every input object, plottable or not (Export-ScalingPlot passes it on with -PassThru).</summary>
    protected virtual void AfterItem(PSObject item) { }

    protected sealed override void EndItems()
    {
        var model = BuildModel();
        if (model is not null) Render(model);
    }

    /// <summary>Draws or writes the finished model.</summary>
    protected abstract void Render(PlotModel model);

    private PlotModel? BuildModel()
    {
        var builder = _builder!;
        if (_missing > 0)
        {
            string message = $"{_missing} of {_seen} input objects {(_missing == 1 ? "has" : "have")} no property '{(PlotInput.TryGet(_firstMissing!, X, out _) ? Y : X)}' and were skipped. "
                + $"The first one has: {PlotInput.PropertyNames(_firstMissing!)}.";
            var record = Errors.Make(Errors.MissingProperty, message, _firstMissing,
                "Name existing properties with -X and -Y (tab completion offers the ScalingPS ones).");
            if (builder.Accepted == 0 && _unreadable == 0) ThrowTerminatingError(record);
            WriteError(record);
        }
        if (_unreadable > 0)
            WriteWarning($"{Count(_unreadable, "input object")} whose {X} or {Y} is not a number {(_unreadable == 1 ? "was" : "were")} skipped.");
        if (builder.DroppedNonFinite > 0)
            WriteWarning($"{Count(builder.DroppedNonFinite, "point")} with a NaN or infinite {X} or {Y} {(builder.DroppedNonFinite == 1 ? "was" : "were")} not plotted.");
        if (builder.DroppedNonPositive > 0)
        {
            string axes = string.Join(" and ", new[] { (XScale == AxisScale.Log, "-XScale"), (YScale == AxisScale.Log, "-YScale") }.Where(a => a.Item1).Select(a => a.Item2));
            WriteWarning($"{builder.DroppedNonPositive} of {Count(builder.DroppedNonPositive + builder.Accepted + builder.DroppedNonFinite, "point")} {(builder.DroppedNonPositive == 1 ? "has" : "have")} a non-positive value on a log axis and {(builder.DroppedNonPositive == 1 ? "was" : "were")} dropped (use {axes} Linear to show them).");
        }
        if (MyInvocation.BoundParameters.ContainsKey(nameof(ErrorProperty)) && _withError == 0 && _seen > 0)
            WriteWarning($"No input object has a numeric '{ErrorProperty}' property; no error bars are drawn.");

        var series = builder.Build().ToList();
        if (series.Count == 0)
        {
            if (_seen == 0 || builder.Accepted == 0)
                ThrowTerminatingError(Errors.Make(Errors.NoPlottablePoints, $"There are no points to plot ({_seen} input objects).", null,
                    "Check -X/-Y and, on log axes, that the values are positive."));
            return null;
        }
        AddFits(series);

        string xLabel = XLabel ?? AxisLabels.For(X);
        string yLabel = YLabel ?? AxisLabels.For(Y);
        return new PlotModel(series, XScale, YScale, Title ?? AxisLabels.DefaultTitle(xLabel, yLabel), xLabel, yLabel);
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private void AddFits(List<PlotSeries> series)
    {
        if (Fit is not { Length: > 0 }) return;
        double xMin = series.Min(s => s.X.Min()), xMax = series.Max(s => s.X.Max());
        if (xMax <= xMin)
        {
            xMin = XScale == AxisScale.Log ? xMin / 3 : xMin - 1;
            xMax = XScale == AxisScale.Log ? xMax * 3 : xMax + 1;
        }
        foreach (var fit in Fit)
        {
            if (fit is null) continue;
            var curve = FitCurve.Sample(fit, xMin, xMax, XScale, YScale, out string? problem);
            if (curve is not null) series.Add(curve);
            else WriteWarning($"A -Fit object was not drawn: {problem}.");
        }
    }
}
