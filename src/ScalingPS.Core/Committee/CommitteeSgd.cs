using System.Diagnostics;

namespace ScalingPS.Core.Committee;

/// <summary>A seed that stopped because ε_g became non-finite or exceeded the divergence bound.</summary>
public sealed record SgdDivergence(int Seed, double Alpha, long Step, double EpsG, double InitialEpsG, double Eta, double SigmaJ = 0)
{
    /// <summary>
    /// True when the initial weights, not η, are the likely cause: with σ_J ≳ 1 the student's pre-activations are
    /// O(σ_J) and the gradient step scales with them, so a run that would be stable from small weights blows up.
    /// </summary>
    public bool LargeInitialScale => SigmaJ > 1;

    public string Message =>
        $"Seed {Seed} diverged at α ≈ {Alpha:G4} (step {Step}, ε_g = {EpsG:G4}, initially {InitialEpsG:G4}) with η = {Eta:G4}, σ_J = {SigmaJ:G4}; " +
        "the other seeds go on. " + Advice;

    public string Advice => LargeInitialScale
        ? $"The initial weights are large (σ_J = {SigmaJ:G4}): the gradient steps grow with them. Use a small -SigmaJ (the models assume σ_J ≪ 1, e.g. the default 0.01), then a smaller -Eta if it still diverges."
        : $"Use a smaller -Eta (it was {Eta:G4}); linear SGD is stable only for η < 2/ν₁ at large N, and erf committees need η of order 1 or less.";
}

/// <summary>Where the results of a run go; every callback runs on the calling thread of <see cref="CommitteeSgd.Run"/>.</summary>
public sealed class CommitteeSgdSink
{
    public Action<CommitteePoint>? Point { get; init; }
    public Action<CommitteeOrderParameters>? OrderParameters { get; init; }
    public Action<SgdDivergence>? Diverged { get; init; }
}

