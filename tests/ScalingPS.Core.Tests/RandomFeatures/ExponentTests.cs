using ScalingPS.Core.RandomFeatures;

namespace ScalingPS.Core.Tests.RandomFeatures;

/// <summary>
/// Scaling exponents of spec §3 recovered from theory curves by least-squares log–log slopes (spec §11 items
/// 17–24). Each tolerance is stated with the finite-M / finite-range bias it absorbs (spec §4.4).
/// </summary>
public class ExponentTests
{
    private const double Inf = double.PositiveInfinity;

    private static double Slope(IReadOnlyList<double> x, IReadOnlyList<double> y) => RandomFeatureFrontier.LogLogSlope(x, y);

    // §11 item 17: time bottleneck at N = P = ∞; spec: −0.431 (not −0.4) at M = 1e5 over t ∈ [30, 1e4] because of finite M.
    [Fact]
    public void TimeExponent()
    {
        double[] t = Enumerable.Range(0, 8).Select(i => 30 * Math.Pow(1e4 / 30, i / 7.0)).ToArray();
        var v = new DmftTheory(RandomFeatureSettings.PowerLaw(100_000, 1.5, 1.25, Inf, Inf)).Evaluate(t);
        Approx.Abs(-0.431, Slope(t, v.Select(x => x.TestLoss).ToArray()), 0.003, "time slope at M = 1e5");
        // The Γ prefactor of §3.2 holds once 1 ≪ t ≪ λ_M^-1 (here within 3 % at t = 30–100).
        double r = new ScalingExponents(1.5, 1.25).TimeExponent;
        foreach (var x in v.Take(2))
            Approx.Rel(Gamma(r) / 1.25 * Math.Pow(2 * x.Time, -r), x.TestLoss, 0.03, $"Γ((a−1)/b)/b (2t)^-(a−1)/b at t = {x.Time:G3}");
    }

    // §11 items 18, 19: data bottleneck at N = ∞ and model bottleneck at P = ∞ from the static limit, sizes 50–800, M = 3e4.
    // Spec measured values: data −0.53 (1.5,1.25), −2.0 to −2.1 (3,1.25), −2.3 (4,1.1); model −(a−1) only for a − 1 < b,
    // −1.25 to −1.34 for (3,1.25) and tending to −b = −1.1 (not −2.2) for (4,1.1).
    [Theory]
    [InlineData(1.5, 1.25, -0.53, 0.02, -0.53, 0.04)]
    [InlineData(3.0, 1.25, -2.05, 0.05, -1.295, 0.05)]
    [InlineData(4.0, 1.1, -2.3, 0.05, -1.17, 0.08)]
    public void DataAndModelBottlenecks(double a, double b, double dataSlope, double dataTol, double modelSlope, double modelTol)
    {
        double[] sizes = [50, 100, 200, 400, 800];
        var lp = sizes.Select(p => StaticLimit.Compute(RandomFeatureSettings.PowerLaw(30_000, a, b, Inf, p)).TestLoss).ToArray();
        var ln = sizes.Select(n => StaticLimit.Compute(RandomFeatureSettings.PowerLaw(30_000, a, b, n, Inf)).TestLoss).ToArray();
        double sp = Slope(sizes, lp), sn = Slope(sizes, ln);
        Approx.Abs(dataSlope, sp, dataTol, $"data slope ({a},{b})");
        Approx.Abs(modelSlope, sn, modelTol, $"model slope ({a},{b})");
        var e = new ScalingExponents(a, b);
        if (e.HardTask)
        {
            // Only for a − 1 < b is the model exponent a − 1 (spec §3.3). Over sizes 50–800 at M = 3e4 the local slopes
            // drift from −0.51 to −0.57 (finite M, §4.4), so the fitted slope sits within 0.05 of the asymptote.
            Approx.Abs(-e.ModelExponent, sn, 0.05, "model slope = −(a−1) in the hard-task regime");
            Approx.Abs(-e.DataExponent, sp, 0.05, "data slope = −min(a−1, 2b)");
        }
        else
        {
            Assert.True(Math.Abs(sn - (-(a - 1))) > 0.5, $"easy task: the model slope {sn:F3} must not follow −(a−1)");
            Assert.True(Math.Abs(sn - (-b)) < 0.25, $"easy task: the model slope {sn:F3} tends to −b = {-b}");
        }
    }

    // §11 item 20 (R2): the compute-optimal frontier at P = ∞, C = N t. Grid 10 widths in [10, 2000] × 25 times in
    // [1, 1e5] at M = 3000 (the spec's M = 3e4, 14 × 41 grid is in the bench): finite M shifts the slopes by ≲ 0.035.
    [Theory]
    [InlineData(1.5, 1.25)]
    [InlineData(2.0, 1.5)]
    public void ComputeOptimalFrontier(double a, double b)
    {
        double[] widths = Enumerable.Range(0, 10).Select(i => Math.Round(10 * Math.Pow(200, i / 9.0))).ToArray();
        double[] times = Enumerable.Range(0, 25).Select(i => Math.Pow(1e5, i / 24.0)).ToArray();
        var points = widths.SelectMany(n => RandomFeatureCurves.Theory(RandomFeatureSettings.PowerLaw(3000, a, b, n, Inf), times)).ToList();
        var frontier = RandomFeatureFrontier.Find(points).Where(f => f.Interior).ToArray();
        Assert.True(frontier.Length >= 20, $"{frontier.Length} interior frontier points");
        var c = frontier.Select(f => f.Compute).ToArray();
        var e = new ScalingExponents(a, b);
        Approx.Abs(-e.ComputeLossExponent, Slope(c, frontier.Select(f => f.TestLoss).ToArray()), 0.035, "L* slope");
        Approx.Abs(e.ComputeWidthExponent, Slope(c, frontier.Select(f => f.N).ToArray()), 0.035, "N* slope");
        Approx.Abs(e.ComputeTimeExponent, Slope(c, frontier.Select(f => f.Time).ToArray()), 0.035, "t* slope");
    }

