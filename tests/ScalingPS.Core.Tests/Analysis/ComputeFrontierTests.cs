using ScalingPS.Core.Analysis;
using Xunit.Abstractions;
using static ScalingPS.Core.Tests.Analysis.ChinchillaFitTests;

namespace ScalingPS.Core.Tests.Analysis;

public class ComputeFrontierTests(ITestOutputHelper output)
{
    // For L = E + A N^-a + B t^-b at C = N t: N* ∝ C^{b/(a+b)}, t* ∝ C^{a/(a+b)}, L* − E ∝ C^{-ab/(a+b)}.
    private static readonly double SizeExp = Beta / (Alpha + Beta), TimeExp = Alpha / (Alpha + Beta), LossExp = -Alpha * Beta / (Alpha + Beta);

    // The optimum at fixed C in closed form: a A N^-a = b B t^-b with t = C/N.
    private static double OptimalSize(double c) => Math.Pow(Alpha * A / (Beta * B) * Math.Pow(c, Beta), 1 / (Alpha + Beta));

    private static (double[] N, double[] T, double[] L) LawPoints(double sigma, int seed, int sizesPerDecade = 3)
    {
        var (n, t) = ComputeFrontier.Grid(1e2, 1e6, 1e2, 1e9, sizesPerDecade, 8);
        var rng = new ResampleRng(seed, 3);
        return (n, t, n.Select((v, i) => Law(v, t[i]) * Math.Exp(sigma * rng.NextGaussian())).ToArray());
    }

    [Fact]
    public void ExactLawFrontierMatchesTheClosedForm()
    {
        var (n, t, l) = LawPoints(0, 0);
        var (frontier, s) = ComputeFrontier.Compute(n, t, l, null, new ComputeFrontierOptions { LossOffset = E, Bootstrap = 100 });
        output.WriteLine($"N* {s.SizeExponent:F4} [{s.SizeExponentLower:F4}, {s.SizeExponentUpper:F4}] (theory {SizeExp:F4}); " +
            $"t* {s.TimeExponent:F4} (theory {TimeExp:F4}); L* {s.LossExponent:F4} [{s.LossExponentLower:F4}, {s.LossExponentUpper:F4}] (theory {LossExp:F4}); interior {s.InteriorPoints}/{s.FrontierPoints}");
        // Sizes a third of a decade apart: the parabola refinement leaves N* within a few per cent of the exact optimum.
        foreach (var p in frontier.Where(p => p.Interior))
        {
            Approx.Abs(Math.Log10(OptimalSize(p.Compute)), Math.Log10(p.Size), 0.03, $"log10 N* at C = {p.Compute:G3}");
            Approx.Rel(Law(OptimalSize(p.Compute), p.Compute / OptimalSize(p.Compute)), p.Loss, 2e-3, $"L* at C = {p.Compute:G3}");
        }
        Approx.Abs(SizeExp, s.SizeExponent, 0.01, "N* exponent");
        Approx.Abs(TimeExp, s.TimeExponent, 0.01, "t* exponent");
        Approx.Abs(LossExp, s.LossExponent, 0.005, "L* exponent");
        Assert.True(s.InteriorPoints >= 20);
        Assert.Equal(1, s.SizeExponent!.Value + s.TimeExponent!.Value, 10);
    }

    // 30 noisy datasets (2 % noise per point, one point per (N, t)). A point bootstrap cannot redraw the noise of a
    // (N, t) that has a single point (it is kept or dropped), so these intervals under-cover: measured 25/30 and
    // 24/30 (≈ 80 % for a nominal 95 %), which the cmdlet states in a warning. The test pins that documented level:
    // at least 70 % (1.4 binomial SE of 7 % below the measured 80 %); the seeded test below checks calibration.
    [Fact]
    public void NoisyFrontierIntervalsCoverTheClosedForm()
    {
        const int datasets = 30;
        int cs = 0, cl = 0;
        for (int k = 0; k < datasets; k++)
        {
            var (n, t, l) = LawPoints(0.02, 900 + k);
            var (_, s) = ComputeFrontier.Compute(n, t, l, null, new ComputeFrontierOptions { LossOffset = E, Bootstrap = 100, Seed = k });
            if (s.SizeExponentLower <= SizeExp && SizeExp <= s.SizeExponentUpper) cs++;
            if (s.LossExponentLower <= LossExp && LossExp <= s.LossExponentUpper) cl++;
        }
        output.WriteLine($"coverage N* {cs}/{datasets}, L* {cl}/{datasets}");
        Assert.True(cs >= 0.7 * datasets, $"N* coverage {cs}/{datasets}");
        Assert.True(cl >= 0.7 * datasets, $"L* coverage {cl}/{datasets}");
    }

