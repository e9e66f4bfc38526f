using System.Globalization;
using System.Management.Automation;
using ScalingPS.Core;
using ScalingPS.Core.Analysis;
using ScalingPS.Infrastructure;

namespace ScalingPS.Commands;

/// <summary>
/// Compare-ScalingCurve: measured points (piped) against a reference curve (-Reference), per group — the reference
/// interpolated on log axes at every measured X, ratio, standardised difference z, and a per-group verdict
/// (worst |z|, χ²/dof with its p-value, ranges, points outside the reference). The arithmetic is CurveComparer's.
/// </summary>
[Cmdlet(VerbsData.Compare, "ScalingCurve")]
[OutputType(typeof(ComparisonSummary), typeof(ComparisonPoint))]
public sealed class CompareScalingCurveCommand : ScalingCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public PSObject[] Reference { get; set; } = [];

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ScalingPS.Plotting.PlotPropertyCompleter))]
    public string X { get; set; } = "Alpha";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ScalingPS.Plotting.PlotPropertyCompleter))]
    public string Y { get; set; } = "EpsG";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string StdErrProperty { get; set; } = "StdErr";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string CountProperty { get; set; } = "Count";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ScalingPS.Plotting.PlotPropertyCompleter))]
    public string[]? GroupBy { get; set; }

    [Parameter]
    public double RelativeTolerance { get; set; }

    [Parameter]
    public SwitchParameter PerPoint { get; set; }

    private NumericRows? _rows;
    private ComparisonOptions _options = new();

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _options = new ComparisonOptions { RelativeTolerance = RelativeTolerance };
        try { _options.Validate(); }
        catch (ParameterException ex) { ThrowTerminatingError(Errors.InvalidParameter(ex)); }
        _rows = new NumericRows(this, [X, Y], GroupBy, null, [StdErrProperty, CountProperty]);
    }

    protected override void ProcessItem() => _rows!.Add(InputObject);

    protected override void EndProcessing()
    {
        var groups = _rows!.Groups.ToList();
        if (groups.Count == 0)
        {
            WriteError(Refused(new ComparisonRefusedException("Compare-ScalingCurve: no input objects had the properties to compare.", null), ""));
            return;
        }
        var references = ReadReference();
        foreach (var g in groups)
        {
            // A reference split by the same -GroupBy properties is matched group by group; otherwise it serves every group.
            if (!references.TryGetValue(references.Count == 1 && references.ContainsKey(AllGroups) ? AllGroups : g.Key, out var reference))
            {
                WriteError(Refused(new ComparisonRefusedException($"The reference has no curve for this group (it is split by -GroupBy {string.Join(", ", GroupBy ?? [])}).", g.Key), g.Key));
                continue;
            }
            try
            {
                var measured = g.Rows.Select(r => (r[0], r[1], r[2], r[3])).ToList();
                var summary = CurveComparer.Compare(measured, reference, _options, g.Key) with { XProperty = X, YProperty = Y };
                if (PerPoint.IsPresent)
                    foreach (var p in summary.Detail) WriteObject(p with { XProperty = X, YProperty = Y });
                else
                    WriteObject(summary with { Detail = summary.Detail.Select(p => p with { XProperty = X, YProperty = Y }).ToArray() });
            }
            catch (ComparisonRefusedException ex)
            {
                WriteError(Refused(ex, g.Key));
            }
        }
    }

    private const string AllGroups = "\u0000all";

    /// <summary>
    /// The reference's (x, y) rows, per -GroupBy key when every reference object carries the -GroupBy properties.
    /// Reference objects without numeric X and Y are skipped silently (a theory table may carry other rows);
    /// a reference with none at all is refused.
    /// </summary>
    private Dictionary<string, List<(double X, double Y)>> ReadReference()
    {
        var objects = Reference.Where(r => r is not null).Select(PSObject.AsPSObject).ToList();
        bool grouped = GroupBy is { Length: > 0 } && objects.Count > 0
            && objects.All(r => GroupBy.All(name => r.Properties[name] is not null));
        var result = new Dictionary<string, List<(double X, double Y)>>(StringComparer.Ordinal);
        foreach (var r in objects)
        {
            if (!NumericRows.TryNumber(Value(r, X), out double x) || !NumericRows.TryNumber(Value(r, Y), out double y)) continue;
            string key = grouped
                ? string.Join(", ", GroupBy!.Select(name => Value(r, name) is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : Value(r, name)?.ToString() ?? ""))
                : AllGroups;
            if (!result.TryGetValue(key, out var list)) result[key] = list = [];
            list.Add((x, y));
        }
        if (result.Count == 0)
            ThrowTerminatingError(Errors.InvalidParameter("Reference", Reference.Length,
                $"The reference needs objects with numeric properties '{X}' and '{Y}' (the theory curve to compare with)."));
        return result;
    }

    private static object? Value(PSObject obj, string name)
    {
        var v = obj.Properties[name]?.Value;
        return v is PSObject ps ? ps.BaseObject : v;
    }

    private static ErrorRecord Refused(ComparisonRefusedException ex, string group) =>
        new(new InvalidOperationException(group.Length == 0 ? ex.Message : $"Group '{group}': {ex.Message}", ex),
            Errors.ComparisonRefusedNoOverlap, Errors.CategoryOf(Errors.ComparisonRefusedNoOverlap), group.Length == 0 ? ex.OffendingValue : group);
}