/// <summary>
/// One-pass SGD of a K-unit committee student on an M-unit committee teacher, x ~ N(0, diag λ)
/// (spec/committee.md §1.3, §8), over seeds Seed .. Seed+Repeat−1 in parallel.
/// <para>
/// Order of results (deterministic): checkpoint by checkpoint (α = 0 first), and within a checkpoint seed by seed.
/// All seeds advance to a checkpoint in parallel (each on whichever thread is free, each with its own generator
/// and buffers), then that checkpoint's results are delivered, so output streams while the run goes on and the
/// numbers are the same bit for bit for any thread count and any -Repeat that includes the seed.
/// </para>
/// </summary>
public static class CommitteeSgd
{
    public static void Run(CommitteeSgdOptions o, bool aggregate, CommitteeSgdSink sink,
        IProgress<EngineProgress>? progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(sink);
        o.Validate();
        if (aggregate && o.OrderParameters)
            throw new ParameterException("OrderParameters", true, "-OrderParameters emits one object per seed and cannot be combined with -Aggregate.");
        try
        {
            if (o.Precision == Precision.Single) RunTyped<float>(o, aggregate, sink, progress, cancellation);
            else RunTyped<double>(o, aggregate, sink, progress, cancellation);
        }
        catch (AggregateException) when (cancellation.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellation);
        }
    }

    /// <summary>Convenience for tests and scripts: all points of a run (per seed, or aggregated) and the divergences.</summary>
    public static (List<CommitteePoint> Points, List<SgdDivergence> Divergences, List<CommitteeOrderParameters> OrderParameters)
        Collect(CommitteeSgdOptions o, bool aggregate = false, CancellationToken cancellation = default)
    {
        var points = new List<CommitteePoint>();
        var div = new List<SgdDivergence>();
        var ops = new List<CommitteeOrderParameters>();
        Run(o, aggregate, new CommitteeSgdSink { Point = points.Add, Diverged = div.Add, OrderParameters = ops.Add }, null, cancellation);
        return (points, div, ops);
    }

    private static void RunTyped<T>(CommitteeSgdOptions o, bool aggregate, CommitteeSgdSink sink,
        IProgress<EngineProgress>? progress, CancellationToken ct) where T : unmanaged
    {
        int repeat = o.Repeat, n = o.N;
        var checkpoints = o.CheckpointSteps();
        var po = new ParallelOptions { MaxDegreeOfParallelism = o.Threads, CancellationToken = ct };
        var states = new SgdSeedState<T>[repeat];
        Parallel.For(0, repeat, po, s => states[s] = new SgdSeedState<T>(o, o.Seed + s));

        var eps = new double[repeat];
        var eps0 = new double[repeat];
        var divergence = new SgdDivergence?[repeat];
        var ops = new CommitteeOrderParameters?[repeat];
        var reported = new bool[repeat];
        // Steps between cancellation checks: about a millisecond of work whatever N, K and M. Steps between
        // divergence checks: also at least 50 (K+M), so that the O((K+M)² N) ε_g of a check stays a few percent of
        // the O((K+M) N)-per-step work it guards.
        long chunk = Math.Clamp(4_000_000L / ((long)n * (o.K + o.M + 4)), 1, 16384);
        long checkEvery = Math.Max(chunk, 50L * (o.K + o.M));
        long total = checkpoints[^1] * (long)repeat, done = 0;
        var clock = Stopwatch.StartNew();
        var template = Template(o);

        for (int c = 0; c < checkpoints.Length; c++)
        {
            long target = checkpoints[c];
            Parallel.For(0, repeat, po, s =>
            {
                var st = states[s];
                if (st.Diverged) return;
                long nextCheck = st.Step + checkEvery;
                while (st.Step < target)
                {
                    ct.ThrowIfCancellationRequested();
                    long run = Math.Min(chunk, target - st.Step);
                    st.Advance(run);
                    long now = Interlocked.Add(ref done, run);
                    if (st.Step < target && st.Step >= nextCheck)
                    {
                        nextCheck = st.Step + checkEvery;
                        double e = st.EpsG();
                        if (IsDiverged(e, eps0[s], o.DivergenceFactor))
                        {
                            Diverge(st, s, e);
                            return;
                        }
                    }
                    if (progress is not null) Report(progress, n, checkpoints[^1], now, total, st.Step, clock);
                }
                double eg = st.EpsG();
                if (c == 0) eps0[s] = eg;
                if (IsDiverged(eg, eps0[s], o.DivergenceFactor)) { Diverge(st, s, eg); return; }
                eps[s] = eg;
                if (o.OrderParameters) ops[s] = st.OrderParameters(o, (double)target / n);
            });

            double alpha = (double)target / n;
            double sum = 0;
            int count = 0;
            for (int s = 0; s < repeat; s++)
            {
                if (divergence[s] is { } d && !reported[s])
                {
                    sink.Diverged?.Invoke(d); // at the checkpoint interval where it happened, once
                    reported[s] = true;
                }
                if (states[s].Diverged) continue;
                if (aggregate)
                {
                    sum += eps[s];
                    count++;
                }
                else if (o.OrderParameters) sink.OrderParameters?.Invoke(ops[s]!);
                else sink.Point?.Invoke(template with { Seed = o.Seed + s, Alpha = alpha, Step = target, EpsG = eps[s] });
            }
            if (aggregate && count > 0)
            {
                double mean = sum / count, ss = 0;
                for (int s = 0; s < repeat; s++)
                    if (!states[s].Diverged) ss += (eps[s] - mean) * (eps[s] - mean); // two passes: no cancellation
                double var = count > 1 ? ss / (count - 1) : double.NaN;
                sink.Point?.Invoke(template with
                {
                    Seed = o.Seed, Alpha = alpha, Step = target, EpsG = mean,
                    StdErr = count > 1 ? Math.Sqrt(var / count) : null, Count = count,
                });
            }
        }
        progress?.Report(new EngineProgress(1, $"α = {(double)checkpoints[^1] / n:G4}: done"));

        void Diverge(SgdSeedState<T> st, int s, double e)
        {
            st.Diverged = true;
            divergence[s] = new SgdDivergence(st.Seed, (double)st.Step / n, st.Step, e, eps0[s], o.Eta, o.SigmaJ);
        }
    }

    private static bool IsDiverged(double e, double e0, double factor) =>
        !double.IsFinite(e) || e > factor * Math.Max(e0, 1e-12);

    private static void Report(IProgress<EngineProgress> progress, int n, long lastStep, long done, long total, long step, Stopwatch clock)
    {
        double sec = clock.Elapsed.TotalSeconds;
        double rate = sec > 0 ? done / sec : 0;
        progress.Report(new EngineProgress(total > 0 ? (double)done / total : 1,
            $"α = {(double)step / n:G4} of {(double)lastStep / n:G4}, {rate:G3} seed-steps/s"));
    }

    private static CommitteePoint Template(CommitteeSgdOptions o) => new()
    {
        Source = nameof(CurveSource.Simulation),
        N = o.N,
        K = o.K,
        M = o.M,
        L = o.Spectrum.DistinctCount,
        Beta = o.Spectrum.Beta,
        Eta = o.Eta,
        SigmaJ = o.SigmaJ,
        Activation = o.Activation.ToString(),
        TeacherActivation = o.TeacherActivation.ToString(),
        OutputNormalization = o.OutputNormalization.ToString(),
        TrainableInputs = o.EffectiveTrainableInputs,
        Generator = o.Generator.ToString(),
    };
}
