using ScalingPS.Core.Sampling;

namespace ScalingPS.Core.Tests.Sampling;

/// <summary>
/// The normal generator's Vector512, Vector256 and scalar paths draw the same numbers bit for bit (lanes are
/// independent and each fallback stream is used in the same order), for fills of every length class and over enough
/// values that the wedge and tail fallbacks run many times. Paths the machine lacks in hardware are still run
/// (software-emulated vectors) except Vector512, which needs AVX-512F.
/// </summary>
public class SimdPathTests
{
    public static TheoryData<int> Levels()
    {
        var data = new TheoryData<int>();
        foreach (var level in SimdLevels.Available) data.Add((int)level);
        return data;
    }

    [Fact]
    public void The_default_path_is_the_widest_the_machine_accelerates()
    {
        Assert.Equal(SimdLevels.Best, SimdLevels.Available[^1]);
        Assert.Contains(SimdLevel.Scalar, SimdLevels.Available);
        if (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Avx512F.IsSupported)
            Assert.Equal(SimdLevel.Vector512, SimdLevels.Best);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Double_fills_match_the_scalar_path_bit_for_bit(int level)
    {
        var scalar = new NormalGenerator(2718, RandomStreams.Data, SimdLevel.Scalar);
        var vector = new NormalGenerator(2718, RandomStreams.Data, (SimdLevel)level);
        // Lengths: whole blocks, a partial block, shorter than a block, and a long fill that overflows the
        // 64-entry fallback queue (about 0.8 % of values miss the inner rectangle).
        int fallbacks = 0;
        foreach (int n in new[] { 1024, 1001, 3, 8, 200_000 })
        {
            var a = new double[n];
            var b = new double[n];
            scalar.Fill(a.AsSpan());
            vector.Fill(b.AsSpan());
            for (int i = 0; i < n; i++)
                Assert.True(BitConverter.DoubleToInt64Bits(a[i]) == BitConverter.DoubleToInt64Bits(b[i]), $"n = {n}, i = {i}: {a[i]} vs {b[i]}");
            fallbacks += a.Count(v => Math.Abs(v) > Ziggurat.R);
        }
        Assert.True(fallbacks > 10, "the comparison must include tail draws");
        var ra = new ulong[64];
        var rb = new ulong[64];
        scalar.NextRaw(ra);
        vector.NextRaw(rb);
        Assert.Equal(ra, rb);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Single_fills_match_the_scalar_path_bit_for_bit(int level)
    {
        var scalar = new NormalGenerator(1414, RandomStreams.Data, SimdLevel.Scalar);
        var vector = new NormalGenerator(1414, RandomStreams.Data, (SimdLevel)level);
        foreach (int n in new[] { 1024, 1001, 5, 16, 200_000 })
        {
            var a = new float[n];
            var b = new float[n];
            scalar.Fill(a.AsSpan());
            vector.Fill(b.AsSpan());
            for (int i = 0; i < n; i++)
                Assert.True(BitConverter.SingleToInt32Bits(a[i]) == BitConverter.SingleToInt32Bits(b[i]), $"n = {n}, i = {i}: {a[i]} vs {b[i]}");
        }
    }

    [Fact]
    public void Double_and_single_fills_interleave_identically_on_every_path()
    {
        // Mixed precision on one generator shares the lane state: every path must advance it the same way.
        var results = SimdLevels.Available.Select(level =>
        {
            var g = new NormalGenerator(99, RandomStreams.Student, level);
            var d = new double[37];
            var f = new float[53];
            g.Fill(d.AsSpan());
            g.Fill(f.AsSpan());
            g.Fill(d.AsSpan());
            return d.Select(v => v.ToString("R")).Concat(f.Select(v => v.ToString("R"))).ToArray();
        }).ToList();
        foreach (var r in results) Assert.Equal(results[0], r);
    }
}
