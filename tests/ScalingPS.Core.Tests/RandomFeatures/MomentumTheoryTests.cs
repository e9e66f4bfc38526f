using ScalingPS.Core.Analysis;
using ScalingPS.Core.RandomFeatures;

namespace ScalingPS.Core.Tests.RandomFeatures;

/// <summary>
/// The heavy-ball theory (HeavyBallContour): exact against the kernel-limit closed form at every time regime
/// (circle, widened contour, fixed Talbot across the underdamped segment), equal to the GD theory at μ = 0, and
/// against simulation at finite N, P within statistical error.
/// </summary>
public class MomentumTheoryTests
{
    private const double Inf = double.PositiveInfinity;

    /// <summary>Σ λ w² h_n(λ)², h_{n+1} = (1+μ−ηλ)h_n − μh_{n−1}, h₀ = h₋₁ = 1: the loss at N = P = ∞.</summary>
    private static double KernelLimitLoss(RandomFeatureSettings s, long steps)
    {
        var w2 = s.EffectiveTargetPower();
        double sum = 0;
        for (int k = 0; k < s.M; k++)
        {
            double lam = s.Lambda[k], a = 1 + s.Momentum - s.Eta * lam, h = 1, prev = 1;
            for (long n = 0; n < steps; n++) (h, prev) = (a * h - s.Momentum * prev, h);
            sum += lam * w2[k] * h * h;
        }
        return sum;
    }

    // Steps from the circle (≤ 6) through the widened contour (μ^{n/2} > e^{−40}) to the fixed Talbot, and
    // three (η, μ): strongly underdamped (0.9), moderate, and η·λ₁ above 1 (only momentum is stable-monotone there).
    [Theory]
    [InlineData(0.1, 0.9)]
    [InlineData(0.5, 0.5)]
    [InlineData(1.5, 0.3)]
    public void KernelLimitMatchesTheExactRecursion(double eta, double mu)
    {
        var s = RandomFeatureSettings.PowerLaw(400, 1.5, 1.25, Inf, Inf) with { Optimizer = RandomFeatureOptimizer.Momentum, Eta = eta, Momentum = mu };
        long[] steps = [1, 3, 6, 7, 12, 30, 100, 300, 1000, 3000, 10000, 100000];
        var th = new DmftTheory(s).Evaluate(steps.Select(n => n * eta).ToArray());
        double l0 = new DmftTheory(s).InitialLoss;
        for (int i = 0; i < steps.Length; i++)
        {
            double exact = KernelLimitLoss(s, steps[i]);
            Assert.True(Math.Abs(th[i].TestLoss - exact) <= 1e-9 * l0 + 1e-7 * exact,
                $"η={eta} μ={mu} steps={steps[i]}: theory {th[i].TestLoss:R}, exact {exact:R}");
        }
    }

    // At μ = 0 the heavy ball is GD step by step; the momentum contour (expm1-based map, its own weights) must give
    // the GD theory's numbers, at finite N and P, with noise.
    [Theory]
    [InlineData(100, Inf)]
    [InlineData(200, 400)]
    [InlineData(400, 200)]
    public void ZeroMomentumIsGd(double n, double p)
    {
        var gd = RandomFeatureSettings.PowerLaw(800, 1.5, 1.25, n, p, 0.3) with { Optimizer = RandomFeatureOptimizer.GD, Eta = 0.5 };
        var hb = gd with { Optimizer = RandomFeatureOptimizer.Momentum, Momentum = 0 };
        double[] times = [0.5, 2, 3.5, 10, 100, 1e3, 1e4, 1e5];
        var a = new DmftTheory(gd).Evaluate(times);
        var b = new DmftTheory(hb).Evaluate(times);
        // Relative 1e-8, with an absolute floor of 1e-12·L(0) for a train loss that has converged to round-off (N > P).
        double floor = 1e-12 * new DmftTheory(gd).InitialLoss;
        for (int i = 0; i < times.Length; i++)
        {
            Assert.True(Math.Abs(a[i].TestLoss - b[i].TestLoss) <= 1e-8 * Math.Abs(a[i].TestLoss) + floor, $"test t={times[i]}: {a[i].TestLoss:R} vs {b[i].TestLoss:R}");
            Assert.True(Math.Abs(a[i].TrainLoss - b[i].TrainLoss) <= 1e-8 * Math.Abs(a[i].TrainLoss) + floor, $"train t={times[i]}: {a[i].TrainLoss:R} vs {b[i].TrainLoss:R}");
        }
    }

