using System.Numerics;
using ScalingPS.Core.RandomFeatures;

namespace ScalingPS.Core.Tests.RandomFeatures;

/// <summary>The DMFT theory against closed forms, limits, symmetries and identities (spec §2, §11 items 2–12).</summary>
public class TheoryPropertyTests
{
    private const double Inf = double.PositiveInfinity;

    private static RandomFeatureSettings Ref(double n, double p, int m = 2000, double sigma = 0) =>
        RandomFeatureSettings.PowerLaw(m, 1.5, 1.25, n, p, sigma);

    // §2.5 / §11 item 4: N, P → ∞ reproduces Σ λ w*² e^{−2λt} to about 2e-11 at n = 16.
    [Fact]
    public void KernelLimitClosedForm()
    {
        var s = Ref(Inf, Inf);
        double[] times = [0.01, 0.3, 1, 10, 100, 1e3, 1e4, 1e5];
        var values = new DmftTheory(s).Evaluate(times);
        for (int i = 0; i < times.Length; i++)
        {
            double exact = 0, t = times[i];
            for (int k = s.M - 1; k >= 0; k--) exact += s.Lambda[k] * s.TargetPower[k] * Math.Exp(-2 * s.Lambda[k] * t);
            Approx.Abs(exact, values[i].TestLoss, 3e-11, $"L({t})");
            Approx.Abs(exact, values[i].TrainLoss, 3e-11, $"L̂({t})");
            Approx.Abs(exact, values[i].Bias, 3e-11, $"B({t})");
        }
    }

    // §11 item 4: n = 12, 16, 20 agree to 6 digits, including N ≈ P.
    [Theory]
    [InlineData(200, 400)] [InlineData(300, 310)] [InlineData(100, Inf)] [InlineData(Inf, 150)]
    public void TalbotOrderIndependence(double n, double p)
    {
        double[] times = [0.5, 10, 300, 1e4, 1e6];
        var v16 = new DmftTheory(Ref(n, p), 16).Evaluate(times);
        foreach (var order in new[] { 12, 20 })
        {
            var v = new DmftTheory(Ref(n, p), order).Evaluate(times);
            for (int i = 0; i < times.Length; i++)
            {
                Approx.Rel(v16[i].TestLoss, v[i].TestLoss, 1e-6, $"L n={order} t={times[i]}");
                Approx.Abs(v16[i].TrainLoss, v[i].TrainLoss, 1e-6 * v16[i].TestLoss, $"L̂ n={order} t={times[i]}");
                Approx.Rel(v16[i].Bias, v[i].Bias, 1e-6, $"B n={order} t={times[i]}");
            }
        }
    }

    // §11 item 2: under N ↔ P, κ and B are unchanged and R₁, R₃ exchange (also at complex s).
    [Fact]
    public void NpSymmetry()
    {
        var lam = Ref(200, 400).Lambda;
        var a = new KappaSolver(lam, 200, 400);
        var b = new KappaSolver(lam, 400, 200);
        foreach (var s in new[] { 0.003, 0.2, 5.0 })
            Approx.Rel(a.SolveReal(s), b.SolveReal(s), 1e-13, $"κ({s})");
        var s0 = new Complex(0.05, 0);
        var s1 = new Complex(-0.02, 0.08);
        var ka = a.Continue(s0, a.SolveReal(0.05), s1);
        var kb = b.Continue(s0, b.SolveReal(0.05), s1);
        Assert.True(Complex.Abs(ka - kb) < 1e-12 * Complex.Abs(ka), $"complex κ {ka} vs {kb}");
        // R₁ = 1 − df/P and R₃ = 1 − df/N swap.
        double dfa = a.Df(a.SolveReal(0.05)), dfb = b.Df(b.SolveReal(0.05));
        Approx.Rel(1 - dfa / 400, 1 - dfb / 400, 1e-12, "R₁(200,400) = R₃(400,200)");
        Approx.Rel(1 - dfa / 200, 1 - dfb / 200, 1e-12, "R₃(200,400) = R₁(400,200)");
        double[] times = [1, 30, 1e3, 1e5];
        var ta = new DmftTheory(Ref(200, 400)).Evaluate(times);
        var tb = new DmftTheory(Ref(400, 200)).Evaluate(times);
        for (int i = 0; i < times.Length; i++) Approx.Rel(ta[i].Bias, tb[i].Bias, 1e-9, $"B({times[i]})");
        // The test loss is not symmetric (the data side sees the label noise and the train set).
        Assert.True(Math.Abs(ta[2].TestLoss - tb[2].TestLoss) > 1e-3);
    }

