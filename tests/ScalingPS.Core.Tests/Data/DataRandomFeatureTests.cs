using ScalingPS.Core.Data;
using ScalingPS.Core.RandomFeatures;

namespace ScalingPS.Core.Tests.Data;

/// <summary>
/// The random-feature model trained on rows of a data matrix with their own labels: Gaussian rows with a known
/// power-law covariance and labels y = w·x + σε, so the held-out loss should be the DMFT theory of the measured
/// (training-row) spectrum and task power plus the label noise σ².
/// </summary>
public class DataRandomFeatureTests
{
    [Fact]
    public void HeldOutLossMatchesTheoryOfTheMeasuredSpectrumPlusNoise()
    {
        int d = 40, rows = 12000;
        double sigma = 0.3;
        var lambda = SyntheticData.PowerLaw(d, 1.5);
        var data = SyntheticData.Draw(lambda, rows, 17, SyntheticData.Shape.Gaussian);
        var rng = new Random(4);
        var w = Enumerable.Range(1, d).Select(k => Math.Pow(k, -0.25)).ToArray();
        var labels = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
            double noise = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            double y = sigma * noise;
            for (int k = 0; k < d; k++) y += w[k] * data[r, k];
            labels[r] = y;
        }
        var prepared = DataRandomFeatureTraining.Prepare(new RandomFeatureDataOptions { Data = data, Labels = labels }, default);
        double[] times = [1, 10, 100];
        const int seeds = 32;
        foreach (var (n, p) in new[] { (20.0, 200.0), (double.PositiveInfinity, 60.0) })
        {
            var template = new RandomFeatureSettings { Lambda = [1.0], TargetPower = [0.0], N = n, P = p };
            var sim = DataRandomFeatureTraining.Run(prepared, template, times, 1, seeds, aggregate: true, null, default);
            var theorySettings = RandomFeatureSettings.FromSpectrum(prepared.Spectrum, n, p, sigma); // the training labels carry the noise too
            var theory = RandomFeatureCurves.Theory(theorySettings, times);
            for (int i = 0; i < times.Length; i++)
            {
                Assert.Equal(seeds, sim[i].Count);
                Assert.Equal("Data", sim[i].Inputs);
                double expected = theory[i].TestLoss + sigma * sigma;
                // 4 standard errors over seeds, plus 3 % for finite-M / finite-held-out effects the theory does not model.
                double tol = 4 * sim[i].StdErr!.Value + 0.03 * expected;
                Assert.True(Math.Abs(sim[i].TestLoss - expected) <= tol,
                    $"N = {n}, P = {p}, t = {times[i]}: held-out {sim[i].TestLoss:G5} ± {sim[i].StdErr:G3} vs theory + σ² {expected:G5} (tolerance {tol:G3})");
            }
        }
    }

    [Fact]
    public void RefusesWhatTheDataPathCannotDo()
    {
        var data = SyntheticData.Draw(SyntheticData.PowerLaw(8, 1.5), 50, 1, SyntheticData.Shape.Gaussian);
        var prepared = DataRandomFeatureTraining.Prepare(new RandomFeatureDataOptions { Data = data, Labels = new double[50] }, default);
        var t = new RandomFeatureSettings { Lambda = [1.0], TargetPower = [0.0], N = 4, P = 1000 };
        Assert.Equal("P", Assert.Throws<ParameterException>(() => DataRandomFeatureTraining.Run(prepared, t, [1.0], 1, 1, false, null, default)).ParameterName);
        Assert.Equal("Optimizer", Assert.Throws<ParameterException>(() => DataRandomFeatureTraining.Run(prepared, t with { P = 10, Optimizer = RandomFeatureOptimizer.SGD }, [1.0], 1, 1, false, null, default)).ParameterName);
        Assert.Equal("Labels", Assert.Throws<ParameterException>(() => DataRandomFeatureTraining.Prepare(new RandomFeatureDataOptions { Data = data, Labels = new double[3] }, default)).ParameterName);
    }
}
