using ScalingPS.Core.Analysis;

namespace ScalingPS.Core.Tests.Analysis;

public class CurveComparisonTests
{
    private static double Law(double x) => 3.7 * Math.Pow(x, -0.63);

    private static List<(double X, double Y)> Reference(double from, double to, int count) =>
        Synthetic.LogSpaced(from, to, count).Select(x => (x, Law(x))).ToList();

    [Fact]
    public void LogInterpolationIsExactOnAPowerLaw()
    {
        // A coarse reference (one point per decade, in shuffled order): between its points the interpolant must be the law itself.
        var reference = Reference(1, 1e6, 7);
        reference.Reverse();
        var curve = ReferenceCurve.Create(reference);
        foreach (var x in Synthetic.LogSpaced(1, 1e6, 97))
            Approx.Rel(Law(x), curve.At(x), 1e-12, $"x = {x}");
        Assert.True(double.IsNaN(curve.At(0.5)));
        Assert.True(double.IsNaN(curve.At(2e6)));
    }

    [Fact]
    public void NonPositiveNeighboursAreInterpolatedLinearlyInY()
    {
        var curve = ReferenceCurve.Create([(1, 1.0), (100, -1.0)]);
        Approx.Abs(0.0, curve.At(10), 1e-14, "midpoint in log x");
    }

    [Fact]
    public void ExactRatioAndZOnKnownNumbers()
    {
        var s = CurveComparer.Compare([(10, Law(10) * 1.1, Law(10) * 0.05)], Reference(1, 100, 3));
        var p = Assert.Single(s.Detail);
        Approx.Rel(1.1, p.Ratio, 1e-12, "ratio");
        Approx.Rel(2.0, p.Z, 1e-12, "z = 0.1/0.05");
        Approx.Rel(4.0, s.ChiSquare, 1e-12, "chi2");
        // P(χ²₁ ≥ 4) = P(|N(0,1)| ≥ 2) = 0.0455003.
        Approx.Rel(0.04550026, s.PValue, 1e-6, "p-value");
    }

    [Fact]
    public void PointsOutsideTheReferenceAreReportedNotDropped()
    {
        var measured = new List<(double, double, double)> { (0.5, 1, 0.1), (5, Law(5), 0.1), (50, Law(50), 0.1), (500, 1, 0.1) };
        var s = CurveComparer.Compare(measured, Reference(1, 100, 5));
        Assert.Equal(4, s.Points);
        Assert.Equal(2, s.Compared);
        Assert.Equal(2, s.OutsideRange);
        Assert.Equal([false, true, true, false], s.Detail.Select(p => p.InRange));
        Assert.Equal(5, s.XMin);
        Assert.Equal(50, s.XMax);
    }

    [Fact]
    public void RefusesWhenTheReferenceCoversNoPoint()
    {
        var ex = Assert.Throws<ComparisonRefusedException>(() =>
            CurveComparer.Compare([(1000, 1, 0.1), (2000, 1, 0.1)], Reference(1, 100, 5)));
        Assert.Equal("ComparisonRefused.NoOverlap", ComparisonRefusedException.ErrorId);
        Assert.Contains("none of the 2", ex.Message);
    }