    // §11 item 3: the largest real root, never the spurious small one, including N ≈ P; κ ≈ s for large s.
    [Theory]
    [InlineData(300, 301)] [InlineData(500, 500)] [InlineData(200, 400)] [InlineData(100, Inf)]
    public void LargestRealRoot(double n, double p)
    {
        var lam = Ref(n, p).Lambda;
        var solver = new KappaSolver(lam, n, p);
        Approx.Rel(Math.Min(n, p), solver.Df(solver.KappaCritical), 1e-9, "df(κ_c) = min(N,P)");
        foreach (var s in new[] { 1e-7, 1e-4, 1e-2, 1.0 })
        {
            double k = solver.SolveReal(s);
            Assert.True(k >= Math.Max(solver.KappaCritical, s) * (1 - 1e-14), $"κ({s}) = {k} below max(κ_c, s)");
            double df = solver.Df(k);
            double g = k * (1 - df * solver.InvP) * (1 - df * solver.InvN);
            Approx.Rel(s, g, 1e-8, $"g(κ) = s at s = {s}");
            // No larger root: g − s > 0 beyond κ (g increasing there).
            double k2 = 1.5 * k, df2 = solver.Df(k2);
            Assert.True(k2 * (1 - df2 * solver.InvP) * (1 - df2 * solver.InvN) > s);
        }
        Approx.Rel(1e6, solver.SolveReal(1e6), 1e-3, "κ ≈ s for large s");
        Assert.Equal(0.37, new KappaSolver(lam, Inf, Inf).SolveReal(0.37));
    }

    // §11 item 8: L(0) = Σ k^-a and L̂(0) = L(0) + σ²; the contour at tiny t approaches them.
    [Fact]
    public void InitialValues()
    {
        var s = Ref(200, 400, sigma: 0.5);
        var th = new DmftTheory(s);
        double l0 = 0;
        for (int k = 2000; k >= 1; k--) l0 += Math.Pow(k, -1.5);
        var v = th.Evaluate([0, 1e-7]);
        Approx.Rel(l0, v[0].TestLoss, 1e-14, "L(0)");
        Approx.Rel(l0 + 0.25, v[0].TrainLoss, 1e-14, "L̂(0)");
        Approx.Rel(l0, v[1].TestLoss, 1e-6, "L(1e-7)");
        Approx.Rel(l0 + 0.25, v[1].TrainLoss, 1e-6, "L̂(1e-7)");
    }

    // §11 items 9, 10: B ≤ L everywhere; for (200,400) L rises after t ≈ 100 while L̂ decreases monotonically.
    [Fact]
    public void BiasBelowLossAndOverfitting()
    {
        double[] times = Enumerable.Range(0, 25).Select(i => Math.Pow(10, -1 + 0.3 * i)).ToArray();
        foreach (var (n, p) in new[] { (200.0, 400.0), (400.0, 200.0), (100.0, Inf), (Inf, 100.0), (300.0, 300.0) })
        {
            var v = new DmftTheory(Ref(n, p, 1000)).Evaluate(times);
            foreach (var x in v) Assert.True(x.Bias <= x.TestLoss * (1 + 1e-9), $"B > L at t = {x.Time}, ({n},{p})");
        }
        var r = new DmftTheory(Ref(200, 400)).Evaluate(times);
        int argmin = Array.IndexOf(r.Select(x => x.TestLoss).ToArray(), r.Min(x => x.TestLoss));
        Assert.InRange(r[argmin].Time, 30, 300);
        Assert.True(r[^1].TestLoss > 1.3 * r[argmin].TestLoss, "test loss rises after its minimum");
        for (int i = 1; i < r.Length; i++) Assert.True(r[i].TrainLoss <= r[i - 1].TrainLoss * (1 + 1e-9), $"L̂ not monotone at {r[i].Time}");
    }

