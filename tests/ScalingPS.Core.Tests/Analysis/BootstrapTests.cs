using ScalingPS.Core.Analysis;

namespace ScalingPS.Core.Tests.Analysis;

public class BootstrapTests
{
    [Fact]
    public void SameSeedSameIntervalsWhateverTheThreadCount()
    {
        var x = Synthetic.LogSpaced(1, 1e3, 25);
        var y = Synthetic.Noisy(x, v => 0.2 + Math.Pow(v, -0.8), 0.05, 3);
        var o = new ScalingFitOptions { Bootstrap = 300, Seed = 42 };
        var one = ScalingLawFitter.Fit(ScalingForm.PowerLawOffset, x, y, null, null, o with { MaxDegreeOfParallelism = 1 });
        var many = ScalingLawFitter.Fit(ScalingForm.PowerLawOffset, x, y, null, null, o with { MaxDegreeOfParallelism = 4 });
        Assert.Equal(one, many);
        var other = ScalingLawFitter.Fit(ScalingForm.PowerLawOffset, x, y, null, null, o with { Seed = 43 });
        Assert.NotEqual(one.ExponentLower, other.ExponentLower);
    }

    [Fact]
    public void SeedsAreResampledAsClusters()
    {
        // Eight seeds share a per-seed amplitude error (a whole run is high or low): the cluster bootstrap must see it.
        var xs = Synthetic.LogSpaced(1, 1e3, 12);
        var x = new List<double>(); var y = new List<double>(); var seed = new List<double>();
        var rng = new ResampleRng(9, 0);
        for (int s = 0; s < 8; s++)
        {
            double shift = Math.Exp(0.1 * rng.NextGaussian()), tilt = 0.05 * rng.NextGaussian();
            foreach (var v in xs) { x.Add(v); y.Add(shift * Math.Pow(v, -0.5 + tilt)); seed.Add(s); }
        }
        var o = new ScalingFitOptions { Bootstrap = 400, Seed = 1 };
        var clustered = ScalingLawFitter.Fit(ScalingForm.PowerLaw, x.ToArray(), y.ToArray(), null, seed.ToArray(), o);
        var points = ScalingLawFitter.Fit(ScalingForm.PowerLaw, x.ToArray(), y.ToArray(), null, seed.ToArray(), o with { Resample = ResampleMode.Points });
        Assert.Equal(nameof(ResampleMode.Clusters), clustered.Resampled);
        Assert.Equal(8, clustered.ResampleUnits);
        Assert.Equal(nameof(ResampleMode.Points), points.Resampled);
        Assert.Equal(96, points.ResampleUnits);
        // The between-seed tilt makes the exponent's honest spread the spread of the seed tilts (0.05/√8 ≈ 0.018);
        // treating the 96 points as independent understates it.
        double wc = clustered.ExponentUpper!.Value - clustered.ExponentLower!.Value, wp = points.ExponentUpper!.Value - points.ExponentLower!.Value;
        Assert.True(wc > 1.5 * wp, $"cluster interval {wc:G3} not wider than point interval {wp:G3}");
        // Fewer than five seeds: Auto falls back to points.
        var few = seed.Select(s => s % 3).ToArray();
        Assert.Equal(nameof(ResampleMode.Points), ScalingLawFitter.Fit(ScalingForm.PowerLaw, x.ToArray(), y.ToArray(), null, few, o).Resampled);
    }

    [Fact]
    public void SmallSampleFactorMatchesTheTQuantileRatio()
    {
        // m = 30, k = 2: sqrt(30/28) · t_28(0.975)/z(0.975) = 1.0351 · 2.0484/1.9600.
        Approx.Rel(Math.Sqrt(30.0 / 28) * 2.048407 / 1.959964, Percentile.SmallSampleFactor(30, 2, 0.95), 1e-5);
        Assert.True(double.IsNaN(Percentile.SmallSampleFactor(2, 2, 0.95)));
    }

    [Fact]
    public void LocalSlopeOfAPowerLawIsItsExponentAndOfAnOffsetLawFollowsTheDerivative()
    {
        var x = Synthetic.LogSpaced(1, 1e4, 41);
        var pure = ScalingLawFitter.LocalSlope(x, x.Select(v => 3 * Math.Pow(v, -0.7)).ToArray(), null, new ScalingFitOptions { Bootstrap = 50 });
        Assert.Equal(41 - 5 + 1, pure.Count);
        foreach (var p in pure) Approx.Abs(-0.7, p.Slope, 1e-12, $"slope at {p.X:G3}");
        // y = 1 + 1/x: d ln y / d ln x = −1/(1 + x); over a window 0.4 decades wide the chord slope is close to it at the centre.
        var off = ScalingLawFitter.LocalSlope(x, x.Select(v => 1 + 1 / v).ToArray(), null, new ScalingFitOptions { Bootstrap = 50 });
        foreach (var p in off) Approx.Abs(-1 / (1 + p.X), p.Slope, 0.02, $"slope at {p.X:G3}");
    }

    [Fact]
    public void LocalSlopeIntervalsCoverUnderNoise()
    {
        // 30 noisy curves, 5 % noise, 21 points per window: the 95 % interval of every window covers −0.5 in ≥ 88 % of cases.
        var x = Synthetic.LogSpaced(1, 1e3, 61);
        int covered = 0, total = 0;
        for (int s = 0; s < 30; s++)
        {
            var y = Synthetic.Noisy(x, v => Math.Pow(v, -0.5), 0.05, 70 + s);
            foreach (var p in ScalingLawFitter.LocalSlope(x, y, null, new ScalingFitOptions { Bootstrap = 200, Window = 21, Seed = s }).Where((_, i) => i % 20 == 0))
            {
                total++;
                if (p.SlopeLower <= -0.5 && -0.5 <= p.SlopeUpper) covered++;
            }
        }
        Assert.True(covered >= 0.88 * total, $"coverage {covered}/{total}");
    }
}
