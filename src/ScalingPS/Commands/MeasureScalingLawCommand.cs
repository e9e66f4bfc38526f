using System.Management.Automation;
using ScalingPS.Core;
using ScalingPS.Core.Analysis;
using ScalingPS.Infrastructure;

namespace ScalingPS.Commands;

/// <summary>
/// Measure-ScalingLaw: fits y = A·x^-p, y = E + A·x^-p, L = E + A·N^-a + B·D^-b, or the local log–log slope, to
/// the numeric properties of any pipeline objects, per group, with bootstrap intervals and honest refusals.
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "ScalingLaw")]
[OutputType(typeof(ScalingLawFit), typeof(LocalSlopePoint))]
public sealed class MeasureScalingLawCommand : ScalingCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ScalingPS.Plotting.PlotPropertyCompleter))]
    public string X { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ScalingPS.Plotting.PlotPropertyCompleter))]
    public string Y { get; set; } = "";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ScalingPS.Plotting.PlotPropertyCompleter))]
    public string? Z { get; set; }

    [Parameter]
    public ScalingForm Form { get; set; } = ScalingForm.PowerLaw;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ScalingPS.Plotting.PlotPropertyCompleter))]
    public string[]? GroupBy { get; set; }

    [Parameter]
    public double Confidence { get; set; } = 0.95;

    [Parameter]
    [ValidateRange(0, 1_000_000)]
    public int Bootstrap { get; set; } = 1000;

    [Parameter]
    public int Seed { get; set; }

    [Parameter]
    public ResampleMode Resample { get; set; } = ResampleMode.Auto;

    [Parameter]
    [ArgumentCompleter(typeof(ScalingPS.Plotting.PlotPropertyCompleter))]
    public string ClusterBy { get; set; } = "Seed";

    [Parameter]
    [ValidateRange(3, 100_000)]
    public int Window { get; set; } = 5;

    [Parameter]
    public double XMin { get; set; } = double.NaN;

    [Parameter]
    public double XMax { get; set; } = double.NaN;

    [Parameter]
    public double MinDecades { get; set; } = 1;

    [Parameter]
    public double HuberDelta { get; set; } = double.NaN;

    private NumericRows? _rows;
    private ScalingFitOptions _options = new();

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        Guard(() =>
        {
            _options = new ScalingFitOptions
            {
                Confidence = Confidence, Bootstrap = Bootstrap, Seed = Seed, Resample = Resample,
                MinDecades = MinDecades, HuberDelta = HuberDelta, Window = Window,
            };
            _options.Validate();
            if (Form == ScalingForm.Chinchilla && Z is null) throw new ParameterException("Z", null, "-Form Chinchilla needs -Z, the property holding D.");
            if (Form != ScalingForm.Chinchilla && Z is not null) throw new ParameterException("Z", Z, $"-Z is only used by -Form Chinchilla, not {Form}.");
            if (double.IsFinite(XMin) && double.IsFinite(XMax) && XMin >= XMax) throw new ParameterException("XMax", XMax, "XMax must exceed XMin.");
        });
        var columns = Z is null ? new[] { X, Y } : new[] { X, Y, Z };
        _rows = new NumericRows(this, columns, GroupBy, ClusterBy);
    }

    protected override void ProcessItem() => _rows!.Add(InputObject);

    protected override void EndItems()
    {
        var groups = _rows!.Groups.ToList();
        if (groups.Count == 0)
        {
            WriteError(Errors.FitRefused(new FitRefusedException(FitRefusal.TooFewPoints, $"{Form}: no input objects had the properties to fit."), ""));
            return;
        }
        WarnOriginLeftOut(groups);
        RunEngine($"Measure-ScalingLaw ({Form})", sink =>
            {
                for (int gi = 0; gi < groups.Count; gi++)
                {
                    var g = groups[gi];
                    // x = 0 (the α = 0 start of every learning curve) has no place on a log axis: left out, as warned.
                    var keep = Enumerable.Range(0, g.Rows.Count).Where(i => g.Rows[i][0] != 0 &&
                        (double.IsNaN(XMin) || g.Rows[i][0] >= XMin) && (double.IsNaN(XMax) || g.Rows[i][0] <= XMax)).ToArray();
                    double[] Col(int j) => keep.Select(i => g.Rows[i][j]).ToArray();
                    double[]? clusters = g.Clusters is null ? null : keep.Select(i => g.Clusters[i]).ToArray();
                    var progress = new GroupProgress(sink, gi, groups.Count);
                    try
                    {
                        if (Form == ScalingForm.LocalSlope)
                        {
                            foreach (var p in ScalingLawFitter.LocalSlope(Col(0), Col(1), clusters, _options, sink.Cancellation))
                            {
                                var point = p with { Group = g.Key, XProperty = X, YProperty = Y };
                                sink.Post(() => WriteObject(point));
                            }
                        }
                        else
                        {
                            var fit = ScalingLawFitter.Fit(Form, Col(0), Col(1), Z is null ? null : Col(2), clusters, _options, progress, sink.Cancellation)
                                with { Group = g.Key, XProperty = X, YProperty = Y, ZProperty = Z ?? "" };
                            if (_options.Bootstrap > 0 && fit.Resamples < 0.9 * _options.Bootstrap)
                                sink.Post(() => WriteWarning($"{Form}{(g.Key.Length > 0 ? $" (group '{g.Key}')" : "")}: only {fit.Resamples} of {_options.Bootstrap} " +
                                    "bootstrap resamples gave a fit (the others had too few distinct points or did not converge); the intervals rest on those."));
                            sink.Post(() => WriteObject(fit));
                        }
                    }
                    catch (FitRefusedException ex)
                    {
                        sink.Post(() => WriteError(Errors.FitRefused(ex, g.Key)));
                    }
                }
            });
    }

    /// <summary>The module's one rule for x = 0: such points are left out of the fit with a warning, never refuse the curve.</summary>
    private void WarnOriginLeftOut(IReadOnlyList<NumericRows.Group> groups)
    {
        int atOrigin = groups.Sum(g => g.Rows.Count(r => r[0] == 0));
        if (atOrigin > 0)
            WriteWarning($"Measure-ScalingLaw: {atOrigin} point{(atOrigin == 1 ? "" : "s")} with {X} = 0 left out (a power law in {X} has no value there; every learning curve starts at α = 0).");
    }
}
