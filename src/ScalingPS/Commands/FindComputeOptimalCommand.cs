using System.Management.Automation;
using ScalingPS.Core;
using ScalingPS.Core.Analysis;
using ScalingPS.Infrastructure;

namespace ScalingPS.Commands;

/// <summary>
/// Find-ComputeOptimal: the compute-optimal frontier C = factor·N·t from measured points (one loss-vs-time curve
/// per size), from a fitted Chinchilla law, or from a script block loss; emits the frontier points and a summary
/// with the exponents of N*(C), t*(C) and L*(C).
/// </summary>
[Cmdlet(VerbsCommon.Find, "ComputeOptimal", DefaultParameterSetName = PointsSet)]
[OutputType(typeof(ComputeFrontierPoint), typeof(ComputeOptimalSummary))]
public sealed class FindComputeOptimalCommand : ScalingCmdlet
{
    private const string PointsSet = "Points";
    private const string LawSet = "Law";
    private const string FunctionSet = "LossFunction";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PointsSet)]
    public PSObject? InputObject { get; set; }

    [Parameter(ParameterSetName = PointsSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ScalingPS.Plotting.PlotPropertyCompleter))]
    public string Size { get; set; } = "N";

    [Parameter(ParameterSetName = PointsSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ScalingPS.Plotting.PlotPropertyCompleter))]
    public string Time { get; set; } = "Time";

    [Parameter(ParameterSetName = PointsSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ScalingPS.Plotting.PlotPropertyCompleter))]
    public string Loss { get; set; } = "TestLoss";

    [Parameter(ParameterSetName = PointsSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ScalingPS.Plotting.PlotPropertyCompleter))]
    public string[]? GroupBy { get; set; }

    [Parameter(ParameterSetName = PointsSet)]
    public ResampleMode Resample { get; set; } = ResampleMode.Auto;

    [Parameter(ParameterSetName = PointsSet)]
    [ArgumentCompleter(typeof(ScalingPS.Plotting.PlotPropertyCompleter))]
    public string ClusterBy { get; set; } = "Seed";

    [Parameter(Mandatory = true, ParameterSetName = LawSet)]
    public ScalingLawFit? Law { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = FunctionSet)]
    public ScriptBlock? LossFunction { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = LawSet)]
    [Parameter(Mandatory = true, ParameterSetName = FunctionSet)]
    [ValidateCount(2, 2)]
    public double[] SizeRange { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = LawSet)]
    [Parameter(Mandatory = true, ParameterSetName = FunctionSet)]
    [ValidateCount(2, 2)]
    public double[] TimeRange { get; set; } = [];

    [Parameter(ParameterSetName = LawSet)]
    [Parameter(ParameterSetName = FunctionSet)]
    public int SizesPerDecade { get; set; } = 8;

    [Parameter(ParameterSetName = LawSet)]
    [Parameter(ParameterSetName = FunctionSet)]
    public int TimesPerDecade { get; set; } = 16;

    [Parameter]
    public double ComputeFactor { get; set; } = 1;

    [Parameter]
    public int BinsPerDecade { get; set; } = 4;

    [Parameter]
    public double LossOffset { get; set; } = double.NaN;

    [Parameter]
    public double Confidence { get; set; } = 0.95;

    [Parameter]
    [ValidateRange(0, 1_000_000)]
    public int Bootstrap { get; set; } = 1000;

    [Parameter]
    public int Seed { get; set; }

    [Parameter]
    public double MinDecades { get; set; } = 1;

    [Parameter]
    public SwitchParameter SummaryOnly { get; set; }

    private NumericRows? _rows;
    private ComputeFrontierOptions _options = new();

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        Guard(() =>
        {
            double offset = LossOffset;
            if (double.IsNaN(offset)) offset = ParameterSetName == LawSet && Law is not null ? Law.Offset ?? 0 : 0;
            if (ParameterSetName == LawSet && Law is not null && Law.Form != nameof(ScalingForm.Chinchilla))
                throw new ParameterException("Law", Law.Form, "-Law needs a Chinchilla fit (L = E + A·N^-a + B·D^-b, D read as time).");
            bool formula = ParameterSetName != PointsSet;
            _options = new ComputeFrontierOptions
            {
                ComputeFactor = ComputeFactor, BinsPerDecade = BinsPerDecade, LossOffset = offset, Confidence = Confidence,
                // A formula has no sampling noise to resample: its exponents are exact up to the grid.
                Bootstrap = formula ? 0 : Bootstrap, Seed = Seed, Resample = Resample, MinDecades = MinDecades,
            };
            _options.Validate();
        });
        if (ParameterSetName == PointsSet) _rows = new NumericRows(this, [Size, Time, Loss], GroupBy, ClusterBy);
    }

    protected override void ProcessItem()
    {
        if (ParameterSetName == PointsSet) _rows!.Add(InputObject);
    }

    protected override void EndItems()
    {
        if (ParameterSetName == PointsSet) FromPoints();
        else FromFormula();
    }

    private void FromPoints()
    {
        var groups = _rows!.Groups.ToList();
        if (groups.Count == 0)
        {
            WriteError(Errors.FitRefused(new FitRefusedException(FitRefusal.TooFewPoints, "Find-ComputeOptimal: no input objects had the properties to analyse."), ""));
            return;
        }
        RunEngine("Find-ComputeOptimal", sink =>
        {
            for (int gi = 0; gi < groups.Count; gi++)
            {
                var g = groups[gi];
                try
                {
                    var (frontier, summary) = ComputeFrontier.Compute(g.Column(0), g.Column(1), g.Column(2), g.Clusters?.ToArray(), _options,
                        new GroupProgress(sink, gi, groups.Count), sink.Cancellation);
                    if (summary.Resampled == nameof(ResampleMode.Points) && _options.Bootstrap > 0)
                        sink.Post(() => WriteWarning($"Find-ComputeOptimal{(g.Key.Length > 0 ? $" (group '{g.Key}')" : "")}: intervals from a point bootstrap are approximate " +
                            "(about 80 % coverage for a nominal 95 % in the tests, since a single point per (size, time) cannot be redrawn); " +
                            $"give several seeds in a '{ClusterBy}' property for a calibrated cluster bootstrap."));
                    Emit(sink, frontier, summary, g.Key);
                }
                catch (FitRefusedException ex)
                {
                    sink.Post(() => WriteError(Errors.FitRefused(ex, g.Key)));
                }
            }
        });
    }

    private void FromFormula()
    {
        double[] size = [], time = [], loss = [];
        // The script block must run on the pipeline thread, so the grid is evaluated here, not in RunEngine's worker.
        RunOnPipelineThread("Find-ComputeOptimal", progress =>
            (size, time, loss) = ComputeFrontier.EvaluateGrid(SizeRange, TimeRange, SizesPerDecade, TimesPerDecade, LossAt, Cancellation, progress));
        try
        {
            var (frontier, summary) = ComputeFrontier.Compute(size, time, loss, null, _options, null, Cancellation);
            if (Law is not null && Law.Resamples > 0)
            {
                // The law's own bootstrap draws of (a, b) carry its uncertainty into the exponents.
                var ci = ComputeFrontier.LawExponentIntervals(Law, Confidence);
                // The loss interval is that of L* − E: it applies only when the offset subtracted is the law's E.
                bool lossOk = _options.LossOffset == Law.Offset;
                summary = summary with
                {
                    SizeExponentLower = ci[0].Lower, SizeExponentUpper = ci[0].Upper,
                    TimeExponentLower = ci[1].Lower, TimeExponentUpper = ci[1].Upper,
                    LossExponentLower = lossOk ? ci[2].Lower : double.NaN, LossExponentUpper = lossOk ? ci[2].Upper : double.NaN,
                    Resampled = Law.Resampled, Resamples = Law.Resamples,
                };
            }
            foreach (var p in SummaryOnly ? [] : frontier) WriteObject(p);
            WriteObject(summary);
        }
        catch (FitRefusedException ex)
        {
            WriteError(Errors.FitRefused(ex, ""));
        }
    }

    /// <summary>The law's prediction, or the script block's one number (run here, on the pipeline thread, as PowerShell requires).</summary>
    private double LossAt(double size, double time)
    {
        if (Law is not null) return Law.Predict(size, time);
        var result = LossFunction!.Invoke(size, time);
        if (result.Count != 1 || !NumericRows.TryNumber(result[0]?.BaseObject, out double loss))
            throw new ParameterException("LossFunction", result.Count == 1 ? result[0] : result.Count,
                $"LossFunction must return one number for (N, t) = ({size:G4}, {time:G4}).");
        return loss;
    }

    private void Emit(EngineSink sink, IReadOnlyList<ComputeFrontierPoint> frontier, ComputeOptimalSummary summary, string group)
    {
        if (!SummaryOnly)
            foreach (var p in frontier)
            {
                var point = p with { Group = group };
                sink.Post(() => WriteObject(point));
            }
        var s = summary with { Group = group };
        sink.Post(() => WriteObject(s));
    }
}
