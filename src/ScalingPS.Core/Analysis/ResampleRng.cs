namespace ScalingPS.Core.Analysis;

/// <summary>
/// A tiny SplitMix64-based generator for bootstrap resampling. Each resample b gets its own stream seeded from
/// (seed, b), so the intervals are identical whatever the thread count or scheduling.
/// </summary>
public struct ResampleRng
{
    private ulong _state;

    public ResampleRng(int seed, long stream)
    {
        _state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)stream * 0xD1B54A32D192ED03UL ^ 0x2545F4914F6CDD1DUL);
        Next(); // decorrelate nearby seeds
    }

    public ulong Next() => Sampling.SplitMix64.Next(ref _state);

    /// <summary>Uniform integer in [0, n) (Lemire's multiply-shift; the bias is below 2^-32 for the n used here).</summary>
    public int NextInt(int n) => (int)((Next() >> 32) * (ulong)n >> 32);

    /// <summary>Uniform double in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box–Muller; used by the tests and synthetic data only).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(), u2 = NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