    // Simulation (16 seeds, M = 800) against the theory at the (N, P), t up to 1e5, with μ = 0.9 (η = 0.1,
    // effective rate η/(1−μ) = 1). Tolerance as in SimulationTests: 3.5 s.e. + 2 % of the theory for the
    // O(1/N, 1/P, 1/M) corrections of the deterministic equivalent.
    [Theory]
    [InlineData(100, Inf)]
    [InlineData(200, 400)]
    [InlineData(400, 200)]
    public void AgreesWithSimulation(double n, double p)
    {
        var s = RandomFeatureSettings.PowerLaw(800, 1.5, 1.25, n, p) with { Optimizer = RandomFeatureOptimizer.Momentum, Eta = 0.1, Momentum = 0.9 };
        double[] times = [0.3, 3, 30, 300, 3000, 1e5];
        var th = new DmftTheory(s).Evaluate(times);
        var o = new SimulationOptions();
        var sim = new RandomFeatureSimulator(s, o);
        var runs = new SimulationRun[16];
        Parallel.For(0, runs.Length, i => runs[i] = sim.Run(300 + i, times));
        var agg = RandomFeatureCurves.Aggregate(s, o, runs);
        var summary = CurveComparer.Compare(agg.Select(q => (q.Time, q.TestLoss, q.StdErr!.Value)).ToList(),
            th.Select(v => (v.Time, v.TestLoss)).ToList());
        for (int i = 0; i < times.Length; i++)
        {
            double tol = 3.5 * agg[i].StdErr!.Value + 0.02 * th[i].TestLoss;
            Assert.True(Math.Abs(agg[i].TestLoss - th[i].TestLoss) <= tol,
                $"(N,P)=({n},{p}) t={times[i]}: theory {th[i].TestLoss:G6}, simulation {agg[i].TestLoss:G6} ± {agg[i].StdErr:G3} (z = {summary.Detail[i].Z:F2})");
        }
    }

    [Fact]
    public void RefusesStepsWithNegativeRoots()
    {
        // η·λ₁ = 3 > (1 + √0.25)² = 2.25: the iterate flips sign every step; the theory refuses, naming -Eta.
        var s = RandomFeatureSettings.PowerLaw(100, 1.5, 1.25, Inf, Inf) with { Optimizer = RandomFeatureOptimizer.Momentum, Eta = 3, Momentum = 0.25 };
        var ex = Assert.Throws<ParameterException>(() => new DmftTheory(s));
        Assert.Equal("Eta", ex.ParameterName);
    }

    [Theory]
    [InlineData(100, Inf)]
    [InlineData(200, 400)]
    public void SpectralEdgeIsTheTopOfTheTheorysSpectrum(double n, double p)
    {
        // λ_hi bounds where the deterministic equivalent puts spectral mass: the top mode's timescale density
        // ρ₁(u) = −Im H₁(−u + i0)/π is positive just below it and vanishes above it. (It lies above the top
        // eigenvalue of one finite sample, which sits inside the equivalent's O(1/√N)-wide bump around λ₁.)
        var s = RandomFeatureSettings.PowerLaw(800, 1.5, 1.25, n, p);
        double edge = HeavyBallContour.SpectralEdge(s.Lambda, 1 / n, 1 / p);
        Assert.True(edge > 1.01, $"edge {edge}");
        var rho = new DmftTheory(s).TimescaleDensity(0, [0.97 * edge, 1.03 * edge, 1.5 * edge]);
        Assert.True(rho[0] > 1e-3, $"ρ₁ below the edge: {rho[0]}");
        Assert.True(Math.Abs(rho[1]) < 1e-8 && Math.Abs(rho[2]) < 1e-8, $"ρ₁ above the edge: {rho[1]}, {rho[2]}");
        Assert.Equal(1.0, HeavyBallContour.SpectralEdge(s.Lambda, 0, 0));
    }

