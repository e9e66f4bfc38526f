using MathNet.Numerics.Distributions;
using ScalingPS.Core.Sampling;
using Xunit.Abstractions;

namespace ScalingPS.Core.Tests.Sampling;

/// <summary>
/// The vectorised generator against a scalar reference of xoshiro256++, against N(0,1) (moments, Kolmogorov–Smirnov,
/// tail counts), and for independence of lanes, positions and streams. Fixed seeds; tolerances from standard errors.
/// </summary>
public class NormalGeneratorTests(ITestOutputHelper output)
{
    private static double[] Draw(long seed, int n, ulong stream = RandomStreams.Data)
    {
        var z = new double[n];
        new NormalGenerator(seed, stream).Fill(z.AsSpan());
        return z;
    }

    [Fact]
    public void SplitMix64_matches_its_published_first_output()
    {
        ulong s = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.Next(ref s));
    }

    [Fact]
    public void Vector_lanes_are_xoshiro256plusplus()
    {
        var state = NormalGenerator.InitialState(42, RandomStreams.Data);
        var gen = new NormalGenerator(42, RandomStreams.Data);
        var raw = new ulong[8 * 100];
        gen.NextRaw(raw);
        for (int lane = 0; lane < 8; lane++)
        {
            ulong s0 = state[lane * 4], s1 = state[lane * 4 + 1], s2 = state[lane * 4 + 2], s3 = state[lane * 4 + 3];
            for (int step = 0; step < 100; step++)
            {
                // Reference: Blackman & Vigna, xoshiro256plusplus.c
                ulong result = ulong.RotateLeft(s0 + s3, 23) + s0;
                ulong t = s1 << 17;
                s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = ulong.RotateLeft(s3, 45);
                Assert.Equal(result, raw[step * 8 + lane]);
            }
        }
    }

    [Fact]
    public void Same_seed_same_numbers_and_fills_concatenate()
    {
        var a = Draw(9, 4096);
        Assert.Equal(a, Draw(9, 4096));
        var gen = new NormalGenerator(9);
        var b = new double[4096];
        gen.Fill(b.AsSpan(0, 1024));
        gen.Fill(b.AsSpan(1024, 3072));
        Assert.Equal(a, b);
        Assert.NotEqual(a, Draw(10, 4096));
        // A fill whose length is not a multiple of the block is a prefix of the longer one.
        var c = Draw(9, 1001);
        Assert.Equal(a.AsSpan(0, 1001).ToArray(), c);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Moments_match_the_standard_normal(bool single)
    {
        const int n = 1 << 20;
        double[] z;
        if (single)
        {
            var f = new float[n];
            new NormalGenerator(2024).Fill(f.AsSpan());
            z = f.Select(v => (double)v).ToArray();
        }
        else z = Draw(2024, n);
        double mean = z.Average();
        double m2 = z.Select(v => (v - mean) * (v - mean)).Average();
        double m3 = z.Select(v => Math.Pow(v - mean, 3)).Average() / Math.Pow(m2, 1.5);
        double m4 = z.Select(v => Math.Pow(v - mean, 4)).Average() / (m2 * m2) - 3;
        output.WriteLine($"single={single}: mean z = {mean * Math.Sqrt(n):F2}, var z = {(m2 - 1) / Math.Sqrt(2.0 / n):F2}, skew z = {m3 / Math.Sqrt(6.0 / n):F2}, kurt z = {m4 / Math.Sqrt(24.0 / n):F2}");
        Approx.WithinStdErr(0, mean, 1 / Math.Sqrt(n), 4, "mean");
        Approx.WithinStdErr(1, m2, Math.Sqrt(2.0 / n), 4, "variance");
        Approx.WithinStdErr(0, m3, Math.Sqrt(6.0 / n), 4, "skewness");
        Approx.WithinStdErr(0, m4, Math.Sqrt(24.0 / n), 4, "excess kurtosis");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Kolmogorov_Smirnov_distance_to_Phi_is_below_the_0_1_percent_critical_value(bool single)
    {
        const int n = 200_000;
        var z = Draw(77, n);
        if (single)
        {
            var f = new float[n];
            new NormalGenerator(77).Fill(f.AsSpan());
            z = f.Select(v => (double)v).ToArray();
        }
        Array.Sort(z);
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double f = Normal.CDF(0, 1, z[i]);
            d = Math.Max(d, Math.Max((i + 1.0) / n - f, f - (double)i / n));
        }
        double critical = 1.9495 / Math.Sqrt(n); // K-S, significance 0.001
        output.WriteLine($"single={single}: KS D = {d:G4}, √n·D = {d * Math.Sqrt(n):F3}, critical {critical:G4}");
        Assert.True(d < critical, $"KS distance {d} ≥ {critical}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Tail_counts_match_Phi_in_chi_square(bool single)
    {
        // Bins with edges at ±1, ±2, ±3, ±4, ±5: the tails are where a cheap transform would fail.
        const int n = 1 << 22;
        var z = Draw(31337, n);
        if (single)
        {
            var f = new float[n];
            new NormalGenerator(31337).Fill(f.AsSpan());
            z = f.Select(v => (double)v).ToArray();
        }
        var (chi2, beyondFour, expectedBeyondFour) = GaussianStatistics.TailChiSquare(z);
        output.WriteLine($"single={single}: χ² = {chi2:F2} (11 dof), |z| > 4: {beyondFour} (expected {expectedBeyondFour:F0})");
        Assert.True(chi2 < GaussianStatistics.Critical, $"χ² = {chi2}");
    }

    [Fact]
    public void Lanes_positions_seeds_and_streams_are_uncorrelated()
    {
        const int n = 1 << 18;
        var z = Draw(5, n);
        double tol = 4 / Math.Sqrt(n / 16.0); // the sparsest comparison below uses n/16 pairs
        // Neighbouring lanes (offset 1), the two lane groups (offset 4), consecutive blocks (8, 16).
        foreach (int lag in new[] { 1, 4, 8, 16 })
        {
            double r = GaussianStatistics.Correlation(i => z[i], i => z[i + lag], n - lag);
            Assert.True(Math.Abs(r) < tol, $"lag {lag}: r = {r}");
        }
        // Same position in consecutive blocks for each lane separately.
        for (int lane = 0; lane < 16; lane++)
        {
            int m = n / 16 - 1;
            double r = GaussianStatistics.Correlation(i => z[16 * i + lane], i => z[16 * (i + 1) + lane], m);
            Assert.True(Math.Abs(r) < tol, $"lane {lane}: r = {r}");
        }
        // Squares: dependence of magnitudes that a linear correlation would miss (e.g. shared layers or slow paths).
        foreach (int lag in new[] { 1, 4, 8 })
        {
            double rs = GaussianStatistics.Correlation(i => z[i] * z[i] - 1, i => z[i + lag] * z[i + lag] - 1, n - lag);
            Assert.True(Math.Abs(rs) < tol, $"squares at lag {lag}: r = {rs}");
        }
        var other = Draw(6, n);
        var teacher = Draw(5, n, RandomStreams.Teacher);
        Assert.True(Math.Abs(GaussianStatistics.Correlation(i => z[i], i => other[i], n)) < tol, "consecutive seeds");
        Assert.True(Math.Abs(GaussianStatistics.Correlation(i => z[i], i => teacher[i], n)) < tol, "data and teacher streams");
    }

    [Fact]
    public void Single_precision_fills_are_deterministic_and_concatenate()
    {
        var a = new float[4096];
        new NormalGenerator(12).Fill(a.AsSpan());
        var gen = new NormalGenerator(12);
        var b = new float[4096];
        gen.Fill(b.AsSpan(0, 1024));
        gen.Fill(b.AsSpan(1024));
        Assert.Equal(a, b);
        var c = new float[1001];
        new NormalGenerator(12).Fill(c.AsSpan());
        Assert.Equal(a.AsSpan(0, 1001).ToArray(), c);
    }

    [Fact]
    public void Ziggurat_layers_have_equal_area_and_close_at_the_top()
    {
        double f(double x) => Math.Exp(-0.5 * x * x);
        // The solver against the published radii (Marsaglia & Tsang 2000): 128 and 256 layers.
        Approx.Rel(3.442619855899, Ziggurat.SolveBaseRadius(128), 1e-12, "r for 128 layers");
        Approx.Rel(3.6541528853610088, Ziggurat.SolveBaseRadius(256), 1e-14, "r for 256 layers");
        // The common layer area, from an independent numerical integral of the density (Simpson, not the erfc the
        // table is built from): the base layer is the rectangle R·f(R) plus the tail ∫_R^∞ f.
        double r = Ziggurat.R, tail = Simpson(f, r, r + 12, 24_000);
        double v = r * f(r) + tail;
        Approx.Rel(v, Ziggurat.V, 1e-10, "V against R·f(R) + numerical tail");
        // Every layer's box has that area, and the boxes stack up to the density's peak (x = 0, f = 1).
        for (int i = 1; i < Ziggurat.Layers; i++)
            Approx.Rel(v, Ziggurat.X[i] * (f(Ziggurat.X[i + 1]) - f(Ziggurat.X[i])), 1e-9, $"layer {i} area");
        Assert.Equal(0.0, Ziggurat.X[Ziggurat.Layers]);
        // The strips tile the area under the half-density exactly: the part of each strip under the curve, integrated
        // numerically, plus the base layer sums to ∫_0^∞ f = √(π/2) (a gap or overlap between layers would show here).
        double under = v;
        for (int i = 1; i < Ziggurat.Layers; i++)
        {
            double lo = f(Ziggurat.X[i]), hi = f(Ziggurat.X[i + 1]);
            under += Ziggurat.X[i + 1] * (hi - lo) + Simpson(x => f(x) - lo, Ziggurat.X[i + 1], Ziggurat.X[i], 200);
        }
        Approx.Rel(Math.Sqrt(Math.PI / 2), under, 1e-9, "strips under the density sum to √(π/2)");
        // The boxes cover the half-density with overhang: ∫_0^∞ f = √(π/2) < Layers·V, and the vector fast path
        // (u below x_{i+1}/x_i) takes about 99.2 % of candidates with 512 layers.
        Assert.True(Ziggurat.Layers * Ziggurat.V > Math.Sqrt(Math.PI / 2));
        Approx.Abs(0.992, Ziggurat.Ratio.Average(), 1e-3, "fast-path acceptance");
    }

    /// <summary>Composite Simpson rule with <paramref name="intervals"/> (even) intervals on [a, b].</summary>
    private static double Simpson(Func<double, double> g, double a, double b, int intervals)
    {
        double h = (b - a) / intervals, sum = g(a) + g(b);
        for (int k = 1; k < intervals; k++) sum += g(a + k * h) * (k % 2 == 1 ? 4 : 2);
        return sum * h / 3;
    }
}
