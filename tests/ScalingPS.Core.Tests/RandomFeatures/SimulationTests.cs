using ScalingPS.Core.RandomFeatures;

namespace ScalingPS.Core.Tests.RandomFeatures;

/// <summary>
/// The §1.5 simulator against the DMFT theory within statistical error (spec §11 items 13–16), at sizes that
/// run in about a second. Tolerance: |mean − theory| ≤ 3.5 standard errors of the mean over 16 fixed seeds,
/// plus 2 % of the theory for the O(1/N, 1/P, 1/M) finite-size corrections of the deterministic equivalent
/// (spec §4.3: agreement "within 1–2 standard errors (a few per cent)").
/// </summary>
public class SimulationTests
{
    private const double Inf = double.PositiveInfinity;
    private const int Seeds = 16;
    private static readonly double[] Times = [1, 10, 100, 1000];

    private static RandomFeatureSettings Small(double n, double p, double sigma = 0) =>
        RandomFeatureSettings.PowerLaw(600, 1.5, 1.25, n, p, sigma);

    private static SimulationRun[] Runs(RandomFeatureSettings s, IReadOnlyList<double> times, SimulationOptions o)
    {
        var sim = new RandomFeatureSimulator(s, o);
        var runs = new SimulationRun[Seeds];
        Parallel.For(0, Seeds, i => runs[i] = sim.Run(100 + i, times));
        return runs;
    }

    private static RandomFeaturePoint[] Simulate(RandomFeatureSettings s, IReadOnlyList<double> times, SimulationOptions? o = null)
    {
        o ??= new SimulationOptions { KeepPredictor = true };
        return RandomFeatureCurves.Aggregate(s, o, Runs(s, times, o));
    }

    private static void AgreeWithTheory(RandomFeatureSettings s)
    {
        var th = new DmftTheory(s).Evaluate(Times);
        var o = new SimulationOptions { KeepPredictor = true };
        var runs = Runs(s, Times, o);
        var sim = RandomFeatureCurves.Aggregate(s, o, runs);
        // Delete-one jackknife standard error of the bias estimate (R·L_R − L̄)/(R − 1).
        var jack = Enumerable.Range(0, Seeds).Select(i => RandomFeatureCurves.Aggregate(s, o, runs.Where((_, j) => j != i).ToArray())).ToArray();
        for (int i = 0; i < Times.Length; i++)
        {
            string at = $"(N,P,σ)=({s.N},{s.P},{s.Sigma}) t={Times[i]}";
            Within(th[i].TestLoss, sim[i].TestLoss, sim[i].StdErr!.Value, "test " + at);
            Within(th[i].TrainLoss, sim[i].TrainLoss, sim[i].TrainStdErr!.Value, "train " + at);
            double mean = jack.Average(j => j[i].Bias!.Value);
            double se = Math.Sqrt((Seeds - 1.0) / Seeds * jack.Sum(j => (j[i].Bias!.Value - mean) * (j[i].Bias!.Value - mean)));
            Within(th[i].Bias, sim[i].Bias!.Value, se, "bias " + at);
        }
    }

    private static void Within(double theory, double mean, double stdErr, string what)
    {
        double tol = 3.5 * stdErr + 0.02 * Math.Abs(theory);
        Assert.True(Math.Abs(mean - theory) <= tol, $"{what}: theory {theory:G6}, simulation {mean:G6} ± {stdErr:G3} (tolerance {tol:G3})");
    }

    [Fact] public void FiniteWidthDataRich() => AgreeWithTheory(Small(60, Inf));
    [Fact] public void FiniteDataKernel() => AgreeWithTheory(Small(Inf, 120));
    [Fact] public void BothFinite() => AgreeWithTheory(Small(60, 120));
    [Fact] public void BothFiniteWithLabelNoise() => AgreeWithTheory(Small(120, 60, 0.5));

    [Fact]
    public void KernelLimitIsDeterministicAndExact()
    {
        var s = Small(Inf, Inf);
        var run = new RandomFeatureSimulator(s).Run(1, Times);
        var th = new DmftTheory(s).Evaluate(Times);
        for (int i = 0; i < Times.Length; i++) Approx.Rel(th[i].TestLoss, run.TestLoss[i], 1e-9, $"t = {Times[i]}");
    }

    [Fact]
    public void SameSeedSameNumbers()
    {
        var s = Small(40, 80, 0.3);
        var a = new RandomFeatureSimulator(s).Run(7, Times);
        var b = new RandomFeatureSimulator(s).Run(7, Times);
        var c = new RandomFeatureSimulator(s).Run(8, Times);
        Assert.Equal(a.TestLoss, b.TestLoss);
        Assert.Equal(a.TrainLoss, b.TrainLoss);
        Assert.NotEqual(a.TestLoss[2], c.TestLoss[2]);
    }

