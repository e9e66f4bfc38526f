using System.Numerics.Tensors;
using ScalingPS.Core.Committee;

namespace ScalingPS.Core.Tests.Committee;

/// <summary>
/// The one-pass ODE kernels against the per-term TensorPrimitives passes they replaced: the same numbers bit for bit
/// (same order of separate multiplies and adds), for lengths with and without a vector tail.
/// </summary>
public class ComponentCombinationTests
{
    private static double[] Random(int n, int seed)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => r.NextDouble() * 2 - 1).ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(37)]
    [InlineData(125)]
    [InlineData(500)]
    public void Combine_equals_one_multiply_add_pass_per_term(int l)
    {
        const int terms = 6;
        var src = Random(terms * l + 3, l);
        int[] offsets = Enumerable.Range(0, terms).Select(t => (terms - 1 - t) * l + (t % 2)).ToArray();
        var coefs = Random(terms, 100 + l);
        var scale = Random(l, 200 + l);
        foreach (bool scaled in new[] { false, true })
        {
            var expected = new double[l];
            foreach (var (o, c) in offsets.Zip(coefs)) TensorPrimitives.MultiplyAdd(src.AsSpan(o, l), c, expected, expected);
            if (scaled) TensorPrimitives.Multiply(expected, scale, expected);
            var actual = new double[l];
            ComponentCombination.Combine(actual, src, offsets, coefs, scaled ? scale : default);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
        }
    }
}
