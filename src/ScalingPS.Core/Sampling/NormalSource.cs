using System.Runtime.InteropServices;

namespace ScalingPS.Core.Sampling;

/// <summary>
/// How the SGD inputs' standard normals are drawn. A run records the name, so the same seed and generator give the
/// same numbers again; the two generators give different (equally valid) samples for one seed.
/// </summary>
public enum GaussianGenerator
{
    /// <summary>Exact N(0, 1) draws: a 512-layer ziggurat on eight xoshiro256++ lanes (<see cref="NormalGenerator"/>).</summary>
    Ziggurat,
    /// <summary>
    /// Wallace's pool method (<see cref="WallaceGenerator"/>): orthogonal 4×4 transforms of a pool of normals with
    /// random addressing, several passes per output and a χ² rescaling of every pool. Cheaper per normal; its outputs
    /// are linear combinations of earlier ones (see the type's remarks for what was checked).
    /// </summary>
    Wallace,
}

/// <summary>A stream of standard normals filled into spans; the numbers depend only on the seed and the fill lengths.</summary>
public abstract class NormalSource
{
    /// <summary>Fills <paramref name="dst"/> with N(0, 1) numbers in double precision.</summary>
    public abstract void Fill(Span<double> dst);

    /// <summary>Fills <paramref name="dst"/> with N(0, 1) numbers in single precision.</summary>
    public abstract void Fill(Span<float> dst);

    /// <summary>Fills with normals in <typeparamref name="T"/> (double or float).</summary>
    public void Fill<T>(Span<T> dst) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) Fill(MemoryMarshal.Cast<T, double>(dst));
        else if (typeof(T) == typeof(float)) Fill(MemoryMarshal.Cast<T, float>(dst));
        else throw new NotSupportedException(typeof(T).Name);
    }

    /// <summary>
    /// The next <paramref name="scratch"/>.Length normals of the stream, the same numbers as <see cref="Fill(Span{double})"/>:
    /// either written into <paramref name="scratch"/> or, where the generator holds them already (Wallace's pool), a view
    /// of its own storage that saves the copy. The view is valid until the next draw or fill.
    /// </summary>
    public virtual ReadOnlySpan<double> Draw(Span<double> scratch)
    {
        Fill(scratch);
        return scratch;
    }

    /// <summary><see cref="Draw(Span{double})"/> for <typeparamref name="T"/> = double or float (float is always filled).</summary>
    public ReadOnlySpan<T> Draw<T>(Span<T> scratch) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) return MemoryMarshal.Cast<double, T>(Draw(MemoryMarshal.Cast<T, double>(scratch)));
        Fill(scratch);
        return scratch;
    }

    /// <summary>The generator <paramref name="kind"/> for stream <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    public static NormalSource Create(GaussianGenerator kind, long seed, ulong stream) => Create(kind, seed, stream, SimdLevels.Best);

    internal static NormalSource Create(GaussianGenerator kind, long seed, ulong stream, SimdLevel level) => kind switch
    {
        GaussianGenerator.Ziggurat => new NormalGenerator(seed, stream, level),
        GaussianGenerator.Wallace => new WallaceGenerator(seed, stream, level),
        _ => throw new ParameterException("Generator", kind, "Allowed: Ziggurat, Wallace."),
    };

    /// <summary>Bytes a generator of this kind holds (the memory check of a run counts it per seed).</summary>
    public static int StateBytes(GaussianGenerator kind) =>
        kind == GaussianGenerator.Wallace ? WallaceGenerator.StateBytes(WallaceGenerator.DefaultPoolSize) : NormalGenerator.HeldBytes;
}
