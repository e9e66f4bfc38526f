using System.Diagnostics;
using ScalingPS.Core.Analysis;
using Xunit.Abstractions;

namespace ScalingPS.Core.Tests.Analysis;

public class ChinchillaFitTests(ITestOutputHelper output)
{
    // Ground truth L = E + A N^-a + B D^-b on a 6 × 8 grid spanning 3 and 4 decades.
    internal const double E = 0.5, A = 20, Alpha = 0.35, B = 50, Beta = 0.3;

    internal static (double[] N, double[] D, double[] L) Grid(double sigma, int seed)
    {
        var ns = Synthetic.LogSpaced(1e2, 1e5, 6);
        var ds = Synthetic.LogSpaced(1e3, 1e7, 8);
        var n = ns.SelectMany(v => ds.Select(_ => v)).ToArray();
        var d = ns.SelectMany(_ => ds).ToArray();
        var rng = new ResampleRng(seed, 11);
        var l = n.Select((v, i) => Law(v, d[i]) * Math.Exp(sigma * rng.NextGaussian())).ToArray();
        return (n, d, l);
    }

    internal static double Law(double n, double d) => E + A * Math.Pow(n, -Alpha) + B * Math.Pow(d, -Beta);

    [Fact]
    public void ExactLawIsRecovered()
    {
        var (n, d, l) = Grid(0, 0);
        var fit = ScalingLawFitter.Fit(ScalingForm.Chinchilla, n, l, d, null, new ScalingFitOptions { Bootstrap = 20 });
        Approx.Rel(Alpha, fit.Exponent, 1e-4, "a");
        Approx.Rel(Beta, fit.SecondExponent, 1e-4, "b");
        Approx.Rel(E, fit.Offset, 1e-4, "E");
        Approx.Rel(A, fit.Coefficient, 1e-3, "A");
        Approx.Rel(B, fit.SecondCoefficient, 1e-3, "B");
        Approx.Rel(Law(3e3, 3e5), fit.Predict(3e3, 3e5), 1e-6, "Predict(N, D)");
    }

    // 40 noisy datasets (1 % noise); 95 % intervals must cover every parameter in at least 85 % of them
    // (binomial SE 3.4 % at 95 %, so 85 % is 2.9 SE below nominal).
    [Fact]
    public void NoisyLawIntervalsCoverTheTruth()
    {
        const int datasets = 40;
        var truth = new[] { Alpha, A, E, Beta, B };
        var cover = new int[5];
        int coverSize = 0, coverLoss = 0;
        double sizeExp = Beta / (Alpha + Beta), lossExp = -Alpha * Beta / (Alpha + Beta);
        var clock = Stopwatch.StartNew();
        for (int s = 0; s < datasets; s++)
        {
            var (n, d, l) = Grid(0.01, 500 + s);
            var f = ScalingLawFitter.Fit(ScalingForm.Chinchilla, n, l, d, null, new ScalingFitOptions { Bootstrap = 100, Seed = s });
            var lo = new[] { f.ExponentLower, f.CoefficientLower, f.OffsetLower, f.SecondExponentLower, f.SecondCoefficientLower };
            var hi = new[] { f.ExponentUpper, f.CoefficientUpper, f.OffsetUpper, f.SecondExponentUpper, f.SecondCoefficientUpper };
            for (int j = 0; j < 5; j++) if (lo[j] <= truth[j] && truth[j] <= hi[j]) cover[j]++;
            // The compute-optimal exponents carried through the same draws (Find-ComputeOptimal -Law).
            var ci = ComputeFrontier.LawExponentIntervals(f, 0.95);
            if (ci[0].Lower <= sizeExp && sizeExp <= ci[0].Upper) coverSize++;
            if (ci[2].Lower <= lossExp && lossExp <= ci[2].Upper) coverLoss++;
        }
        output.WriteLine($"compute-optimal coverage N* {coverSize}/{datasets}, L* {coverLoss}/{datasets}");
        Assert.True(coverSize >= 0.85 * datasets, $"N* exponent coverage {coverSize}/{datasets}");
        Assert.True(coverLoss >= 0.85 * datasets, $"L* exponent coverage {coverLoss}/{datasets}");
        output.WriteLine($"coverage a, A, E, b, B: {string.Join(", ", cover.Select(c => $"{100.0 * c / datasets:F0}%"))} in {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var c in cover) Assert.True(c >= 0.85 * datasets, $"coverage {c}/{datasets} < 85%");
    }
}