    // Data drawn from the reference with known Gaussian noise: z must be standard normal, so |z| > 2 in
    // 2(1 − Φ(2)) = 4.550 % of points. 2000 draws of 20 points = 40 000 points: binomial s.e. 0.104 %; the
    // tolerance is 4 s.e. (0.42 %), inside the 4–6 % band. Fixed seeds: the test cannot flake.
    [Theory]
    [InlineData(1, 11)]   // one value per x with its StdErr (as -Aggregate writes it)
    [InlineData(3, 12)]   // three seeds per x: the seed spread and the t → normal mapping
    [InlineData(10, 13)]  // ten seeds per x
    public void ZIsCalibratedForDataDrawnFromTheReference(int seeds, int seed)
    {
        const int draws = 2000, points = 20;
        const double relNoise = 0.05;
        var rng = new ResampleRng(seed, 3);
        var reference = Reference(1, 1e4, 9);
        var xs = Synthetic.LogSpaced(1.3, 9000, points);
        int exceed = 0, total = 0;
        double pSum = 0;
        for (int d = 0; d < draws; d++)
        {
            var measured = new List<(double, double, double)>();
            foreach (var x in xs)
            {
                double sd = relNoise * Law(x);
                // With one seed the given StdErr is the true σ; with several the cmdlet uses the seed spread instead.
                for (int r = 0; r < seeds; r++) measured.Add((x, Law(x) + sd * rng.NextGaussian(), seeds == 1 ? sd : double.NaN));
            }
            var s = CurveComparer.Compare(measured, reference);
            Assert.Equal(points, s.Compared);
            exceed += s.Detail.Count(p => Math.Abs(p.Z) > 2);
            total += s.Compared;
            pSum += s.PValue;
        }
        double fraction = (double)exceed / total, expected = 0.0455003;
        double se = Synthetic.CoverageStdErr(expected, total);
        Assert.InRange(fraction, expected - 4 * se, expected + 4 * se);
        Assert.InRange(fraction, 0.04, 0.06);
        // The χ² p-value is uniform when z is: mean ½ with s.e. 1/√(12·draws) = 0.0065; tolerance 4 s.e.
        Approx.Abs(0.5, pSum / draws, 4 / Math.Sqrt(12.0 * draws), "mean p-value");
    }

    [Fact]
    public void TToZKeepsTailProbabilities()
    {
        // P(|t₄| > 2.776) = 0.05 ⇒ z = 1.960.
        Approx.Abs(1.95996, CurveComparer.TToZ(2.776445, 4), 1e-4, "t_4 at 97.5 %");
        Approx.Abs(-1.95996, CurveComparer.TToZ(-2.776445, 4), 1e-4, "sign");
        Assert.True(Math.Abs(CurveComparer.TToZ(1e6, 3)) > 8);
    }

    [Fact]
    public void RelativeToleranceWidensTheError()
    {
        var s = CurveComparer.Compare([(10, Law(10) * 1.1, Law(10) * 0.03)], Reference(1, 100, 3),
            new ComparisonOptions { RelativeTolerance = 0.04 });
        Approx.Rel(2.0, s.Detail[0].Z, 1e-12, "0.1/√(0.03² + 0.04²)");
        Assert.Throws<ParameterException>(() => new ComparisonOptions { RelativeTolerance = double.NaN }.Validate());
        Assert.Throws<ParameterException>(() => new ComparisonOptions { RelativeTolerance = -1 }.Validate());
    }

    // A mean of 3 seeds with its own standard error (Count = 3, as -Aggregate writes it) is mapped like the seed spread:
    // the same calibration, 40 000 points, tolerance 4 binomial s.e.
    [Fact]
    public void AggregatedMeansWithCountsAreCalibrated()
    {
        var rng = new ResampleRng(21, 3);
        var reference = Reference(1, 1e4, 9);
        var xs = Synthetic.LogSpaced(1.3, 9000, 20);
        int exceed = 0, total = 0;
        for (int d = 0; d < 2000; d++)
        {
            var measured = new List<(double, double, double, double)>();
            foreach (var x in xs)
            {
                double sd = 0.05 * Law(x);
                var seeds = Enumerable.Range(0, 3).Select(_ => Law(x) + sd * rng.NextGaussian()).ToArray();
                double mean = seeds.Average(), se = Math.Sqrt(seeds.Sum(v => (v - mean) * (v - mean)) / 2 / 3);
                measured.Add((x, mean, se, 3));
            }
            var s = CurveComparer.Compare(measured, reference);
            exceed += s.Detail.Count(p => Math.Abs(p.Z) > 2);
            total += s.Compared;
        }
        double fraction = (double)exceed / total, se0 = Synthetic.CoverageStdErr(0.0455003, total);
        Assert.InRange(fraction, 0.0455003 - 4 * se0, 0.0455003 + 4 * se0);
    }
}
