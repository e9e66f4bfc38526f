using System.Management.Automation;
using ScalingPS.Core.RandomFeatures;
using ScalingPS.Infrastructure;

namespace ScalingPS.Commands;

/// <summary>
/// Invoke-RandomFeatureTraining: exact simulation of the random-feature model (spec/random-features.md §1.5)
/// over seeds in parallel, one point per seed and time, or the mean ± standard error with -Aggregate.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "RandomFeatureTraining", DefaultParameterSetName = PowerLawSet)]
[OutputType(typeof(RandomFeaturePoint))]
public sealed class InvokeRandomFeatureTrainingCommand : RandomFeatureCommandBase
{
    /// <summary>First seed; runs use Seed, Seed+1, …, Seed+Repeat−1.</summary>
    [Parameter]
    public int Seed { get; set; } = 1;

    /// <summary>Number of independent runs (seeds).</summary>
    [Parameter]
    [ValidateRange(1, 100000)]
    public int Repeat { get; set; } = 1;

    /// <summary>Emit the mean and standard error over the runs per time instead of one point per run.</summary>
    [Parameter]
    public SwitchParameter Aggregate { get; set; }

    /// <summary>Ensemble members share one data set (default: independent data per member).</summary>
    [Parameter]
    public SwitchParameter SharedData { get; set; }

    /// <summary>Random signs of w*_k per seed (default all +).</summary>
    [Parameter]
    public SwitchParameter RandomSigns { get; set; }

    /// <summary>Standard deviation of a random initialisation w_i(0) (default 0: w(0) = 0).</summary>
    [Parameter]
    public double InitScale { get; set; }

    private const string DataSet = "Data";

    /// <summary>Train on the rows of this matrix with -Labels (held-out test loss) instead of Gaussian features.</summary>
    [Parameter(Mandatory = true, ParameterSetName = DataSet)]
    [ValidateNotNull]
    public ScalingPS.Core.Data.FeatureMatrix? Data { get; set; }

    /// <summary>With -Data: one label per row.</summary>
    [Parameter(Mandatory = true, ParameterSetName = DataSet)]
    [VectorTransformation]
    [ValidateNotNull]
    public double[]? Labels { get; set; }

    /// <summary>With -Data: fraction of rows held out for the test loss.</summary>
    [Parameter(ParameterSetName = DataSet)]
    public double HoldOut { get; set; } = 0.2;

    /// <summary>With -Data: feature scale (MeanOne: mean covariance eigenvalue 1).</summary>
    [Parameter(ParameterSetName = DataSet)]
    public ScalingPS.Core.Spectra.SpectrumNormalization InputNormalization { get; set; } = ScalingPS.Core.Spectra.SpectrumNormalization.MeanOne;

    private void RunOnData()
    {
        if (Ensemble != 1) throw new ScalingPS.Core.ParameterException("Ensemble", Ensemble, "With -Data, ensembles are not simulated (use -Ensemble 1).");
        if (SharedData.IsPresent || RandomSigns.IsPresent || InitScale != 0)
            throw new ScalingPS.Core.ParameterException(SharedData.IsPresent ? "SharedData" : RandomSigns.IsPresent ? "RandomSigns" : "InitScale", true,
                "With -Data the labels are given and w(0) = 0: -SharedData, -RandomSigns and -InitScale do not apply.");
        if (Sigma != 0) throw new ScalingPS.Core.ParameterException("Sigma", Sigma, "With -Data the labels carry their own noise; -Sigma does not apply.");
        if (NoisyTestLabels.IsPresent) throw new ScalingPS.Core.ParameterException("NoisyTestLabels", true, "With -Data the held-out labels are the data's own.");
        foreach (var t in Time)
            if (!(t >= 0) || !(t <= 1e15)) throw new ScalingPS.Core.ParameterException("Time", t, "With -Data, times must be in [0, 1e15].");
        var options = new ScalingPS.Core.Data.RandomFeatureDataOptions { Data = Data!, Labels = Labels!, HoldOut = HoldOut, Normalization = InputNormalization };
        RunEngine($"Invoke-RandomFeatureTraining on {Data!.Shape} data", sink =>
        {
            var prepared = ScalingPS.Core.Data.DataRandomFeatureTraining.Prepare(options, sink.Cancellation);
            int count = N.Length * P.Length, index = 0;
            foreach (var n in N)
                foreach (var p in P)
                {
                    var template = new RandomFeatureSettings
                    {
                        Lambda = [1.0], TargetPower = [0.0], N = n, P = p, Optimizer = Optimizer, Eta = Eta, Momentum = Momentum,
                        BatchSize = BatchSize, Objective = Objective, TargetNormalization = TargetNormalization,
                    };
                    var points = ScalingPS.Core.Data.DataRandomFeatureTraining.Run(prepared, template, Time, Seed, Repeat, Aggregate.IsPresent,
                        Slice(sink, index++, count, $"N = {n}, P = {p}"), sink.Cancellation);
                    foreach (var point in points) sink.Post(() => WriteObject(point));
                }
        });
    }