    // §11 item 14: discrete GD matches gradient flow at t = η·steps (except at t = O(1)); per seed the two share A and data.
    [Fact]
    public void DiscreteGdApproachesGradientFlow()
    {
        var gf = Small(60, 120);
        var gd = gf with { Optimizer = RandomFeatureOptimizer.GD, Eta = 0.05 };
        double[] times = [10, 100, 1000];
        var a = new RandomFeatureSimulator(gf).Run(3, times);
        var b = new RandomFeatureSimulator(gd).Run(3, times);
        for (int i = 0; i < times.Length; i++) Approx.Rel(a.TestLoss[i], b.TestLoss[i], 0.01, $"GD(η=0.05) vs GF at t = {times[i]}");
        // λ_max(FΣ̂) ≈ 1 for these power laws (spec §1.4 measured 0.96–1.05 at N, P = 100–400; a little more at N = 60).
        Assert.InRange(b.MaxStepRate / 0.05, 0.8, 1.6);
    }

    // §11 item 14: the Z-transform map reproduces discrete-GD simulations at a large step.
    [Fact]
    public void DiscreteGdTheoryMatchesSimulation()
    {
        // η = 0.6 keeps η λ_max(FΣ̂) ≈ 0.8 < 1, the regime of the map.
        var s = Small(60, 120) with { Optimizer = RandomFeatureOptimizer.GD, Eta = 0.6 };
        double[] times = [0.6, 1.8, 6, 60, 600];
        var th = new DmftTheory(s).Evaluate(times);
        var sim = Simulate(s, times);
        for (int i = 0; i < times.Length; i++) Within(th[i].TestLoss, sim[i].TestLoss, sim[i].StdErr!.Value, $"GD η=0.6 t={times[i]}");
    }

    // The GD map with label noise (the σ²/(zz') source maps with the same prefactor as the signal).
    [Fact]
    public void DiscreteGdTheoryWithNoise()
    {
        var s = Small(120, 60, 0.5) with { Optimizer = RandomFeatureOptimizer.GD, Eta = 0.5 };
        double[] times = [0.5, 5, 50, 500];
        var th = new DmftTheory(s).Evaluate(times);
        var sim = Simulate(s, times);
        for (int i = 0; i < times.Length; i++)
        {
            Within(th[i].TestLoss, sim[i].TestLoss, sim[i].StdErr!.Value, $"GD σ=0.5 test t={times[i]}");
            Within(th[i].TrainLoss, sim[i].TrainLoss, sim[i].TrainStdErr!.Value, $"GD σ=0.5 train t={times[i]}");
        }
    }

    // §10 items 1, 2 in the simulation: the MSE objective is the half-MSE run at twice the time, and the 1/√M target
    // divides noiseless losses by M — exactly, seed by seed.
    [Fact]
    public void ConventionOptionsInSimulation()
    {
        var s = Small(60, 120);
        var half = new RandomFeatureSimulator(s).Run(5, [2, 40]);
        var mse = new RandomFeatureSimulator(s with { Objective = TrainingObjective.Mse }).Run(5, [1, 20]);
        for (int i = 0; i < 2; i++) Approx.Rel(half.TestLoss[i], mse.TestLoss[i], 1e-10, "MSE at t = half-MSE at 2t");
        var gdHalf = new RandomFeatureSimulator(s with { Optimizer = RandomFeatureOptimizer.GD, Eta = 0.2 }).Run(5, [20]);
        var gdMse = new RandomFeatureSimulator(s with { Optimizer = RandomFeatureOptimizer.GD, Eta = 0.1, Objective = TrainingObjective.Mse }).Run(5, [10]);
        Approx.Rel(gdHalf.TestLoss[0], gdMse.TestLoss[0], 1e-10, "GD: MSE with η = half-MSE with 2η");
        var norm = new RandomFeatureSimulator(s with { TargetNormalization = TargetNormalization.InverseSqrtM }).Run(5, [2, 40]);
        for (int i = 0; i < 2; i++)
        {
            Approx.Rel(half.TestLoss[i] / s.M, norm.TestLoss[i], 1e-10, "1/√M target: L/M");
            Approx.Rel(half.TrainLoss[i] / s.M, norm.TrainLoss[i], 1e-10, "1/√M target: L̂/M");
        }
    }

