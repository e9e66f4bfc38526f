using ScalingPS.Core.Committee;

namespace ScalingPS.Core.Tests.Committee;

public class FastErfTests
{
    [Fact]
    public void Table_erf_matches_the_library_erf_to_double_precision()
    {
        double max = 0;
        for (int i = -80000; i <= 80000; i++)
        {
            double u = i * 1e-4 + 1.3e-6;
            max = Math.Max(max, Math.Abs(FastErf.Erf(u) - MathNet.Numerics.SpecialFunctions.Erf(u)));
        }
        Assert.True(max < 5e-16, $"max |error| = {max}");
        Assert.Equal(1.0, FastErf.Erf(7));
        Assert.Equal(-1.0, FastErf.Erf(double.NegativeInfinity));
        Assert.True(double.IsNaN(FastErf.Erf(double.NaN)));
    }
}
