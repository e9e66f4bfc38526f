using MathNet.Numerics.Distributions;
using ScalingPS.Core.Sampling;
using Xunit.Abstractions;

namespace ScalingPS.Core.Tests.Sampling;

/// <summary>
/// Both generators against N(0, 1) and against the weaknesses a pool generator can have, on fixed seeds, every
/// tolerance from the statistic's standard error (4–4.5 s.e. or a 0.1 % critical value). The ziggurat runs the same
/// tests as a control: every statistic here is valid for any i.i.d. N(0, 1) stream. The positional tests use Wallace's
/// structure: rounds of P = 4096 outputs (the pool), four quarters of 1024, blocks of four; SGD vectors of N = 1024.
/// </summary>
public class GaussianQualityTests(ITestOutputHelper output)
{
    private const int Pool = WallaceGenerator.DefaultPoolSize, Vector = 1024;

    public static TheoryData<GaussianGenerator> Generators() => new() { GaussianGenerator.Ziggurat, GaussianGenerator.Wallace };

    private static double[] Draw(GaussianGenerator kind, long seed, int n)
    {
        var z = new double[n];
        var g = NormalSource.Create(kind, seed, RandomStreams.Data);
        // SGD-sized fills, as the simulator draws them.
        for (int i = 0; i < n; i += Vector) g.Fill(z.AsSpan(i, Math.Min(Vector, n - i)));
        return z;
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Raw_moments_to_eighth_order_match_the_standard_normal(GaussianGenerator kind)
    {
        const int n = 1 << 21;
        var z = Draw(kind, 2024, n);
        // E z^k = (k−1)!! for even k, 0 for odd k; Var z^k = E z^{2k} − (E z^k)², so the s.e. of the mean of z^k is known exactly.
        for (int k = 1; k <= 8; k++)
        {
            double m = z.Average(v => Math.Pow(v, k));
            double expected = k % 2 == 1 ? 0 : DoubleFactorial(k - 1);
            double se = Math.Sqrt((DoubleFactorial(2 * k - 1) - expected * expected) / n);
            output.WriteLine($"{kind}: E z^{k} = {m:G6} (expected {expected}, z = {(m - expected) / se:F2})");
            Approx.WithinStdErr(expected, m, se, 4.5, $"{kind}: moment {k}");
        }
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Kolmogorov_Smirnov_and_tail_chi_square_pass(GaussianGenerator kind)
    {
        const int n = 1 << 22;
        var z = Draw(kind, 77, n);
        var (chi2, beyondFour, expectedBeyondFour) = GaussianStatistics.TailChiSquare(z);
        var sample = z.Take(200_000).ToArray();
        Array.Sort(sample);
        double d = 0;
        for (int i = 0; i < sample.Length; i++)
        {
            double f = Normal.CDF(0, 1, sample[i]);
            d = Math.Max(d, Math.Max((i + 1.0) / sample.Length - f, f - (double)i / sample.Length));
        }
        double critical = 1.9495 / Math.Sqrt(sample.Length); // K-S, significance 0.001
        output.WriteLine($"{kind}: tail χ² = {chi2:F2} (11 dof, 0.1 % critical {GaussianStatistics.Critical}); |z| > 4: {beyondFour} " +
            $"(expected {expectedBeyondFour:F0}); KS D = {d:G4} (critical {critical:G4})");
        Assert.True(chi2 < GaussianStatistics.Critical, $"χ² = {chi2}");
        Assert.True(d < critical, $"KS distance {d} ≥ {critical}");
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Lag_correlations_of_values_and_squares_vanish_also_across_round_boundaries(GaussianGenerator kind)
    {
        const int n = 1 << 22;
        var z = Draw(kind, 5, n);
        // Within a block, between quarters, between consecutive vectors, and one round (pool) apart: P − 1, P, P + 1, 2P.
        foreach (int lag in new[] { 1, 2, 4, 1024, 2048, Pool - 1, Pool, Pool + 1, 2 * Pool })
        {
            int m = n - lag;
            double r = GaussianStatistics.Correlation(i => z[i], i => z[i + lag], m);
            double rs = GaussianStatistics.Correlation(i => z[i] * z[i] - 1, i => z[i + lag] * z[i + lag] - 1, m);
            double tol = 4.5 / Math.Sqrt(m);
            output.WriteLine($"{kind} lag {lag}: r = {r * Math.Sqrt(m):F2}/√n, squares {rs * Math.Sqrt(m):F2}/√n");
            Assert.True(Math.Abs(r) < tol, $"{kind} lag {lag}: r = {r}");
            Assert.True(Math.Abs(rs) < tol, $"{kind} squares at lag {lag}: r = {rs}");
        }
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Squared_lengths_of_consecutive_vectors_are_independent_chi_square(GaussianGenerator kind)
    {
        // S_t = |x_t|² of the SGD input vectors (N = 1024): χ²_N each, uncorrelated between t and t + k, also for
        // k = 4 (the next round of the pool, an orthogonal transform of the four vectors before it).
        const int vectors = 1 << 13;
        var z = Draw(kind, 11, vectors * Vector);
        var s = new double[vectors];
        for (int t = 0; t < vectors; t++)
        {
            double sum = 0;
            for (int i = 0; i < Vector; i++) sum += z[t * Vector + i] * z[t * Vector + i];
            s[t] = sum;
        }
        var sorted = s.ToArray();
        Array.Sort(sorted);
        double d = 0;
        for (int i = 0; i < vectors; i++)
        {
            double f = ChiSquared.CDF(Vector, sorted[i]);
            d = Math.Max(d, Math.Max((i + 1.0) / vectors - f, f - (double)i / vectors));
        }
        double critical = 1.9495 / Math.Sqrt(vectors);
        double mean = s.Average(), variance = s.Sum(v => (v - mean) * (v - mean)) / (vectors - 1);
        // Var of a sample variance of χ²_N: σ⁴(2 + 12/N)/n.
        double varSe = 2 * Vector * Math.Sqrt((2 + 12.0 / Vector) / vectors);
        output.WriteLine($"{kind}: KS D = {d:G4} (critical {critical:G4}); mean S = {mean:F1} (N = {Vector}), var S = {variance:F0} (2N = {2 * Vector}, z = {(variance - 2 * Vector) / varSe:F2})");
        Assert.True(d < critical, $"KS of |x|² against χ²_N: {d}");
        Approx.WithinStdErr(2.0 * Vector, variance, varSe, 4.5, $"{kind}: variance of |x|²");
        foreach (int k in new[] { 1, 2, 3, 4, 5, 8 })
        {
            double r = GaussianStatistics.Correlation(t => s[t], t => s[t + k], vectors - k);
            Assert.True(Math.Abs(r) < 4.5 / Math.Sqrt(vectors - k), $"{kind}: corr(S_t, S_t+{k}) = {r}");
            // Overlaps of consecutive vectors: x_t·x_t+k/√N has mean 0 and variance 1 for independent vectors.
            double sum2 = 0;
            int pairs = vectors - k;
            for (int t = 0; t < pairs; t++)
            {
                double dot = 0;
                for (int i = 0; i < Vector; i++) dot += z[t * Vector + i] * z[(t + k) * Vector + i];
                sum2 += dot * dot / Vector;
            }
            // Var(dot²/N) = 2 + 6/N for independent Gaussian vectors.
            Approx.WithinStdErr(1, sum2 / pairs, Math.Sqrt((2 + 6.0 / Vector) / pairs), 4.5, $"{kind}: overlap of x_t and x_t+{k}");
        }
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void No_sum_over_a_class_of_pool_positions_is_frozen_between_rounds(GaussianGenerator kind)
    {
        // The invariants a block-vectorised pool generator can have, checked on every round of P outputs. Each
        // statistic is a sum of squares of independent N(0, 1) class sums for an i.i.d. stream, so over rounds it is
        // χ²_k: mean k, variance 2k. A conserved class energy shows as a variance far below 2k (only the round's χ²
        // rescaling would move it). Classes: the whole round (k = 1: the pool's sum), each quarter × lane (k = 16:
        // anything constant over the block index), each block (k = 1024: anything constant over the four lanes),
        // each lane (k = 4) and each quarter (k = 4).
        const int rounds = 3000;
        var z = Draw(kind, 99, rounds * Pool);
        var stats = new (string Name, int K, double[] Values)[]
        {
            ("total", 1, new double[rounds]), ("quarter × lane", 16, new double[rounds]), ("block", 1024, new double[rounds]),
            ("lane", 4, new double[rounds]), ("quarter", 4, new double[rounds]),
        };
        var quarterLane = new double[16];
        var lane = new double[4];
        var quarter = new double[4];
        for (int r = 0; r < rounds; r++)
        {
            var round = z.AsSpan(r * Pool, Pool);
            double total = 0;
            Array.Clear(quarterLane); Array.Clear(lane); Array.Clear(quarter);
            double blockEnergy = 0;
            for (int b = 0; b < Pool / 4; b++)
            {
                double blockSum = 0;
                for (int e = 0; e < 4; e++)
                {
                    double v = round[4 * b + e];
                    int qtr = 4 * b / (Pool / 4);
                    total += v; blockSum += v; quarterLane[qtr * 4 + e] += v; lane[e] += v; quarter[qtr] += v;
                }
                blockEnergy += blockSum * blockSum / 4;
            }
            stats[0].Values[r] = total * total / Pool;
            double ql = 0, l2 = 0, q2 = 0;
            for (int c = 0; c < 16; c++) ql += quarterLane[c] * quarterLane[c] / (Pool / 16);
            for (int c = 0; c < 4; c++) { l2 += lane[c] * lane[c] / (Pool / 4); q2 += quarter[c] * quarter[c] / (Pool / 4); }
            stats[1].Values[r] = ql; stats[2].Values[r] = blockEnergy; stats[3].Values[r] = l2; stats[4].Values[r] = q2;
        }
        foreach (var (name, k, values) in stats)
        {
            double mean = values.Average(), variance = values.Sum(v => (v - mean) * (v - mean)) / (rounds - 1);
            // χ²_k: the sample mean has s.e. √(2k/n); the sample variance σ⁴ = (2k)² has s.e. 2k √((2 + 12/k)/n).
            double varSe = 2 * k * Math.Sqrt((2 + 12.0 / k) / rounds);
            double lag1 = GaussianStatistics.Correlation(i => values[i], i => values[i + 1], rounds - 1);
            output.WriteLine($"{kind} {name} (k = {k}): mean {mean:F2}, variance {variance:F1} (2k = {2 * k}, z = {(variance - 2 * k) / varSe:F2}), round-to-round r = {lag1:F3}");
            Approx.WithinStdErr(k, mean, Math.Sqrt(2.0 * k / rounds), 4.5, $"{kind} {name}: mean");
            Approx.WithinStdErr(2.0 * k, variance, varSe, 4.5, $"{kind} {name}: variance");
            Assert.True(Math.Abs(lag1) < 4.5 / Math.Sqrt(rounds - 1), $"{kind} {name}: round-to-round correlation {lag1}");
        }
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void The_energy_of_no_class_of_pool_positions_persists_between_rounds(GaussianGenerator kind)
    {
        // The other way a pool can fail: energy not flowing between parts of it (two sub-pools that never mix would
        // each keep their share of the sum of squares). For an i.i.d. stream the share f = E_c / E of a class of n
        // of the P positions of a round is Beta(n/2, (P − n)/2): variance 2(n/P)(1 − n/P)/(P + 2), and independent
        // from round to round. Classes: each lane, each quarter, the low and high halves of the blocks (the 128-bit
        // halves a shuffle may not cross), even and odd blocks.
        const int rounds = 3000;
        var z = Draw(kind, 123, rounds * Pool);
        var classes = new (string Name, Func<int, bool> Member)[]
        {
            ("lane 0", i => i % 4 == 0), ("lane 3", i => i % 4 == 3), ("quarter 0", i => i < Pool / 4), ("quarter 2", i => i / (Pool / 4) == 2),
            ("low halves", i => i % 4 < 2), ("even blocks", i => i / 4 % 2 == 0),
        };
        foreach (var (name, member) in classes)
        {
            int n = Enumerable.Range(0, Pool).Count(member);
            var mask = Enumerable.Range(0, Pool).Select(member).ToArray();
            var f = new double[rounds];
            for (int r = 0; r < rounds; r++)
            {
                double inClass = 0, total = 0;
                for (int i = 0; i < Pool; i++)
                {
                    double e = z[r * Pool + i] * z[r * Pool + i];
                    total += e;
                    if (mask[i]) inClass += e;
                }
                f[r] = inClass / total;
            }
            double p = (double)n / Pool;
            double expectedVar = 2 * p * (1 - p) / (Pool + 2);
            double mean = f.Average(), variance = f.Sum(v => (v - mean) * (v - mean)) / (rounds - 1);
            double lag1 = GaussianStatistics.Correlation(i => f[i], i => f[i + 1], rounds - 1);
            // f is close to normal (n in the thousands): the sample variance has relative s.e. √(2/(rounds − 1)).
            output.WriteLine($"{kind} {name}: share {mean:F4} (expected {p:F4}), variance / expected {variance / expectedVar:F3}, round-to-round r = {lag1:F3}");
            Approx.WithinStdErr(p, mean, Math.Sqrt(expectedVar / rounds), 4.5, $"{kind} {name}: mean share");
            Approx.WithinStdErr(1, variance / expectedVar, Math.Sqrt(2.0 / (rounds - 1)), 4.5, $"{kind} {name}: variance of the share");
            Assert.True(Math.Abs(lag1) < 4.5 / Math.Sqrt(rounds - 1), $"{kind} {name}: round-to-round correlation of the share {lag1}");
        }
    }

    private static double DoubleFactorial(int k)
    {
        double r = 1;
        for (int i = k; i > 1; i -= 2) r *= i;
        return r;
    }

}