    // §11 item 7 and §2.5: P = ∞ has L = L̂ (noiseless) or L̂ = L + σ²; N = ∞ drives L̂ → 0.
    [Fact]
    public void DataRichAndKernelLimits()
    {
        double[] times = [0.5, 20, 1e3];
        foreach (var x in new DmftTheory(Ref(100, Inf)).Evaluate(times)) Approx.Rel(x.TestLoss, x.TrainLoss, 1e-10, "L = L̂ at P = ∞");
        foreach (var x in new DmftTheory(Ref(100, Inf, sigma: 0.3)).Evaluate(times)) Approx.Rel(x.TestLoss + 0.09, x.TrainLoss, 1e-9, "L̂ = L + σ² at P = ∞");
        Assert.True(new DmftTheory(Ref(Inf, 100)).EvaluateOne(1e8).TrainLoss < 1e-10);
    }

    // §11 item 7: the static special cases.
    [Fact]
    public void StaticSpecialCases()
    {
        var s = Ref(100, Inf);
        var lam = s.Lambda;
        var w2 = s.TargetPower;
        double kappa = new KappaSolver(lam, 100, Inf).KappaCritical;
        double proj = 0;
        for (int k = 0; k < lam.Length; k++) proj += kappa * lam[k] * w2[k] / (lam[k] + kappa);
        Approx.Rel(proj, StaticLimit.Compute(s).TestLoss, 1e-12, "P = ∞: κ Σ λw²/(λ+κ)");

        var sk = Ref(Inf, 100);
        double kk = new KappaSolver(lam, Inf, 100).KappaCritical, b0 = 0, g2 = 0;
        for (int k = 0; k < lam.Length; k++)
        {
            double h = kk / (lam[k] + kk);
            b0 += lam[k] * w2[k] * h * h;
            g2 += lam[k] * lam[k] / ((lam[k] + kk) * (lam[k] + kk));
        }
        Approx.Rel(b0 / (1 - g2 / 100), StaticLimit.Compute(sk).TestLoss, 1e-12, "N = ∞: B₀/(1 − γ₂/P)");
        Assert.Equal(0, StaticLimit.Compute(sk).TrainLoss, 12);
        Assert.True(double.IsPositiveInfinity(StaticLimit.Compute(Ref(300, 300)).TestLoss), "N = P: L∞ = ∞");
        // Above the threshold P > M with N = ∞: ordinary least squares, σ² M/(P − M).
        var ols = StaticLimit.Compute(RandomFeatureSettings.PowerLaw(50, 1.5, 1.25, Inf, 200, 0.5));
        Approx.Rel(0.25 * 50 / 150, ols.TestLoss, 1e-9, "OLS noise variance");
        Approx.Rel(0.25 * (1 - 50.0 / 200), ols.TrainLoss, 1e-9, "OLS train residual σ²(1 − M/P)");
    }

    // The static limit with label noise (derived in StaticLimit) equals the dynamic theory at t = 1e10.
    [Theory]
    [InlineData(200, 400)] [InlineData(400, 200)] [InlineData(Inf, 200)] [InlineData(150, Inf)]
    public void NoisyStaticLimitMatchesDynamics(double n, double p)
    {
        var s = Ref(n, p, 1000, 0.5);
        var st = StaticLimit.Compute(s);
        var dyn = new DmftTheory(s).EvaluateOne(1e10);
        Approx.Abs(st.TestLoss, dyn.TestLoss, 1e-8, "L∞");
        Approx.Abs(st.TrainLoss, dyn.TrainLoss, 1e-8, "L̂∞");
        Approx.Abs(st.Bias, dyn.Bias, 1e-8, "B∞");
        Assert.Equal(st.TestLoss, new DmftTheory(s).EvaluateOne(double.PositiveInfinity).TestLoss);
    }

