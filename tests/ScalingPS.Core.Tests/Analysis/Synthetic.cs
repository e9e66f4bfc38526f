using ScalingPS.Core.Analysis;

namespace ScalingPS.Core.Tests.Analysis;

/// <summary>Seeded synthetic data with known ground truth (multiplicative log-normal noise).</summary>
internal static class Synthetic
{
    public static double[] LogSpaced(double from, double to, int count) =>
        Enumerable.Range(0, count).Select(i => from * Math.Pow(to / from, i / (count - 1.0))).ToArray();

    /// <summary>y_i = f(x_i)·exp(σ·ξ_i).</summary>
    public static double[] Noisy(double[] x, Func<double, double> f, double sigma, int seed)
    {
        var rng = new ResampleRng(seed, 7);
        return x.Select(v => f(v) * Math.Exp(sigma * rng.NextGaussian())).ToArray();
    }

    /// <summary>Binomial standard error of a coverage fraction p over n trials.</summary>
    public static double CoverageStdErr(double p, int n) => Math.Sqrt(p * (1 - p) / n);
}
