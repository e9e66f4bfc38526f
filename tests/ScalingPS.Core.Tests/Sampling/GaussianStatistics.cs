using MathNet.Numerics.Distributions;

namespace ScalingPS.Core.Tests.Sampling;

/// <summary>
/// Statistics shared by the generators' quality tests. <see cref="TailChiSquare"/>: Pearson's χ² of a sample against N(0, 1)
/// over unit bins from −5 to 5 plus the two tails (12 bins, 11 degrees of freedom; the 0.1 % critical value is 31.26),
/// so the outer bins test the tails a generator most easily gets wrong.
/// </summary>
internal static class GaussianStatistics
{
    public const double Critical = 31.26;
    private static readonly double[] Edges = [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5];

    /// <summary>The χ² statistic and how many draws fell beyond |z| = 4 (against the count expected there).</summary>
    public static (double ChiSquare, long BeyondFour, double ExpectedBeyondFour) TailChiSquare(IReadOnlyCollection<double> z)
    {
        var counts = new long[Edges.Length + 1];
        foreach (var v in z)
        {
            int b = 0;
            while (b < Edges.Length && v >= Edges[b]) b++;
            counts[b]++;
        }
        double chi2 = 0;
        for (int b = 0; b < counts.Length; b++)
        {
            double lo = b == 0 ? 0 : Normal.CDF(0, 1, Edges[b - 1]);
            double hi = b == Edges.Length ? 1 : Normal.CDF(0, 1, Edges[b]);
            double expected = z.Count * (hi - lo);
            chi2 += (counts[b] - expected) * (counts[b] - expected) / expected;
        }
        return (chi2, counts[0] + counts[1] + counts[^1] + counts[^2], z.Count * 2 * Normal.CDF(0, 1, -4));
    }

    /// <summary>Pearson's sample correlation of x(i) and y(i) over i &lt; n.</summary>
    public static double Correlation(Func<int, double> x, Func<int, double> y, int n)
    {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < n; i++)
        {
            double a = x(i), b = y(i);
            sx += a; sy += b; sxx += a * a; syy += b * b; sxy += a * b;
        }
        double cov = sxy / n - sx / n * (sy / n);
        return cov / Math.Sqrt((sxx / n - sx / n * (sx / n)) * (syy / n - sy / n * (sy / n)));
    }
}
