using System.Numerics;
using ScalingPS.Core.Numerics;

namespace ScalingPS.Core.Tests.RandomFeatures;

/// <summary>The reusable inverse-Laplace routine on transforms with known inverses.</summary>
public class FixedTalbotTests
{
    [Theory]
    [InlineData(0.01)] [InlineData(1)] [InlineData(37)] [InlineData(1e4)]
    public void ExponentialDecay(double t)
    {
        // 1/(s+a) ↔ e^{−at}
        double a = 0.7;
        Approx.Abs(Math.Exp(-a * t), FixedTalbotContour.Invert(s => 1 / (s + a), t), 1e-10, $"e^(−0.7t) at t = {t}");
    }

    [Theory]
    [InlineData(0.5)] [InlineData(3)] [InlineData(200)]
    public void PolynomialAndBranchCut(double t)
    {
        // 1/s² ↔ t ; 1/√s ↔ 1/√(πt) (branch cut along the negative axis)
        Approx.Rel(t, FixedTalbotContour.Invert(s => 1 / (s * s), t), 1e-10, "1/s²");
        Approx.Rel(1 / Math.Sqrt(Math.PI * t), FixedTalbotContour.Invert(s => 1 / Complex.Sqrt(s), t), 1e-9, "1/√s");
    }

    [Fact]
    public void OscillatingInverse()
    {
        // 1/(s² + 1) ↔ sin t: poles off the real axis but inside the contour for moderate t.
        foreach (var t in new[] { 0.3, 1.0, 2.5 })
            Approx.Abs(Math.Sin(t), FixedTalbotContour.Invert(s => 1 / (s * s + 1), t), 1e-8, $"sin({t})");
    }

    [Fact]
    public void DiagonalOfTwoVariableTransform()
    {
        // 1/((s+a)(s'+b)) ↔ e^{−at}e^{−bt'}; on the diagonal e^{−(a+b)t}. Also 1/(s+s'+c)-type coupling is not needed.
        double a = 0.3, b = 2.0;
        foreach (var t in new[] { 0.1, 1.0, 10.0 })
        {
            var c = FixedTalbotContour.Create(t);
            Approx.Abs(Math.Exp(-(a + b) * t), c.InvertDiagonal((s, sp) => 1 / ((s + a) * (sp + b))), 1e-10, $"t = {t}");
        }
    }

    [Fact]
    public void NodesAreConjugateSymmetricAndRealAtZero()
    {
        var c = FixedTalbotContour.Create(2.0, 16);
        Assert.Equal(31, c.FullCount);
        Assert.Equal(0, c.Nodes[0].Imaginary);
        Assert.Equal(2 * 16 / (5 * 2.0), c.Nodes[0].Real, 14);
        Assert.Equal(Complex.Conjugate(c.Node(5)), c.Node(-5));
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedTalbotContour.Create(0));
    }
}
