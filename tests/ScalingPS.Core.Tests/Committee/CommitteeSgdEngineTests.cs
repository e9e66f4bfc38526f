using ScalingPS.Core.Committee;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.Tests.Committee;

/// <summary>Determinism, precision agreement, divergence, cancellation and the starting state of the engine.</summary>
public class CommitteeSgdEngineTests
{
    private static CommitteeSgdOptions Small(int repeat = 1, int seed = 3) => new()
    {
        Spectrum = PowerLawSpectra.Committee(96, 8, 1), K = 3, M = 2, Eta = 0.3, SigmaJ = 0.1, Alpha = 20, AlphaMin = 0.1,
        Points = 6, Seed = seed, Repeat = repeat,
    };

    [Fact]
    public void A_seed_gives_identical_numbers_alone_with_more_seeds_and_with_one_or_two_threads()
    {
        var alone = CommitteeSgd.Collect(Small() with { ThrottleLimit = 1 }).Points;
        var twoThreads = CommitteeSgd.Collect(Small(repeat: 5, seed: 1) with { ThrottleLimit = 2 }).Points.Where(p => p.Seed == 3).ToList();
        var oneThread = CommitteeSgd.Collect(Small(repeat: 5, seed: 1) with { ThrottleLimit = 1 }).Points.Where(p => p.Seed == 3).ToList();
        Assert.Equal(alone.Select(p => p.EpsG), twoThreads.Select(p => p.EpsG));
        Assert.Equal(alone.Select(p => p.EpsG), oneThread.Select(p => p.EpsG));
        Assert.Equal(alone.Select(p => p.Step), twoThreads.Select(p => p.Step));
        // Order: checkpoint by checkpoint, seed by seed.
        var all = CommitteeSgd.Collect(Small(repeat: 3, seed: 1)).Points;
        Assert.Equal([1, 2, 3, 1, 2, 3], all.Take(6).Select(p => p.Seed));
        Assert.True(all.Zip(all.Skip(1)).All(t => t.First.Alpha <= t.Second.Alpha));
    }

    [Fact]
    public void Single_precision_agrees_with_double_precision_over_seeds()
    {
        // The float data stream is its own sample, so the two precisions agree in distribution: compare seed means.
        var o = Small(repeat: 16) with { Alpha = 8, AlphaMin = 1, Points = 4 };
        var d = CommitteeSgd.Collect(o, aggregate: true).Points;
        var f = CommitteeSgd.Collect(o with { Precision = Precision.Single }, aggregate: true).Points;
        Assert.Equal(d[0].EpsG, f[0].EpsG, 5); // same initial weights (drawn in double)
        foreach (var (a, b) in d.Zip(f).Skip(1))
        {
            double se = Math.Sqrt(a.StdErr!.Value * a.StdErr!.Value + b.StdErr!.Value * b.StdErr!.Value);
            Approx.WithinStdErr(a.EpsG, b.EpsG, se, 4, $"float vs double mean ε_g at α = {a.Alpha}");
        }
    }

    [Fact]
    public void The_run_starts_from_CommitteeWeights_Draw_and_checkpoint_order_parameters_match_Overlaps()
    {
        var o = Small() with { OrderParameters = true, Alpha = 1, AlphaMin = 1, Points = 1 };
        var ops = CommitteeSgd.Collect(o).OrderParameters;
        var (j, b) = CommitteeWeights.Draw(3, 96, 3, 2, 0.1);
        var start = CommitteeWeights.Overlaps(j, b, o.Spectrum, 3, 2, Activation.Erf, Activation.Erf, OutputNormalization.InverseSqrt, seed: 3);
        Assert.Equal(start.RTau, ops[0].RTau);
        Assert.Equal(start.QTau, ops[0].QTau);
        Assert.Equal(start.EpsG, ops[0].EpsG);
        Assert.Equal(start.TTau, ops[1].TTau); // the teacher does not learn
        Assert.NotEqual(start.RTau, ops[1].RTau);
        Assert.Equal(96, ops[1].Step);
    }

