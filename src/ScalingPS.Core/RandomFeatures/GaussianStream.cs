using System.Runtime.CompilerServices;

namespace ScalingPS.Core.RandomFeatures;

/// <summary>
/// A small deterministic Gaussian generator for the random-feature simulator: xoshiro256** seeded by
/// SplitMix64 from (seed, stream), normals by the Marsaglia polar method. The same (seed, stream) gives the
/// same numbers on every machine and thread count, which makes every simulated run reproducible per seed.
/// (Kept local to this area on purpose; it is not the shared fast SIMD sampler.)
/// </summary>
internal sealed class GaussianStream
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spare;
    private bool _hasSpare;

    public GaussianStream(int seed, ulong stream)
    {
        ulong x = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (stream + 1) * 0xD1B54A32D192ED03UL);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x) => Sampling.SplitMix64.Next(ref x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Next()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in (−1, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Symmetric() => ((Next() >> 11) * (1.0 / (1UL << 53))) * 2 - 1;

    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }
        double u, v, s;
        do
        {
            u = Symmetric();
            v = Symmetric();
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spare = v * f;
        _hasSpare = true;
        return u * f;
    }

    public void Fill(Span<double> target)
    {
        for (int i = 0; i < target.Length; i++) target[i] = NextGaussian();
    }

    /// <summary>±1 with probability ½ each.</summary>
    public double NextSign() => (Next() >> 63) == 0 ? 1.0 : -1.0;
}