    // §11 items 21, 22 (R3, R4): finite-width gap Δ = L(t,N) − L(t,∞) at P = ∞, and the train–test gap at N = ∞, versus size:
    // slope −1 while t^{1/b} ≪ size, steepening towards −(a−1) = −0.5 late (finite M = 5000 keeps it near −0.6).
    [Fact]
    public void EarlyOneOverSizeLateTaskExponent()
    {
        double[] sizes = [100, 200, 400, 800];
        double[] t = [0.3, 1, 1e6];
        const int m = 5000;
        var inf = new DmftTheory(RandomFeatureSettings.PowerLaw(m, 1.5, 1.25, Inf, Inf)).Evaluate(t);
        var width = sizes.Select(n => new DmftTheory(RandomFeatureSettings.PowerLaw(m, 1.5, 1.25, n, Inf)).Evaluate(t)).ToArray();
        var data = sizes.Select(p => new DmftTheory(RandomFeatureSettings.PowerLaw(m, 1.5, 1.25, Inf, p)).Evaluate(t)).ToArray();
        for (int j = 0; j < t.Length; j++)
        {
            double sw = Slope(sizes, width.Select(v => v[j].TestLoss - inf[j].TestLoss).ToArray());
            double sg = Slope(sizes, data.Select(v => v[j].TestLoss - v[j].TrainLoss).ToArray());
            if (t[j] < 10)
            {
                Approx.Abs(-1, sw, 0.02, $"width correction slope at t = {t[j]}");
                Approx.Abs(-1, sg, 0.02, $"train–test gap slope at t = {t[j]}");
            }
            else
            {
                Assert.InRange(sw, -0.75, -0.5);
                Assert.InRange(sg, -0.75, -0.5);
            }
        }
    }

    // §11 item 23 (R6): with P = 300 (M = 3000) the early-stopped loss improves with N while the late loss peaks at N = P.
    [Fact]
    public void WiderIsNotAlwaysBetter()
    {
        double[] widths = [50, 100, 200, 280, 300, 320, 400, 800, 1600];
        double[] times = Enumerable.Range(0, 13).Select(i => Math.Pow(10, i * 0.5)).ToArray();
        var curves = widths.Select(n => new DmftTheory(RandomFeatureSettings.PowerLaw(3000, 1.5, 1.25, n, 300)).Evaluate(times)).ToArray();
        var best = curves.Select(c => c.Min(v => v.TestLoss)).ToArray();
        for (int i = 1; i < best.Length; i++) Assert.True(best[i] < best[i - 1], $"min_t L not decreasing at N = {widths[i]}");
        var late = curves.Select(c => c[^1].TestLoss).ToArray();
        Assert.Equal(300, widths[Array.IndexOf(late, late.Max())]);
    }

    // §11 item 24: the CIFAR-5M arithmetic for (a, b) = (1.15, 2.0).
    [Fact]
    public void CifarArithmetic()
    {
        var e = new ScalingExponents(1.15, 2.0);
        Approx.Abs(0.075, e.TimeExponent, 1e-12, "t exponent");
        Approx.Abs(0.15, e.ModelExponent, 1e-12, "N exponent");
        Approx.Abs(0.05, e.ComputeLossExponent, 1e-12, "L* exponent");
        Approx.Abs(1.0 / 3, e.ComputeWidthExponent, 1e-12, "N* exponent");
        Approx.Abs(2.0 / 3, e.ComputeTimeExponent, 1e-12, "t* exponent");
        Approx.Abs(-0.222, -new ScalingExponents(1.5, 1.25).ComputeLossExponent, 5e-4, "§3.4 table");
        Assert.Equal(1.1, new ScalingExponents(4, 1.1).ModelExponent);
        Assert.Equal(2.2, new ScalingExponents(4, 1.1, ModelExponentConvention.Paper).ModelExponent, 12);
    }

    private static double Gamma(double x)
    {
        // Lanczos approximation (g = 7), accurate to ~1e-15 for x > 0.
        double[] c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        if (x < 0.5) return Math.PI / (Math.Sin(Math.PI * x) * Gamma(1 - x));
        x -= 1;
        double s = c[0];
        for (int i = 1; i < 9; i++) s += c[i] / (x + i);
        double t = x + 7.5;
        return Math.Sqrt(2 * Math.PI) * Math.Pow(t, x + 0.5) * Math.Exp(-t) * s;
    }
}