    [Theory]
    [InlineData(Precision.Double)]
    [InlineData(Precision.Single)]
    public void The_step_loop_allocates_nothing(Precision precision)
    {
        var o = Small() with { Spectrum = PowerLawSpectra.Committee(1000, 10, 1), Precision = precision };
        Func<long, long> advance = precision == Precision.Double
            ? AllocationsOf(new SgdSeedState<double>(o, 1).Advance)
            : AllocationsOf(new SgdSeedState<float>(o, 1).Advance);
        // One-off runtime work (tier-up and on-stack replacement of the loop) can allocate in the first
        // windows; a per-step allocation would show in every window, so the last of several must be zero.
        long last = -1;
        for (int window = 0; window < 4; window++) last = advance(2000);
        Assert.Equal(0, last);
    }

    private static Func<long, long> AllocationsOf(Action<long> advance) => steps =>
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        advance(steps);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    };

    [Fact]
    public void Divergence_stops_the_seed_and_reports_the_alpha()
    {
        var o = Small(repeat: 2) with { Activation = Activation.Linear, TeacherActivation = Activation.Linear, Eta = 4, Alpha = 200 };
        var (points, div, _) = CommitteeSgd.Collect(o);
        Assert.Equal(2, div.Count);
        Assert.All(div, d => Assert.InRange(d.Alpha, 1e-3, 200));
        Assert.All(div, d => Assert.Contains("-Eta", d.Message));
        Assert.All(div, d => Assert.True(points.Where(p => p.Seed == d.Seed).All(p => p.Alpha <= d.Alpha)));
    }

    [Fact]
    public void Cancellation_stops_a_long_run_promptly()
    {
        using var cts = new CancellationTokenSource();
        var o = Small() with { Spectrum = PowerLawSpectra.Committee(2048, 1, 0), Alpha = 1e6, AlphaMin = 1e6, Points = 1 };
        var sw = System.Diagnostics.Stopwatch.StartNew();
        cts.CancelAfter(300);
        Assert.ThrowsAny<OperationCanceledException>(() => CommitteeSgd.Run(o, false, new CommitteeSgdSink(), null, cts.Token));
        // The uncancelled run is 2·10⁹ steps (hours); finishing at all within a minute proves the token is
        // honoured mid-run. The bound is loose on purpose: a loaded CI machine must not make this flake.
        Assert.True(sw.Elapsed.TotalSeconds < 60, $"stopped after {sw.Elapsed.TotalSeconds:F2} s");
    }

    [Fact]
    public void Orthonormal_teacher_has_T_tau_equal_to_identity()
    {
        var sp = PowerLawSpectra.Committee(64, 4, 1);
        var (j, b) = CommitteeWeights.Draw(2, sp, 2, 3, 0.1, 64, UntrainedInputs.Zero, orthonormalTeacher: true);
        var op = CommitteeWeights.Overlaps(j, b, sp, 2, 3, Activation.Erf, Activation.Erf, OutputNormalization.InverseSqrt);
        for (int tau = 0; tau < 4; tau++)
            for (int p = 0; p < 3; p++)
                for (int q = 0; q < 3; q++)
                    Approx.Abs(p == q ? 1 : 0, op.TTau[(tau * 3 + p) * 3 + q], 1e-12, "T_τ");
        // L = N: groups of one coordinate cannot hold M orthonormal rows; the first-order T is made the identity.
        var full = PowerLawSpectra.Committee(64, 64, 1);
        var (j2, b2) = CommitteeWeights.Draw(2, full, 2, 3, 0.1, 64, UntrainedInputs.Zero, orthonormalTeacher: true);
        var op2 = CommitteeWeights.Overlaps(j2, b2, full, 2, 3, Activation.Erf, Activation.Erf, OutputNormalization.InverseSqrt);
        for (int p = 0; p < 3; p++)
            for (int q = 0; q < 3; q++)
                Approx.Abs(p == q ? 1 : 0, op2.T[p * 3 + q], 1e-12, "first-order T");
    }
}
