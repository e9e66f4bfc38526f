
namespace ScalingPS.Core.RandomFeatures;

/// <summary>
/// Turns theory values and simulated runs into <see cref="RandomFeaturePoint"/>s: the one output record
/// shared by Get-RandomFeatureCurve and Invoke-RandomFeatureTraining.
/// </summary>
public static class RandomFeatureCurves
{
    /// <summary>The DMFT theory at every time, as points (Source = Theory, Count = 1, StdErr = NaN).</summary>
    public static RandomFeaturePoint[] Theory(RandomFeatureSettings settings, IReadOnlyList<double> times, int ensemble = 1,
        int order = Numerics.FixedTalbotContour.DefaultOrder, IProgress<EngineProgress>? progress = null, CancellationToken cancellation = default)
    {
        Check.Positive(ensemble, "Ensemble");
        var values = settings.Optimizer == RandomFeatureOptimizer.SGD
            ? OnlineSgdTheory.Evaluate(settings, times, progress, cancellation)
            : new DmftTheory(settings, order).Evaluate(times, progress, cancellation);
        return values.Select(v => Point(settings, CurveSource.Theory, 0, v.Time,
            // L_E = B + (L − B)/E (spec §3.8): exact for independent A and data (or P = ∞).
            // With noisy test labels the σ² offset sits in L only; it is added back after the variance is divided.
            ensemble == 1 ? v.TestLoss : v.Bias + (v.TestLoss - Noise(settings) - v.Bias) / ensemble + Noise(settings),
            v.TrainLoss, v.Bias, ensemble)).ToArray();
    }

    private static double Noise(RandomFeatureSettings s) => s.NoisyTestLabels ? s.Sigma * s.Sigma : 0;

    /// <summary>One point per seed and time (Source = Simulation, Count = 1).</summary>
    public static IEnumerable<RandomFeaturePoint> PerSeed(RandomFeatureSettings settings, SimulationOptions options, SimulationRun run)
    {
        for (int i = 0; i < run.Times.Length; i++)
        {
            if (!double.IsNaN(run.DivergedAt) && run.Times[i] >= run.DivergedAt) yield break;
            yield return Point(settings, CurveSource.Simulation, run.Seed, run.Times[i], run.TestLoss[i], run.TrainLoss[i], double.NaN, options.Ensemble);
        }
    }

    /// <summary>
    /// Mean and standard error over seeds per time. With ≥ 2 runs that kept their predictors (and all-positive
    /// target signs) the bias is estimated without bias as B̂ = (R·L_R − L̄)/(R − 1), where L_R is the loss of
    /// the predictor averaged over the R runs: L_E = B + (L − B)/E for independent members (spec §3.8).
    /// </summary>
    public static RandomFeaturePoint[] Aggregate(RandomFeatureSettings settings, SimulationOptions options, IReadOnlyList<SimulationRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) return [];
        var times = runs[0].Times;
        var lambda = settings.Lambda;
        var w2 = settings.EffectiveTargetPower();
        bool canBias = runs.Count >= 2 && !options.RandomSigns && runs.All(r => r.Predictor is not null);
        double noise = settings.NoisyTestLabels ? settings.Sigma * settings.Sigma : 0;
        var points = new List<RandomFeaturePoint>(times.Length);
        for (int i = 0; i < times.Length; i++)
        {
            var live = runs.Where(r => double.IsNaN(r.DivergedAt) || r.Times[i] < r.DivergedAt).ToList();
            if (live.Count == 0) break;
            var (mt, st) = MeanStdErr(live.Select(r => r.TestLoss[i]));
            var (mr, sr) = MeanStdErr(live.Select(r => r.TrainLoss[i]));
            double bias = double.NaN;
            if (canBias && live.Count == runs.Count)
            {
                int rcount = runs.Count;
                double lr = 0;
                for (int k = 0; k < lambda.Length; k++)
                {
                    double beta = 0;
                    foreach (var r in runs) beta += r.Predictor![i][k];
                    double v = Math.Sqrt(w2[k]) - beta / rcount;
                    lr += lambda[k] * v * v;
                }
                bias = (rcount * lr - (mt - noise)) / (rcount - 1);
            }
            points.Add(Point(settings, CurveSource.Simulation, runs[0].Seed, times[i], mt, mr, bias, options.Ensemble) with
            {
                StdErr = st,
                TrainStdErr = sr,
                Count = live.Count,
            });
        }
        return points.ToArray();
    }

    internal static (double Mean, double StdErr) MeanStdErr(IEnumerable<double> values)
    {
        var x = values.ToArray();
        double mean = x.Average();
        if (x.Length < 2) return (mean, double.NaN);
        double ss = 0;
        foreach (var v in x) ss += (v - mean) * (v - mean);
        return (mean, Math.Sqrt(ss / (x.Length - 1) / x.Length));
    }

    private static RandomFeaturePoint Point(RandomFeatureSettings s, CurveSource source, int seed, double time, double test, double train, double bias, int ensemble) => new()
    {
        Source = source,
        Seed = seed,
        Time = time,
        TestLoss = test,
        TrainLoss = train,
        Bias = Optional.Of(bias),
        A = Optional.Of(s.A),
        B = Optional.Of(s.B),
        M = s.M,
        N = s.N,
        P = s.P,
        Sigma = s.Sigma,
        Eta = s.Eta,
        Optimizer = s.Optimizer,
        Momentum = s.Optimizer == RandomFeatureOptimizer.Momentum ? s.Momentum : 0,
        BatchSize = s.Optimizer == RandomFeatureOptimizer.SGD ? s.BatchSize : 0,
        Ensemble = ensemble,
    };
}
