using ScalingPS.Core.Committee;

namespace ScalingPS.Core.Tests;

public class GeneralizationErrorTests
{
    // spec/committee.md §10 item 6: ε_g = 0 when the student equals the teacher.
    [Theory]
    [InlineData(Activation.Erf)]
    [InlineData(Activation.Linear)]
    [InlineData(Activation.ReLU)]
    public void ZeroWhenStudentEqualsTeacher(Activation g)
    {
        double[] t = [1.2, 0.3, 0.3, 0.8];
        Assert.Equal(0, GeneralizationError.Compute(g, g, OutputNormalization.InverseSqrt, t, t, t, 2, 2), 12);
    }

    // spec/committee.md §4.1: the symmetric plateau R* = 1/√(K(2K−1)), Q* = 1/(2K−1), T = I has
    // ε_g = (π/6 − K arcsin(1/(2K)))/π.
    [Theory]
    [InlineData(2, 0.005805)] [InlineData(3, 0.006766)] [InlineData(4, 0.007094)] [InlineData(5, 0.007245)]
    [InlineData(6, 0.007327)] [InlineData(8, 0.007408)] [InlineData(10, 0.007445)]
    public void ErfPlateauHeight(int k, double height)
    {
        double rs = 1 / Math.Sqrt(k * (2.0 * k - 1)), qs = 1 / (2.0 * k - 1);
        var q = Enumerable.Repeat(qs, k * k).ToArray();
        var r = Enumerable.Repeat(rs, k * k).ToArray();
        var t = new double[k * k];
        for (int i = 0; i < k; i++) t[i * k + i] = 1;
        double eps = GeneralizationError.Compute(Activation.Erf, Activation.Erf, OutputNormalization.InverseSqrt, q, r, t, k, k);
        Approx.Abs(height, eps, 5e-7, $"plateau K={k}");
        Approx.Abs((Math.PI / 6 - k * Math.Asin(1 / (2.0 * k))) / Math.PI, eps, 1e-14);
    }

    // Pair moments against a brute-force 2-D Gauss–Hermite integral (an independent computation).
    [Theory]
    [InlineData(Activation.Erf, Activation.ReLU, 0.7, 1.3, 0.4)]
    [InlineData(Activation.ReLU, Activation.Erf, 1.1, 0.5, -0.3)]
    [InlineData(Activation.ReLU, Activation.ReLU, 0.9, 1.6, 0.8)]
    [InlineData(Activation.Erf, Activation.Linear, 0.9, 1.6, 0.8)]
    [InlineData(Activation.Linear, Activation.ReLU, 0.9, 1.6, -0.5)]
    [InlineData(Activation.Erf, Activation.Erf, 2.0, 0.5, 0.6)]
    public void PairMomentsMatchTwoDimensionalQuadrature(Activation g, Activation h, double cuu, double cvv, double cuv)
    {
        var (z, w) = GaussHermite.Probabilists;
        double l11 = Math.Sqrt(cuu), l21 = cuv / l11, l22 = Math.Sqrt(cvv - l21 * l21);
        double brute = 0;
        for (int i = 0; i < z.Length; i++)
            for (int j = 0; j < z.Length; j++)
            {
                double u = l11 * z[i], v = l21 * z[i] + l22 * z[j];
                brute += w[i] * w[j] * GeneralizationError.Activate(g, u) * GeneralizationError.Activate(h, v);
            }
        // A Gauss–Hermite rule converges slowly across ReLU's kink (~1e-3 for ReLU·ReLU, ~1e-4 with one ReLU);
        // the exact limits below pin the ReLU·ReLU closed form down tightly.
        double tol = g == Activation.ReLU && h == Activation.ReLU ? 1.5e-3 : 2e-4;
        Approx.Abs(brute, GeneralizationError.PairMoment(g, h, cuu, cvv, cuv), tol, $"E[{g}(u){h}(v)]");
    }

    [Fact]
    public void ReluPairMomentExactLimits()
    {
        // Independent: E[relu(u)]E[relu(v)] = σ_u σ_v / 2π; identical: E[relu(u)²] = var/2; opposite: 0.
        Approx.Abs(Math.Sqrt(0.9 * 1.6) / (2 * Math.PI), GeneralizationError.PairMoment(Activation.ReLU, Activation.ReLU, 0.9, 1.6, 0), 1e-15);
        Approx.Abs(0.45, GeneralizationError.PairMoment(Activation.ReLU, Activation.ReLU, 0.9, 0.9, 0.9), 1e-15);
        Approx.Abs(0, GeneralizationError.PairMoment(Activation.ReLU, Activation.ReLU, 0.9, 0.9, -0.9), 1e-15);
    }
}