    // Eight seeds per dataset (each seed a full grid with its own 2 % noise): the cluster bootstrap redraws whole
    // seeds, so the averaged curves' noise is resampled honestly. 30 datasets; at least 85 % coverage required
    // (binomial SE 4 % at 95 %).
    [Fact]
    public void SeededFrontierIntervalsCoverTheClosedForm()
    {
        const int datasets = 30, seeds = 8;
        int cs = 0, cl = 0;
        for (int k = 0; k < datasets; k++)
        {
            var n = new List<double>(); var t = new List<double>(); var l = new List<double>(); var seed = new List<double>();
            for (int s = 0; s < seeds; s++)
            {
                var (sn, st, sl) = LawPoints(0.02, 10_000 + 100 * k + s, 2);
                n.AddRange(sn); t.AddRange(st); l.AddRange(sl); seed.AddRange(sn.Select(_ => (double)s));
            }
            var (_, sum) = ComputeFrontier.Compute(n.ToArray(), t.ToArray(), l.ToArray(), seed.ToArray(), new ComputeFrontierOptions { LossOffset = E, Bootstrap = 100, Seed = k });
            Assert.Equal(nameof(ResampleMode.Clusters), sum.Resampled);
            if (sum.SizeExponentLower <= SizeExp && SizeExp <= sum.SizeExponentUpper) cs++;
            if (sum.LossExponentLower <= LossExp && LossExp <= sum.LossExponentUpper) cl++;
        }
        output.WriteLine($"cluster coverage N* {cs}/{datasets}, L* {cl}/{datasets}");
        Assert.True(cs >= 0.85 * datasets, $"N* coverage {cs}/{datasets}");
        Assert.True(cl >= 0.85 * datasets, $"L* coverage {cl}/{datasets}");
    }

    // spec/random-features.md §3.4: L ≈ t^-r_t + N^-r_N with r_t = (a−1)/b, r_N = min(a−1, 2b) gives the frontier
    // slopes of its table: (a, b) = (1.5, 1.25): L* −0.222, N* 0.444, t* 0.556; (2.0, 1.5): −0.400, 0.400, 0.600.
    [Theory]
    [InlineData(1.5, 1.25, -0.222, 0.444, 0.556)]
    [InlineData(2.0, 1.5, -0.400, 0.400, 0.600)]
    public void SpecTableExponents(double a, double b, double lossSlope, double sizeSlope, double timeSlope)
    {
        double rt = (a - 1) / b, rn = Math.Min(a - 1, 2 * b);
        var (n, t) = ComputeFrontier.Grid(1e1, 1e6, 1e1, 1e8, 6, 12);
        var l = n.Select((v, i) => Math.Pow(t[i], -rt) + Math.Pow(v, -rn)).ToArray();
        var (_, s) = ComputeFrontier.Compute(n, t, l, null, new ComputeFrontierOptions { Bootstrap = 0 });
        // The table is printed to three decimals.
        Approx.Abs(lossSlope, s.LossExponent, 1.5e-3, "L* slope");
        Approx.Abs(sizeSlope, s.SizeExponent, 1.5e-3, "N* slope");
        Approx.Abs(timeSlope, s.TimeExponent, 1.5e-3, "t* slope");
    }

    [Fact]
    public void ComputeFactorShiftsTimeNotExponents()
    {
        var (n, t, l) = LawPoints(0, 0);
        var (_, one) = ComputeFrontier.Compute(n, t, l, null, new ComputeFrontierOptions { Bootstrap = 0 });
        var (f6, six) = ComputeFrontier.Compute(n, t, l, null, new ComputeFrontierOptions { Bootstrap = 0, ComputeFactor = 6 });
        Approx.Abs(one.SizeExponent, six.SizeExponent, 0.01);
        foreach (var p in f6) Approx.Rel(p.Compute, 6 * p.Size * p.Time, 1e-12);
    }

    [Fact]
    public void Refusals()
    {
        double[] n = [1, 1, 10, 10], t = [1, 10, 1, 10], l = [1, 0.5, 0.5, 0.2];
        Assert.Equal(FitRefusal.TooFewPoints, Assert.Throws<FitRefusedException>(() => ComputeFrontier.Compute(n, t, l, null, new())).Reason);
        // Bigger is always better (no data term): the best size is the largest at every C, never interior.
        var (gn, gt) = ComputeFrontier.Grid(10, 1e4, 10, 1e4, 2, 4);
        var only = gn.Select(v => 1 + 1 / v).ToArray();
        Assert.Equal(FitRefusal.NoInteriorMinimum, Assert.Throws<FitRefusedException>(() => ComputeFrontier.Compute(gn, gt, only, null, new())).Reason);
        var (pn, pt, pl) = LawPoints(0, 0);
        Assert.Equal(FitRefusal.RangeTooNarrow, Assert.Throws<FitRefusedException>(() => ComputeFrontier.Compute(pn, pt, pl, null, new() { MinDecades = 20 })).Reason);
        Assert.Equal(FitRefusal.NonPositive, Assert.Throws<FitRefusedException>(() => ComputeFrontier.Compute(pn, pt, pl, null, new() { LossOffset = 10 })).Reason);
        pl[3] = -1;
        Assert.Equal(FitRefusal.NonPositive, Assert.Throws<FitRefusedException>(() => ComputeFrontier.Compute(pn, pt, pl, null, new())).Reason);
    }
}