    // §2.7 / §11 item 12: at N = ∞ the gap L − L̂ equals the first-order formula up to O(1/P²),
    // and for t ≪ 1 it is (2t/P) tr Λ L(0).
    [Fact]
    public void TrainTestGapIdentity()
    {
        const int m = 400;
        double p = 20000;
        var s = RandomFeatureSettings.PowerLaw(m, 1.5, 1.25, Inf, p);
        var lam = s.Lambda;
        var w2 = s.TargetPower;
        double tr = lam.Sum(), l0 = 0;
        for (int k = 0; k < m; k++) l0 += lam[k] * w2[k];
        var th = new DmftTheory(s);
        foreach (var t in new[] { 0.5, 3.0, 20.0 })
        {
            var v = th.EvaluateOne(t);
            double first = 0;
            for (int j = 0; j < m; j++)
                for (int k = 0; k < m; k++)
                {
                    double d = lam[j] - lam[k];
                    double f = Math.Abs(d) < 1e-12 ? t * Math.Exp(-2 * lam[k] * t)
                        : (Math.Exp(-2 * lam[k] * t) - Math.Exp(-(lam[j] + lam[k]) * t)) / d;
                    first += lam[j] * lam[k] * w2[k] * f;
                }
            first *= 2 / p;
            // Second-order terms are O((tr Λ · t/P)²)-relative: a few per cent of the gap here.
            Approx.Rel(first, v.TestLoss - v.TrainLoss, 0.05, $"gap at t = {t}");
        }
        double ts = 1e-3;
        var early = th.EvaluateOne(ts);
        Approx.Rel(2 * ts / p * tr * l0, early.TestLoss - early.TrainLoss, 0.01, "early gap (2t/P) trΛ L(0)");
    }

    // §10 items 1, 2 / §11 item 26: MSE doubles time; the 1/√M target divides noiseless losses by M.
    [Fact]
    public void ConventionOptions()
    {
        var half = new DmftTheory(Ref(200, 400)).Evaluate([2, 50, 600]);
        var mse = new DmftTheory(Ref(200, 400) with { Objective = TrainingObjective.Mse }).Evaluate([1, 25, 300]);
        for (int i = 0; i < 3; i++) Approx.Rel(half[i].TestLoss, mse[i].TestLoss, 1e-12, "MSE at t = half-MSE at 2t");
        var norm = new DmftTheory(Ref(200, 400) with { TargetNormalization = TargetNormalization.InverseSqrtM }).Evaluate([2, 50, 600]);
        for (int i = 0; i < 3; i++)
        {
            Approx.Rel(half[i].TestLoss / 2000, norm[i].TestLoss, 1e-10, "1/√M target: L/M");
            Approx.Rel(half[i].Bias / 2000, norm[i].Bias, 1e-10, "1/√M target: B/M");
        }
        var noisy = new DmftTheory(Ref(200, 400, sigma: 0.5) with { NoisyTestLabels = true }).EvaluateOne(50);
        var clean = new DmftTheory(Ref(200, 400, sigma: 0.5)).EvaluateOne(50);
        Approx.Rel(clean.TestLoss + 0.25, noisy.TestLoss, 1e-12, "noisy test labels add σ²");
    }

    // §2.9: discrete GD. At N = P = ∞ the map reproduces Σ λw²(1 − ηλ)^{2n} exactly; at small η it tends to gradient flow.
    [Fact]
    public void DiscreteGdMap()
    {
        var s = Ref(Inf, Inf, 1000) with { Optimizer = RandomFeatureOptimizer.GD, Eta = 0.5 };
        var th = new DmftTheory(s);
        foreach (var steps in new[] { 1, 2, 3, 4, 10, 100, 10000 })
        {
            double exact = 0;
            for (int k = 0; k < s.M; k++) exact += s.Lambda[k] * s.TargetPower[k] * Math.Pow(1 - 0.5 * s.Lambda[k], 2 * steps);
            var v = th.EvaluateOne(steps * 0.5);
            Approx.Abs(exact, v.TestLoss, 1e-9, $"GD L after {steps} steps");
            Approx.Abs(exact, v.Bias, 1e-9, $"GD B after {steps} steps");
        }
        var gf = new DmftTheory(Ref(200, 400, 1000)).Evaluate([5, 50, 500]);
        var gd = new DmftTheory(Ref(200, 400, 1000) with { Optimizer = RandomFeatureOptimizer.GD, Eta = 0.01 }).Evaluate([5, 50, 500]);
        for (int i = 0; i < 3; i++) Approx.Rel(gf[i].TestLoss, gd[i].TestLoss, 2e-3, $"GD(η=0.01) → GF at t = {gf[i].Time}");
    }