    // Heavy ball with μ → 0 is GD; with μ > 0 it is GD at the effective rate η/(1 − μ) late in training.
    [Fact]
    public void MomentumReducesToGdAndSpeedsUp()
    {
        double[] times = [5, 50, 500];
        var gd = new RandomFeatureSimulator(Small(60, Inf) with { Optimizer = RandomFeatureOptimizer.GD, Eta = 0.1 }).Run(4, times);
        var hb0 = new RandomFeatureSimulator(Small(60, Inf) with { Optimizer = RandomFeatureOptimizer.Momentum, Eta = 0.1, Momentum = 0 }).Run(4, times);
        for (int i = 0; i < times.Length; i++) Approx.Rel(gd.TestLoss[i], hb0.TestLoss[i], 1e-10, "μ = 0");
        var hb = new RandomFeatureSimulator(Small(60, Inf) with { Optimizer = RandomFeatureOptimizer.Momentum, Eta = 0.05, Momentum = 0.5 }).Run(4, [1000]);
        var gd2 = new RandomFeatureSimulator(Small(60, Inf) with { Optimizer = RandomFeatureOptimizer.GD, Eta = 0.1 }).Run(4, [2000]);
        Approx.Rel(gd2.TestLoss[0], hb.TestLoss[0], 0.01, "heavy ball (η, μ) ≈ GD(η/(1−μ)) late");
    }

    // §11 item 15: one-pass SGD at small η follows the P = ∞ gradient flow; the batch noise adds a little loss.
    [Fact]
    public void OnlineSgdSmallStepIsGradientFlow()
    {
        var s = Small(60, Inf) with { Optimizer = RandomFeatureOptimizer.SGD, Eta = 0.04, BatchSize = 4 };
        double[] times = [2, 20, 60];
        var th = new DmftTheory(Small(60, Inf)).Evaluate(times);
        var sim = Simulate(s, times, new SimulationOptions());
        for (int i = 0; i < times.Length; i++)
            Assert.True(Math.Abs(sim[i].TestLoss - th[i].TestLoss) <= 3.5 * sim[i].StdErr!.Value + 0.03 * th[i].TestLoss,
                $"SGD t={times[i]}: {sim[i].TestLoss:G5} ± {sim[i].StdErr!.Value:G3} vs GF theory {th[i].TestLoss:G5}");
    }

    // §11 item 16: an ensemble of E members with independent A at P = ∞ matches L_E = B + (L − B)/E.
    [Fact]
    public void EnsembleMatchesTheory()
    {
        var s = Small(50, Inf);
        double[] times = [10, 1e4];
        var th = RandomFeatureCurves.Theory(s, times, ensemble: 4);
        var sim = Simulate(s, times, new SimulationOptions { Ensemble = 4 });
        for (int i = 0; i < times.Length; i++)
        {
            Within(th[i].TestLoss, sim[i].TestLoss, sim[i].StdErr!.Value, $"L_E t={times[i]}");
            Assert.True(sim[i].TestLoss >= th[i].Bias * 0.98, "L_E ≥ B");
        }
    }

    // §10 item 3: a random initialisation w(0) ~ N(0, s²) adds s² tr Λ to the initial loss (÷ E for an ensemble),
    // and gradient flow forgets it when G is invertible (N < P): the t → ∞ solution is unique.
    [Fact]
    public void RandomInitialisation()
    {
        var s = Small(60, 120);
        double trace = s.Lambda.Sum(), l0 = 0;
        for (int k = 0; k < s.M; k++) l0 += s.Lambda[k] * s.TargetPower[k];
        foreach (var (e, opt) in new[] { (1, RandomFeatureOptimizer.GradientFlow), (4, RandomFeatureOptimizer.GradientFlow), (1, RandomFeatureOptimizer.SGD) })
        {
            var settings = opt == RandomFeatureOptimizer.SGD ? Small(60, Inf) with { Optimizer = opt, Eta = 0.5 } : s;
            var o = new SimulationOptions { InitScale = 0.3, Ensemble = e };
            var agg = RandomFeatureCurves.Aggregate(settings, o, Runs(settings, [0], o));
            Approx.WithinStdErr(l0 + 0.09 * trace / e, agg[0].TestLoss, agg[0].StdErr!.Value, 3.5, $"L(0) with init, E = {e}, {opt}");
        }
        var a = new RandomFeatureSimulator(s, new SimulationOptions { InitScale = 0.3 }).Run(9, [1, 1e9]);
        var b = new RandomFeatureSimulator(s).Run(9, [1, 1e9]);
        Assert.True(Math.Abs(a.TestLoss[0] - b.TestLoss[0]) > 1e-3, "the initialisation matters early");
        Approx.Rel(b.TestLoss[1], a.TestLoss[1], 1e-6, "and is forgotten at t → ∞ when N < P");
        // P < N: the component of w(0) outside the data span is never trained away.
        var c = new RandomFeatureSimulator(Small(120, 60), new SimulationOptions { InitScale = 0.3 }).Run(9, [1e9]);
        var d = new RandomFeatureSimulator(Small(120, 60)).Run(9, [1e9]);
        Assert.True(c.TestLoss[0] > d.TestLoss[0] + 1e-3);
        Assert.Equal("InitScale", Assert.Throws<ParameterException>(() => new RandomFeatureSimulator(Small(Inf, 60), new SimulationOptions { InitScale = 0.1 })).ParameterName);
    }

