using ScalingPS.Core.Sampling;

namespace ScalingPS.Core.Tests.Sampling;

/// <summary>
/// Wallace's pool generator: its Vector256 and scalar passes agree bit for bit, its stream depends only on the seed
/// (not on how it is cut into fills), single precision is the double stream rounded, and the choice is reachable
/// through <see cref="NormalSource.Create"/>. Statistical quality is in <see cref="GaussianQualityTests"/>.
/// </summary>
public class WallaceGeneratorTests
{
    public static TheoryData<int> Levels()
    {
        var data = new TheoryData<int>();
        foreach (var level in SimdLevels.Available) data.Add((int)level);
        return data;
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Every_path_matches_the_scalar_pass_bit_for_bit(int level)
    {
        foreach (var (pool, passes) in new[] { (WallaceGenerator.DefaultPoolSize, WallaceGenerator.DefaultPasses), (256, 1), (1024, 3) })
        {
            var scalar = new WallaceGenerator(2718, RandomStreams.Data, SimdLevel.Scalar, pool, passes);
            var vector = new WallaceGenerator(2718, RandomStreams.Data, (SimdLevel)level, pool, passes);
            // Several rounds, cut into fills of every length class.
            foreach (int n in new[] { 1024, 1001, 3, 8, 20_000 })
            {
                var a = new double[n];
                var b = new double[n];
                scalar.Fill(a.AsSpan());
                vector.Fill(b.AsSpan());
                for (int i = 0; i < n; i++)
                    Assert.True(BitConverter.DoubleToInt64Bits(a[i]) == BitConverter.DoubleToInt64Bits(b[i]), $"P = {pool}, n = {n}, i = {i}: {a[i]} vs {b[i]}");
            }
            var fa = new float[5000];
            var fb = new float[5000];
            scalar.Fill(fa.AsSpan());
            vector.Fill(fb.AsSpan());
            Assert.Equal(fa, fb);
        }
    }

    [Fact]
    public void The_stream_depends_on_the_seed_only_not_on_the_fill_lengths()
    {
        var whole = new double[3 * WallaceGenerator.DefaultPoolSize + 100];
        new WallaceGenerator(9).Fill(whole.AsSpan());
        var pieces = new double[whole.Length];
        var g = new WallaceGenerator(9);
        int at = 0;
        foreach (int n in new[] { 1, 1023, 4096, 5, 3000, 4263 })
        {
            g.Fill(pieces.AsSpan(at, n));
            at += n;
        }
        Assert.Equal(whole.Length, at);
        Assert.Equal(whole, pieces);
        var again = new double[whole.Length];
        new WallaceGenerator(9).Fill(again.AsSpan());
        Assert.Equal(whole, again);
        var other = new double[whole.Length];
        new WallaceGenerator(10).Fill(other.AsSpan());
        Assert.NotEqual(whole, other);
        var teacher = new double[whole.Length];
        new WallaceGenerator(9, RandomStreams.Teacher).Fill(teacher.AsSpan());
        Assert.NotEqual(whole, teacher);
    }

    [Fact]
    public void Single_precision_is_the_double_stream_rounded()
    {
        var d = new double[10_000];
        var f = new float[10_000];
        new WallaceGenerator(12).Fill(d.AsSpan());
        new WallaceGenerator(12).Fill(f.AsSpan());
        for (int i = 0; i < d.Length; i++) Assert.Equal((float)d[i], f[i]);
    }

    [Fact]
    public void Each_round_has_the_squared_length_of_its_chi_square_draw_not_the_starting_pools()
    {
        // The transform preserves the pool's sum of squares; the round's rescaling replaces it by a fresh χ²_P draw.
        // Without the rescaling every round would have the same squared length; with it, the squared lengths of
        // successive rounds vary like χ²_P (standard deviation √(2P) = 90.5 for P = 4096).
        const int p = WallaceGenerator.DefaultPoolSize, rounds = 400;
        var z = new double[rounds * p];
        new WallaceGenerator(3).Fill(z.AsSpan());
        var s = Enumerable.Range(0, rounds).Select(r => z.AsSpan(r * p, p).ToArray().Sum(v => v * v)).ToArray();
        double mean = s.Average(), sd = Math.Sqrt(s.Sum(v => (v - mean) * (v - mean)) / (rounds - 1));
        // Sample s.d. of n = 400 χ² values: relative s.e. about √((2 + 12/P)/(4n)) = 3.5 %; 4.5 s.e. bounds.
        Approx.WithinStdErr(p, mean, Math.Sqrt(2.0 * p / rounds), 4.5, "mean squared length of a round");
        Approx.Rel(Math.Sqrt(2.0 * p), sd, 4.5 * 0.036, "spread of the squared length between rounds");
    }

    [Fact]
    public void The_factory_gives_each_kind_and_refuses_an_unknown_one()
    {
        Assert.IsType<NormalGenerator>(NormalSource.Create(GaussianGenerator.Ziggurat, 1, RandomStreams.Data));
        Assert.IsType<WallaceGenerator>(NormalSource.Create(GaussianGenerator.Wallace, 1, RandomStreams.Data));
        var e = Assert.Throws<ParameterException>(() => NormalSource.Create((GaussianGenerator)7, 1, RandomStreams.Data));
        Assert.Equal("Generator", e.ParamName);
        // The ziggurat through the factory is the ziggurat of earlier releases, number for number.
        var a = new double[2048];
        var b = new double[2048];
        NormalSource.Create(GaussianGenerator.Ziggurat, 5, RandomStreams.Data).Fill(a.AsSpan());
        new NormalGenerator(5).Fill(b.AsSpan());
        Assert.Equal(a, b);
    }
}