    protected override void ProcessItem()
    {
        Core.Check.Seeds(Seed, Repeat);
        if (ParameterSetName == DataSet)
        {
            RunOnData();
            return;
        }
        var settings = BuildSettings();
        var options = new SimulationOptions
        {
            Ensemble = Ensemble,
            SharedData = SharedData.IsPresent,
            RandomSigns = RandomSigns.IsPresent,
            InitScale = InitScale,
            KeepPredictor = Aggregate.IsPresent && Repeat >= 2 && !RandomSigns.IsPresent,
        };
        var times = Time;
        RunEngine("Invoke-RandomFeatureTraining", sink =>
        {
            for (int c = 0; c < settings.Count; c++)
            {
                var s = settings[c];
                var sim = new RandomFeatureSimulator(s, options);
                var runs = new SimulationRun?[Repeat];
                var fractions = new double[Repeat];
                int done = 0, emitted = 0;
                var gate = new object();
                var po = new ParallelOptions { CancellationToken = sink.Cancellation };
                Parallel.For(0, Repeat, po, r =>
                {
                    var seedProgress = new Progress(f =>
                    {
                        lock (gate)
                        {
                            fractions[r] = f;
                            sink.Report(new Core.EngineProgress((c + fractions.Sum() / Repeat) / settings.Count, $"N = {s.N}, P = {s.P}: {done} of {Repeat} seeds done"));
                        }
                    });
                    var run = sim.Run(Seed + r, times, sink.Cancellation, seedProgress);
                    lock (gate)
                    {
                        runs[r] = run;
                        fractions[r] = 1;
                        done++;
                        sink.Report(new Core.EngineProgress((c + (double)done / Repeat) / settings.Count, $"N = {s.N}, P = {s.P}: seed {done}/{Repeat}"));
                        // Stream finished runs in seed order (reproducible output order whatever the thread count).
                        while (!Aggregate.IsPresent && emitted < Repeat && runs[emitted] is not null)
                        {
                            Emit(sink, s, options, runs[emitted]!);
                            emitted++;
                        }
                    }
                });
                if (Aggregate.IsPresent)
                {
                    foreach (var run in runs) ReportDivergence(sink, s, run!);
                    foreach (var point in RandomFeatureCurves.Aggregate(s, options, runs!)) sink.Post(() => WriteObject(point));
                }
            }
        });
    }

    private void Emit(EngineSink sink, RandomFeatureSettings s, SimulationOptions options, SimulationRun run)
    {
        foreach (var point in RandomFeatureCurves.PerSeed(s, options, run)) sink.Post(() => WriteObject(point));
        ReportDivergence(sink, s, run);
    }

    private void ReportDivergence(EngineSink sink, RandomFeatureSettings s, SimulationRun run)
    {
        if (double.IsNaN(run.DivergedAt)) return;
        string message = $"Seed {run.Seed} diverged at t = {run.DivergedAt:G4} (N = {s.N}, P = {s.P}, {s.Optimizer}, η = {s.Eta}, η·λ_max = {run.MaxStepRate:G3}; " +
            (s.Optimizer == RandomFeatureOptimizer.Momentum ? "heavy ball needs η·λ_max < 2(1 + μ))." : "GD needs η·λ_max < 2).");
        var record = Errors.Make(Errors.Diverged, message, run.DivergedAt,
            "Lower -Eta; for these power laws λ_max(FΣ̂) is about 1.");
        sink.Post(() => WriteError(record));
    }

    /// <summary>Synchronous IProgress (System.Progress would post to a thread pool and report out of order).</summary>
    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