    [Fact]
    public void RejectsBadInput()
    {
        Assert.Equal("P", Assert.Throws<ParameterException>(() => new RandomFeatureSimulator(Small(60, 100) with { Optimizer = RandomFeatureOptimizer.SGD })).ParameterName);
        Assert.Equal("N", Assert.Throws<ParameterException>(() => new RandomFeatureSimulator(Small(60.5, 100))).ParameterName);
        Assert.Equal("Momentum", Assert.Throws<ParameterException>(() => new RandomFeatureSimulator(Small(60, 100) with { Momentum = 1 })).ParameterName);
        Assert.Equal("Time", Assert.Throws<ParameterException>(() => new RandomFeatureSimulator(Small(60, 100)).Run(1, [-1])).ParameterName);
        Assert.Equal("Eta", Assert.Throws<ParameterException>(() => new DmftTheory(Small(60, 100) with { Optimizer = RandomFeatureOptimizer.GD, Eta = 1.5 })).ParameterName);
        // The k×k kernel and its eigendecomposition count against the memory limit, not only the N×M and P×M matrices:
        // N = P = 30000 at M = 100 holds 6·10⁶ feature doubles but a 9·10⁸-entry kernel, refused before allocating.
        var wide = RandomFeatureSettings.PowerLaw(100, 1.5, 1.25, 30000, 30000);
        var ex = Assert.Throws<ParameterException>(() => new RandomFeatureSimulator(wide));
        Assert.Contains("min(N,P)²", ex.Message);
        // The target size (M = 4000, N = 1000, P = 2000) stays well inside it.
        _ = new RandomFeatureSimulator(RandomFeatureSettings.PowerLaw(4000, 1.5, 1.25, 1000, 2000));
    }

    [Fact]
    public void DivergingGdIsReported()
    {
        var run = new RandomFeatureSimulator(Small(60, 120) with { Optimizer = RandomFeatureOptimizer.GD, Eta = 3 }).Run(1, [3, 300, 3000]);
        Assert.True(run.MaxStepRate > 2);
        Assert.False(double.IsNaN(run.DivergedAt));
    }
}

/// <summary>The online-SGD recursion of spec §2.9 (N = ∞).</summary>
public class OnlineSgdTheoryTests
{
    private const double Inf = double.PositiveInfinity;

    // §11 item 15: the small-η limit equals the P = ∞ gradient flow (here N = P = ∞: Σ λw² e^{−2λt}).
    [Fact]
    public void SmallStepIsGradientFlow()
    {
        var s = RandomFeatureSettings.PowerLaw(500, 1.5, 1.25, Inf, Inf) with { Optimizer = RandomFeatureOptimizer.SGD, Eta = 1e-3, BatchSize = 4 };
        var v = OnlineSgdTheory.Evaluate(s, [1, 10]);
        var gf = new DmftTheory(s with { Optimizer = RandomFeatureOptimizer.GradientFlow }).Evaluate([1, 10]);
        for (int i = 0; i < 2; i++) Approx.Rel(gf[i].TestLoss, v[i].TestLoss, 2e-3, $"t = {gf[i].Time}");
    }

    // Simulated one-pass SGD at N = ∞ (M-dimensional features) matches the recursion within statistical error.
    [Fact]
    public void MatchesSimulation()
    {
        var s = RandomFeatureSettings.PowerLaw(300, 1.5, 1.25, Inf, Inf, 0.5) with { Optimizer = RandomFeatureOptimizer.SGD, Eta = 0.5, BatchSize = 2 };
        double[] times = [5, 50, 200];
        var th = OnlineSgdTheory.Evaluate(s, times);
        var o = new SimulationOptions();
        var sim = new RandomFeatureSimulator(s, o);
        var runs = new SimulationRun[32];
        Parallel.For(0, runs.Length, i => runs[i] = sim.Run(i + 1, times));
        var agg = RandomFeatureCurves.Aggregate(s, o, runs);
        for (int i = 0; i < times.Length; i++)
            Approx.WithinStdErr(th[i].TestLoss, agg[i].TestLoss, agg[i].StdErr!.Value, 3.5, $"SGD L({times[i]})");
        // Batch noise adds variance above the bias (the mean decays as gradient descent).
        Assert.True(th[2].TestLoss > th[2].Bias);
    }