    [Fact]
    public void WidenedContourCostStaysBounded()
    {
        // μ = 0.99, η = 0.01 (effective rate 1): the widest case the sizes need; the contour must fit the node cap.
        var s = RandomFeatureSettings.PowerLaw(200, 1.5, 1.25, Inf, Inf) with { Optimizer = RandomFeatureOptimizer.Momentum, Eta = 0.01, Momentum = 0.99 };
        var th = new DmftTheory(s);
        foreach (long steps in new long[] { 100, 1000, 3000, 7000, 8500 })
        {
            double exact = KernelLimitLoss(s, steps), value = th.EvaluateOne(steps * 0.01).TestLoss;
            Assert.True(Math.Abs(value - exact) <= 1e-9 * th.InitialLoss + 1e-7 * exact, $"μ=0.99 steps={steps}: theory {value:R}, exact {exact:R}");
        }
    }

    // Late times: GD and momentum reach the gradient-flow (static) value. The late contour nodes have |ηs| ~ 1/steps,
    // and the map z = (e^{ηs} − 1)/η computed as Exp − 1 (what .NET's double.ExpM1 does) lost digits as ε·steps:
    // 1e-3 at 10¹² steps. With an accurate expm1 both agree with gradient flow to 1e-9.
    [Theory]
    [InlineData(RandomFeatureOptimizer.GD)]
    [InlineData(RandomFeatureOptimizer.Momentum)]
    public void LateTimesReachTheGradientFlowLimit(RandomFeatureOptimizer optimizer)
    {
        var gf = RandomFeatureSettings.PowerLaw(100, 1.5, 1.25, 10, 30);
        var s = gf with { Optimizer = optimizer, Eta = 0.5, Momentum = optimizer == RandomFeatureOptimizer.Momentum ? 0.5 : 0 };
        double[] times = [1e8, 1e10, 1e12, 1e14];
        var a = new DmftTheory(gf).Evaluate(times);
        var b = new DmftTheory(s).Evaluate(times);
        for (int i = 0; i < times.Length; i++) Approx.Rel(a[i].TestLoss, b[i].TestLoss, 1e-9, $"{optimizer} t={times[i]}");
        Assert.Throws<ParameterException>(() => new DmftTheory(s).Evaluate([1e16]));
    }

    [Fact]
    public void AccurateExpM1()
    {
        foreach (double x in new[] { 1e-300, 1e-15, -3e-13, 1e-8, -1e-5, 0.3, -0.49, 2.0, -40 })
        {
            double reference = Math.Abs(x) < 1e-5 ? x + x * x / 2 + x * x * x / 6 : Math.Exp(x) - 1;
            Approx.Rel(reference, HeavyBallContour.ExpM1(x), 4e-16 * (Math.Abs(x) < 1e-5 || Math.Abs(x) > 0.5 ? 1 : 1 / Math.Abs(x)) + 1e-15, $"x={x}");
        }
    }

    [Fact]
    public void RefusesTimesNeedingTooManyNodesAndNamesTheReachableOnes()
    {
        // μ = 0.999, η = 0.001: oscillations last ~ 40/a = 80 time units with ~30 radians of phase per unit; the
        // widened contour would need far more than MaxNodes nodes. The refusal names -Time; late times still work.
        var s = RandomFeatureSettings.PowerLaw(100, 1.5, 1.25, Inf, Inf) with { Optimizer = RandomFeatureOptimizer.Momentum, Eta = 0.001, Momentum = 0.999 };
        var th = new DmftTheory(s);
        var ex = Assert.Throws<ParameterException>(() => th.EvaluateOne(50));
        Assert.Equal("Time", ex.ParameterName);
        Assert.Contains("t ≥", ex.Message);
        long steps = 100000;
        Assert.True(Math.Abs(th.EvaluateOne(steps * 0.001).TestLoss - KernelLimitLoss(s, steps)) <= 1e-9 * th.InitialLoss);
    }
}
