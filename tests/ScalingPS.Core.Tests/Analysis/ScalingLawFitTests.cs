using ScalingPS.Core.Analysis;
using Xunit.Abstractions;

namespace ScalingPS.Core.Tests.Analysis;

public class ScalingLawFitTests(ITestOutputHelper output)
{
    private static readonly ScalingFitOptions Fast = new() { Bootstrap = 200, Seed = 1 };

    [Fact]
    public void PowerLawExactDataIsRecoveredToRoundoff()
    {
        var x = Synthetic.LogSpaced(10, 1e5, 20);
        var y = x.Select(v => 3.5 * Math.Pow(v, -0.7)).ToArray();
        var fit = ScalingLawFitter.Fit(ScalingForm.PowerLaw, x, y, null, null, Fast);
        Approx.Rel(0.7, fit.Exponent, 1e-8, "exponent");
        Approx.Rel(3.5, fit.Coefficient, 1e-7, "coefficient");
        Approx.Rel(3.5 * Math.Pow(1234, -0.7), fit.Predict(1234), 1e-7, "Predict");
        Assert.Null(fit.Offset);
        Assert.True(fit.RSquared > 1 - 1e-12);
        Assert.True(fit.ResidualRms < 1e-8);
    }

    [Fact]
    public void PowerLawOffsetExactDataIsRecovered()
    {
        var x = Synthetic.LogSpaced(1, 1e4, 30);
        var y = x.Select(v => 0.1 + 2 * Math.Pow(v, -0.5)).ToArray();
        var fit = ScalingLawFitter.Fit(ScalingForm.PowerLawOffset, x, y, null, null, Fast);
        Approx.Rel(0.5, fit.Exponent, 1e-5, "exponent");
        Approx.Rel(2, fit.Coefficient, 1e-5, "coefficient");
        Approx.Rel(0.1, fit.Offset, 1e-5, "offset");
        Approx.Rel(0.1 + 2 * Math.Pow(5e5, -0.5), fit.Predict(5e5), 1e-5, "extrapolation");
    }

    // Three gross outliers (×5) among 30 points with 2 % noise: least squares is pulled off by several of its
    // standard errors, the Huber fit is not. The exponent's standard error here is about 0.004.
    [Fact]
    public void HuberLossResistsOutliers()
    {
        var x = Synthetic.LogSpaced(1, 1e4, 30);
        var y = Synthetic.Noisy(x, v => 4 * Math.Pow(v, -0.6), 0.02, 8);
        y[3] *= 5; y[4] *= 5; y[5] *= 5;
        var robust = ScalingLawFitter.Fit(ScalingForm.PowerLaw, x, y, null, null, Fast);
        var ls = ScalingLawFitter.Fit(ScalingForm.PowerLaw, x, y, null, null, Fast with { HuberDelta = 1e6 });
        output.WriteLine($"Huber {robust.Exponent:F4} (δ = {robust.HuberDelta:G3}), least squares {ls.Exponent:F4}, truth 0.6");
        Approx.Abs(0.6, robust.Exponent, 0.012, "Huber exponent");
        Assert.True(Math.Abs(ls.Exponent!.Value - 0.6) > 3 * Math.Abs(robust.Exponent!.Value - 0.6), "least squares should be visibly worse");
        Assert.True(robust.ExponentLower <= 0.6 && 0.6 <= robust.ExponentUpper, $"[{robust.ExponentLower}, {robust.ExponentUpper}]");
    }

    // Coverage of the 95 % percentile-bootstrap intervals over 100 seeded datasets. With true coverage 0.95 the
    // binomial standard error over 100 datasets is 0.022; the threshold 0.88 is 3.2 standard errors below nominal
    // (percentile intervals under-cover slightly at n = 30, which this allows and a broken interval would not pass).
    [Theory]
    [InlineData(ScalingForm.PowerLaw)]
    [InlineData(ScalingForm.PowerLawOffset)]
    public void IntervalsCoverTheTruth(ScalingForm form)
    {
        const int datasets = 100;
        double p = 0.6, a = 4, e = form == ScalingForm.PowerLaw ? 0 : 0.05;
        var x = Synthetic.LogSpaced(1, 1e4, 30);
        int coverP = 0, coverA = 0, coverE = 0;
        var opts = Fast with { Bootstrap = 200 };
        for (int s = 0; s < datasets; s++)
        {
            var y = Synthetic.Noisy(x, v => e + a * Math.Pow(v, -p), 0.05, 1000 + s);
            var fit = ScalingLawFitter.Fit(form, x, y, null, null, opts with { Seed = s });
            if (fit.ExponentLower <= p && p <= fit.ExponentUpper) coverP++;
            if (fit.CoefficientLower <= a && a <= fit.CoefficientUpper) coverA++;
            if (form == ScalingForm.PowerLaw || (fit.OffsetLower <= e && e <= fit.OffsetUpper)) coverE++;
        }
        output.WriteLine($"{form}: coverage exponent {coverP}%, coefficient {coverA}%, offset {coverE}% (SE 2.2 %)");
        Assert.True(coverP >= 88, $"exponent coverage {coverP}% < 88%");
        Assert.True(coverA >= 88, $"coefficient coverage {coverA}% < 88%");
        Assert.True(coverE >= 88, $"offset coverage {coverE}% < 88%");
    }
}
