using System.Management.Automation;
using ScalingPS.Core;
using ScalingPS.Core.Analysis;
using ScalingPS.Infrastructure;

namespace ScalingPS.Commands;

/// <summary>Measure-Plateau: plateaus of learning curves on log axes (start, end, height, escape), per group.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "Plateau")]
[OutputType(typeof(Plateau))]
public sealed class MeasurePlateauCommand : ScalingCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ScalingPS.Plotting.PlotPropertyCompleter))]
    public string X { get; set; } = "Alpha";

    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ScalingPS.Plotting.PlotPropertyCompleter))]
    public string Y { get; set; } = "EpsG";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ScalingPS.Plotting.PlotPropertyCompleter))]
    public string[]? GroupBy { get; set; }

    [Parameter]
    public double Window { get; set; } = 0.3;

    [Parameter]
    public double SlopeThreshold { get; set; } = 0.1;

    [Parameter]
    public double MinDecades { get; set; } = 0.5;

    [Parameter]
    public double Tolerance { get; set; } = 0.1;

    [Parameter]
    public double EscapeFraction { get; set; } = 0.5;

    [Parameter]
    public SwitchParameter IncludeInitial { get; set; }

    [Parameter]
    public double SpecialisationThreshold { get; set; } = double.NaN;

    private NumericRows? _rows;
    private PlateauOptions _options = new();

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _options = new PlateauOptions
        {
            Window = Window, SlopeThreshold = SlopeThreshold, MinDecades = MinDecades, Tolerance = Tolerance,
            EscapeFraction = EscapeFraction, IncludeInitial = IncludeInitial.IsPresent,
            SpecialisationThreshold = MyInvocation.BoundParameters.ContainsKey(nameof(SpecialisationThreshold)) && double.IsNaN(SpecialisationThreshold)
                ? -1 : SpecialisationThreshold, // an explicit NaN is refused, not taken as "off"
        };
        Guard(_options.Validate);
        _rows = new NumericRows(this, [X, Y], GroupBy, null, UsesSpecialisation ? ["Specialisation"] : null);
    }

    private bool UsesSpecialisation => !double.IsNaN(_options.SpecialisationThreshold);

    protected override void ProcessItem() => _rows!.Add(InputObject);

    protected override void EndItems()
    {
        var groups = _rows!.Groups.ToList();
        if (groups.Count == 0)
        {
            WriteError(Errors.FitRefused(new FitRefusedException(FitRefusal.TooFewPoints, "Measure-Plateau: no input objects had the properties to analyse."), ""));
            return;
        }
        // Plateau detection is a few linear passes per curve: no worker thread or progress needed.
        foreach (var g in groups)
        {
            try
            {
                var (x, y, spec) = WithoutZeros(g.Column(0), g.Column(1), UsesSpecialisation ? g.Column(2) : null, g.Key);
                if (UsesSpecialisation && spec!.All(double.IsNaN))
                    WriteWarning($"{(g.Key.Length > 0 ? g.Key + ": " : "")}-SpecialisationThreshold needs order parameters with a Specialisation (Invoke-CommitteeOde or Invoke-CommitteeSgd -OrderParameters); SpecialisationX is NaN.");
                foreach (var p in PlateauDetector.Detect(x, y, _options, spec))
                    WriteObject(p with { Group = g.Key, XProperty = X, YProperty = Y });
            }
            catch (FitRefusedException ex)
            {
                WriteError(Errors.FitRefused(ex, g.Key));
            }
        }
    }

    /// <summary>
    /// Learning curves start at α = 0 (t = 0) and may end at an error of exactly 0; neither has a place on log
    /// axes, so those points are left out with a warning. Negative or non-finite values are still refused.
    /// </summary>
    private (double[] X, double[] Y, double[]? S) WithoutZeros(double[] x, double[] y, double[]? s, string group)
    {
        var keep = Enumerable.Range(0, x.Length).Where(i => x[i] != 0 && y[i] != 0).ToArray();
        int dropped = x.Length - keep.Length;
        if (dropped > 0)
            WriteWarning($"{(group.Length > 0 ? group + ": " : "")}{dropped} point{(dropped == 1 ? "" : "s")} with {X} = 0 or {Y} = 0 left out (not on log axes).");
        return (keep.Select(i => x[i]).ToArray(), keep.Select(i => y[i]).ToArray(), s is null ? null : keep.Select(i => s[i]).ToArray());
    }
}