    // §3.8: L_E = B + (L − B)/E for the theory ensemble.
    [Fact]
    public void EnsembleFormula()
    {
        var s = Ref(100, Inf, 1500);
        var one = RandomFeatureCurves.Theory(s, [1e5]);
        var four = RandomFeatureCurves.Theory(s, [1e5], ensemble: 4);
        Approx.Rel(one[0].Bias!.Value + (one[0].TestLoss - one[0].Bias!.Value) / 4, four[0].TestLoss, 1e-14, "L_E");
        Assert.True(four[0].TestLoss >= four[0].Bias);
        // Ensembling is not widening: L_4(N) stays above L(4N) (spec §3.8, R5).
        Assert.True(four[0].TestLoss > RandomFeatureCurves.Theory(Ref(400, Inf, 1500), [1e5])[0].TestLoss);
    }
}

/// <summary>Timescale densities (spec §2.9 Appendix F, §11 item 25).</summary>
public class TimescaleDensityTests
{
    // Isotropic spectrum (λ_k = 1, M modes), N = ∞, P data: Σ̂ is Wishart, so ρ_k is the Marchenko–Pastur law with
    // ratio q = M/P, ρ(u) = √((u₊ − u)(u − u₋)) / (2π q u), u± = (1 ± √q)²; and ∫ ρ(u) e^{−ut} du = H_k(t).
    [Fact]
    public void IsotropicIsMarchenkoPastur()
    {
        const int m = 400;
        const double p = 800, q = m / p;
        var s = new RandomFeatureSettings { Lambda = Enumerable.Repeat(1.0, m).ToArray(), TargetPower = Enumerable.Repeat(1.0, m).ToArray(), N = double.PositiveInfinity, P = p };
        var th = new DmftTheory(s);
        double lo = Math.Pow(1 - Math.Sqrt(q), 2), hi = Math.Pow(1 + Math.Sqrt(q), 2);
        double Mp(double u) => u <= lo || u >= hi ? 0 : Math.Sqrt((hi - u) * (u - lo)) / (2 * Math.PI * q * u);
        double[] us = [0.2, 0.5, 1.0, 1.7, 2.5, 3.0];
        var rho = th.TimescaleDensity(0, us);
        for (int i = 0; i < us.Length; i++) Approx.Abs(Mp(us[i]), rho[i], 1e-7, $"ρ({us[i]})");
        // Laplace transform of the density (Gauss–Legendre in the angle u = c + r cos φ, which removes the edge roots).
        foreach (var t in new[] { 0.5, 2.0 })
        {
            double c = 0.5 * (lo + hi), r = 0.5 * (hi - lo), integral = 0;
            const int nodes = 400;
            for (int j = 0; j < nodes; j++)
            {
                double phi = Math.PI * (j + 0.5) / nodes, u = c + r * Math.Cos(phi);
                integral += Mp(u) * Math.Exp(-u * t) * r * Math.Sin(phi) * Math.PI / nodes;
            }
            Approx.Abs(integral, th.MeanTransfer(t)[0], 1e-8, $"∫ρ e^(−ut) du vs H(t) at t = {t}");
        }
    }

    // N = P = ∞: ρ_k is a delta at λ_k, so away from λ_k the density vanishes.
    [Fact]
    public void KernelLimitIsDelta()
    {
        var th = new DmftTheory(RandomFeatureSettings.PowerLaw(100, 1.5, 1.25, double.PositiveInfinity, double.PositiveInfinity));
        var rho = th.TimescaleDensity(0, [0.5, 2.0]);
        Assert.All(rho, r => Assert.True(Math.Abs(r) < 1e-8));
    }
}