    /// <summary>
    /// Time points are evaluated in blocks (32 per block: matrix products for the predictors and the train residuals).
    /// A run over 70 times (three blocks, the last partial) gives each time's losses as a run at that time alone does,
    /// to rounding (relative 1e-12, or 1e-14·L(0) for a train loss that is zero up to rounding), on the factored and
    /// the formed-basis routes.
    /// </summary>
    [Theory]
    [InlineData(50, 120, 0)] [InlineData(120, 50, 0)] [InlineData(50, 120, 1)]
    public void TimeBlocksMatchSingleTimeRuns(double n, double p, int route)
    {
        var s = RandomFeatureSettings.PowerLaw(200, 1.5, 1.25, n, p, 0.5);
        var sim = new RandomFeatureSimulator(s) { Route = route == 0 ? RandomFeatureSimulator.PredictorRoute.Implicit : RandomFeatureSimulator.PredictorRoute.Basis };
        var times = Enumerable.Range(0, 70).Select(i => Math.Pow(10, i / 10.0 - 1)).ToArray();
        var all = sim.Run(5, times);
        double floor = 1e-14 * sim.InitialLoss; // for the train loss once it is zero up to rounding (P < N)
        foreach (int i in new[] { 0, 31, 32, 33, 63, 64, 69 })
        {
            var one = sim.Run(5, [times[i]]);
            Approx.Abs(one.TestLoss[0], all.TestLoss[i], 1e-12 * one.TestLoss[0] + floor, $"test loss at t = {times[i]:G3} (index {i})");
            Approx.Abs(one.TrainLoss[0], all.TrainLoss[i], 1e-12 * one.TrainLoss[0] + floor, $"train loss at t = {times[i]:G3} (index {i})");
        }
    }

    /// <summary>
    /// With few time points the eigenvectors stay factored and β(t) is mapped back per time point (Aᵀ(U c)/√N, or
    /// through X and A, or Ψ, on the P×P routes); with many the basis is formed once. Both routes, forced, give the
    /// same β(t), so the losses agree to rounding (relative 1e-10) on every route — N ≤ P, P &lt; N, N = ∞, P = ∞, with
    /// label noise and a random initialisation — and the automatic choice picks the factored route for few times.
    /// (A loss that is zero up to rounding, the train loss after interpolation, is compared to 1e-14·L(0) instead.)
    /// </summary>
    [Theory]
    [InlineData(50, 120, 0.0, 0.0)]
    [InlineData(120, 50, 0.5, 0.0)]
    [InlineData(50, 120, 0.5, 0.3)]
    [InlineData(120, 50, 0.0, 0.3)]
    [InlineData(Inf, 80, 0.5, 0.0)]
    [InlineData(60, Inf, 0.0, 0.0)]
    public void PredictorWithAndWithoutTheFormedBasisAgree(double n, double p, double sigma, double init)
    {
        var s = RandomFeatureSettings.PowerLaw(200, 1.5, 1.25, n, p, sigma);
        var o = new SimulationOptions { InitScale = init };
        double[] times = [0, 1, 10, 1000, 1e6];
        var basis = new RandomFeatureSimulator(s, o) { Route = RandomFeatureSimulator.PredictorRoute.Basis }.Run(3, times);
        var factored = new RandomFeatureSimulator(s, o) { Route = RandomFeatureSimulator.PredictorRoute.Implicit }.Run(3, times);
        var sim = new RandomFeatureSimulator(s, o);
        var auto = sim.Run(3, times);
        // Relative 1e-10, or 1e-14 L(0) where a loss is zero up to rounding (the train loss after interpolating, P < N).
        double floor = 1e-14 * sim.InitialLoss;
        for (int i = 0; i < times.Length; i++)
        {
            Approx.Abs(basis.TestLoss[i], factored.TestLoss[i], 1e-10 * basis.TestLoss[i] + floor, $"test loss at t = {times[i]}");
            Approx.Abs(basis.TrainLoss[i], factored.TrainLoss[i], 1e-10 * basis.TrainLoss[i] + floor, $"train loss at t = {times[i]}");
            Assert.Equal(factored.TestLoss[i], auto.TestLoss[i]); // few times: the automatic choice is the factored route
        }
    }
}
