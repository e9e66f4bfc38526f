using ScalingPS.Core.Committee;
using ScalingPS.Core.Sampling;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.Tests.Committee;

/// <summary>
/// The SGD step on every code path the machine has (scalar, Vector256, Vector512) gives the same weights bit for
/// bit after many steps, in double and single precision, for every row grouping (Dot4/Dot2/Dot1, Update2/Update1),
/// vector tails (N not a multiple of the block) and isotropic/anisotropic inputs. The scalar path is the fallback of
/// machines without SIMD; here it is checked against the vector paths it stands in for.
/// </summary>
public class SgdSimdPathTests
{
    public static TheoryData<int, int, int, int, bool> Settings() => new()
    {
        { 1024, 1024, 2, 2, false },  // the benchmark setting, isotropic (ξ = z)
        { 1024, 1, 2, 2, false },     // power law: ξ = √λ ⊙ z written by the first dot pass
        { 37, 37, 3, 2, false },      // odd N: a tail after the last whole block; Dot4 + Dot1, Update2 + Update1
        { 50, 5, 1, 1, true },        // Dot2, Update1, single precision
        { 100, 10, 5, 4, true },      // Dot4 ×2 + Dot1, tails in float
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Every_path_gives_the_same_weights_bit_for_bit(int n, int l, int k, int m, bool single)
    {
        var o = new CommitteeSgdOptions
        {
            Spectrum = PowerLawSpectra.Committee(n, l, 1), K = k, M = m, Eta = 0.5, SigmaJ = 0.5,
            Precision = single ? Precision.Single : Precision.Double,
        };
        var weights = SimdLevels.Available.Select(level => Run(o, level, single)).ToList();
        for (int p = 1; p < weights.Count; p++)
            for (int i = 0; i < weights[0].Length; i++)
                Assert.True(BitConverter.DoubleToInt64Bits(weights[0][i]) == BitConverter.DoubleToInt64Bits(weights[p][i]),
                    $"{SimdLevels.Available[p]} vs scalar at weight {i}: {weights[p][i]:R} vs {weights[0][i]:R}");
        // The run moved the student (the comparison is not between untouched weights).
        var start = Run(o with { }, SimdLevel.Scalar, single, steps: 0);
        Assert.NotEqual(start, weights[0]);
    }

    private static double[] Run(CommitteeSgdOptions o, SimdLevel level, bool single, int steps = 300)
    {
        if (single)
        {
            var s = new SgdSeedState<float>(o, 11, level);
            s.Advance(steps);
            return s.Weights();
        }
        var d = new SgdSeedState<double>(o, 11, level);
        d.Advance(steps);
        return d.Weights();
    }
}
