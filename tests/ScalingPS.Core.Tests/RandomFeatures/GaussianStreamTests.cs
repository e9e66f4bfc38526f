using ScalingPS.Core.RandomFeatures;

namespace ScalingPS.Core.Tests.RandomFeatures;

/// <summary>
/// The random-feature simulator's generator: the chunked, branch-free <c>Fill</c> draws the same normals as successive
/// <c>NextGaussian</c> calls (to the last bits of the logarithm, 2·10⁻¹⁵ relative) and leaves the stream at the same
/// position, so a following fill or draw continues exactly as before — whatever the lengths, odd or even, and with a
/// spare pending from an earlier odd draw.
/// </summary>
public class GaussianStreamTests
{
    [Theory]
    [InlineData(0, false)] [InlineData(1, false)] [InlineData(2, true)] [InlineData(7, true)]
    [InlineData(511, false)] [InlineData(513, true)] [InlineData(5000, false)] [InlineData(5001, true)]
    public void FillMatchesSuccessiveDrawsAndKeepsTheStreamPosition(int length, bool spareFirst)
    {
        var seq = new GaussianStream(42, 3);
        var bat = new GaussianStream(42, 3);
        if (spareFirst)
        {
            // One draw leaves the pair's second value pending in both.
            Assert.Equal(seq.NextGaussian(), bat.NextGaussian());
        }
        var expected = new double[length];
        for (int i = 0; i < length; i++) expected[i] = seq.NextGaussian();
        var filled = new double[length];
        bat.Fill(filled);
        for (int i = 0; i < length; i++) Approx.Abs(expected[i], filled[i], 2e-15 * Math.Abs(expected[i]), $"normal {i}");
        // Same position afterwards: the next fill and the next draws agree, and the spare state too.
        var more = new double[33];
        bat.Fill(more);
        for (int i = 0; i < more.Length; i++) Approx.Abs(seq.NextGaussian(), more[i], 2e-15 * Math.Abs(more[i]) + 1e-300, $"following normal {i}");
        Assert.Equal(seq.NextSign(), bat.NextSign());
    }

    [Fact]
    public void FilledNormalsHaveUnitMomentsAndNoLagCorrelation()
    {
        // 10⁶ normals: mean 0 ± 1e-3 s.e., variance 1 ± √2·1e-3, fourth moment 3 ± √96·1e-3, lag-1 correlation 0 ± 1e-3;
        // each checked at 5 standard errors (fixed seed, so this cannot flake).
        const int n = 1_000_000;
        var x = new double[n];
        new GaussianStream(7, 1).Fill(x);
        double m1 = x.Average(), m2 = x.Average(v => v * v), m4 = x.Average(v => v * v * v * v);
        double lag = 0;
        for (int i = 1; i < n; i++) lag += x[i] * x[i - 1];
        lag /= n - 1;
        Approx.WithinStdErr(0, m1, 1e-3, 5, "mean");
        Approx.WithinStdErr(1, m2, Math.Sqrt(2) * 1e-3, 5, "variance");
        Approx.WithinStdErr(3, m4, Math.Sqrt(96) * 1e-3, 5, "fourth moment");
        Approx.WithinStdErr(0, lag, 1e-3, 5, "lag-1 correlation");
    }
}
