namespace ScalingPS.Core.Sampling;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014): the recommended way to expand one 64-bit seed into the state of a
/// xoshiro generator. Every output is a bijective mix of a Weyl sequence, so distinct seeds give distinct,
/// well-scrambled states.
/// </summary>
public static class SplitMix64
{
    public const ulong Golden = 0x9E3779B97F4A7C15;

    public static ulong Next(ref ulong state)
    {
        ulong z = state += Golden;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// The starting state for (seed, stream): streams of one seed (teacher, student, data) and the same stream of
    /// different seeds start from unrelated points of the SplitMix64 sequence.
    /// </summary>
    public static ulong StartState(long seed, ulong stream)
    {
        ulong s = unchecked((ulong)seed) ^ (stream * 0xD1B54A32D192ED03);
        return Next(ref s);
    }
}

/// <summary>The independent random streams of one committee run (one generator each, per seed).</summary>
public static class RandomStreams
{
    /// <summary>Teacher weights B (independent of K and σ_J, so students of any size face the same teacher).</summary>
    public const ulong Teacher = 1;
    /// <summary>Initial student weights J.</summary>
    public const ulong Student = 2;
    /// <summary>The fresh inputs drawn at every SGD step.</summary>
    public const ulong Data = 3;
}
