using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ScalingPS.Core.Sampling;

/// <summary>
/// A fast vectorised source of standard normal numbers: eight xoshiro256++ lanes (Blackman &amp; Vigna 2018)
/// held as two groups of four in <see cref="Vector256{T}"/>, and a fused Box–Muller transform with its own
/// polynomial logarithm and sine/cosine, so that one call fills a span with no allocation.
/// <para>
/// Layout of the output. Values come in superblocks of 32: values 0..15 from lane group A (lanes 0–3), 16..31
/// from group B (lanes 4–7). A group makes its 16 values from four steps of its four lanes, x, x′, y, y′: the
/// eight Box–Muller pairs are (x_l, y_l) and (x′_l, y′_l), l = 0..3, with r = √(−2 ln u₁) from x and the angle θ
/// from y; values 0..7 are r·cos θ of the pairs in the order x_0..x_3, x′_0..x′_3, values 8..15 r·sin θ. A fill
/// whose length is not a multiple of 32 draws whole superblocks and drops the rest, so the numbers depend only
/// on the sequence of fill lengths, never on the thread that calls. Each lane group runs its own pass, so only
/// its four state vectors are live and the transform fits in the 16 vector registers.
/// </para>
/// <para>
/// Single precision uses the same 64-bit lane outputs (the top 31 bits for u₁, the top 32 for θ) as double
/// precision (the top 52 bits), so a float and a double stream of the same seed agree to float rounding.
/// Uniforms are centred in their bins (never 0), so ln u₁ is finite: |z| ≤ 8.57 (double) or 6.66 (float).
/// </para>
/// </summary>
public sealed class NormalGenerator
{
    public const int Lanes = 8;
    public const int BlockSize = 32;
    private const int GroupBlock = 16;

    // xoshiro256++ state words s0..s3 for lanes 0..3 (a) and 4..7 (b).
    private Vector256<ulong> _a0, _a1, _a2, _a3, _b0, _b1, _b2, _b3;

    /// <summary>The generator of stream <paramref name="stream"/> of <paramref name="seed"/> (see <see cref="RandomStreams"/>).</summary>
    public NormalGenerator(long seed, ulong stream = RandomStreams.Data)
    {
        ulong sm = SplitMix64.StartState(seed, stream);
        Span<ulong> w = stackalloc ulong[4 * Lanes];
        // Word-major: w[word * 8 + lane], each from the SplitMix64 sequence (the seeding Vigna recommends).
        for (int i = 0; i < w.Length; i++) w[i] = SplitMix64.Next(ref sm);
        _a0 = Vector256.Create(w[0], w[1], w[2], w[3]); _b0 = Vector256.Create(w[4], w[5], w[6], w[7]);
        _a1 = Vector256.Create(w[8], w[9], w[10], w[11]); _b1 = Vector256.Create(w[12], w[13], w[14], w[15]);
        _a2 = Vector256.Create(w[16], w[17], w[18], w[19]); _b2 = Vector256.Create(w[20], w[21], w[22], w[23]);
        _a3 = Vector256.Create(w[24], w[25], w[26], w[27]); _b3 = Vector256.Create(w[28], w[29], w[30], w[31]);
    }

    /// <summary>The initial xoshiro256++ state of each lane, as <c>state[lane * 4 + word]</c> (for reference checks).</summary>
    public static ulong[] InitialState(long seed, ulong stream)
    {
        ulong sm = SplitMix64.StartState(seed, stream);
        var w = new ulong[4 * Lanes];
        for (int i = 0; i < w.Length; i++) w[i] = SplitMix64.Next(ref sm);
        var state = new ulong[4 * Lanes];
        for (int lane = 0; lane < Lanes; lane++)
            for (int word = 0; word < 4; word++) state[lane * 4 + word] = w[word * Lanes + lane];
        return state;
    }

    /// <summary>Raw 64-bit outputs, eight per step in lane order (length must be a multiple of 8).</summary>
    public void NextRaw(Span<ulong> dst)
    {
        if (dst.Length % Lanes != 0) throw new ArgumentException("Length must be a multiple of 8.", nameof(dst));
        for (int i = 0; i < dst.Length; i += Lanes)
        {
            var ra = Step(ref _a0, ref _a1, ref _a2, ref _a3);
            var rb = Step(ref _b0, ref _b1, ref _b2, ref _b3);
            ra.CopyTo(dst.Slice(i, 4));
            rb.CopyTo(dst.Slice(i + 4, 4));
        }
    }

    /// <summary>Fills <paramref name="dst"/> with independent N(0,1) numbers.</summary>
    public void Fill(Span<double> dst)
    {
        int blocks = dst.Length / BlockSize;
        int rest = dst.Length - blocks * BlockSize;
        Span<double> tail = stackalloc double[BlockSize];
        ref double d = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(dst);
        ref double t = ref tail[0];
        GroupPassDouble(ref d, ref t, blocks, rest > 0, ref _a0, ref _a1, ref _a2, ref _a3);
        GroupPassDouble(ref Unsafe.Add(ref d, GroupBlock), ref Unsafe.Add(ref t, GroupBlock), blocks, rest > 0, ref _b0, ref _b1, ref _b2, ref _b3);
        if (rest > 0) tail[..rest].CopyTo(dst[(blocks * BlockSize)..]);
    }

    /// <summary>Fills <paramref name="dst"/> with independent N(0,1) numbers in single precision.</summary>
    public void Fill(Span<float> dst)
    {
        int blocks = dst.Length / BlockSize;
        int rest = dst.Length - blocks * BlockSize;
        Span<float> tail = stackalloc float[BlockSize];
        ref float d = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(dst);
        ref float t = ref tail[0];
        GroupPassSingle(ref d, ref t, blocks, rest > 0, ref _a0, ref _a1, ref _a2, ref _a3);
        GroupPassSingle(ref Unsafe.Add(ref d, GroupBlock), ref Unsafe.Add(ref t, GroupBlock), blocks, rest > 0, ref _b0, ref _b1, ref _b2, ref _b3);
        if (rest > 0) tail[..rest].CopyTo(dst[(blocks * BlockSize)..]);
    }

    private static void GroupPassDouble(ref double dst, ref double tail, int blocks, bool withTail,
        ref Vector256<ulong> g0, ref Vector256<ulong> g1, ref Vector256<ulong> g2, ref Vector256<ulong> g3)
    {
        var s0 = g0; var s1 = g1; var s2 = g2; var s3 = g3;
        for (int j = 0; j < blocks; j++)
            GroupBlockDouble(ref Unsafe.Add(ref dst, j * BlockSize), ref s0, ref s1, ref s2, ref s3);
        if (withTail) GroupBlockDouble(ref tail, ref s0, ref s1, ref s2, ref s3);
        g0 = s0; g1 = s1; g2 = s2; g3 = s3;
    }

    private static void GroupPassSingle(ref float dst, ref float tail, int blocks, bool withTail,
        ref Vector256<ulong> g0, ref Vector256<ulong> g1, ref Vector256<ulong> g2, ref Vector256<ulong> g3)
    {
        var s0 = g0; var s1 = g1; var s2 = g2; var s3 = g3;
        for (int j = 0; j < blocks; j++)
            GroupBlockSingle(ref Unsafe.Add(ref dst, j * BlockSize), ref s0, ref s1, ref s2, ref s3);
        if (withTail) GroupBlockSingle(ref tail, ref s0, ref s1, ref s2, ref s3);
        g0 = s0; g1 = s1; g2 = s2; g3 = s3;
    }

    // Not inlined on purpose: inside a loop the JIT hoists the ~40 polynomial constants, runs out of the 16 vector
    // registers and spills them; as a call each constant stays a folded memory operand (measured: −40 % time).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void GroupBlockDouble(ref double dst,
        ref Vector256<ulong> s0, ref Vector256<ulong> s1, ref Vector256<ulong> s2, ref Vector256<ulong> s3)
    {
        var x = Step(ref s0, ref s1, ref s2, ref s3);
        var x2 = Step(ref s0, ref s1, ref s2, ref s3);
        var y = Step(ref s0, ref s1, ref s2, ref s3);
        var y2 = Step(ref s0, ref s1, ref s2, ref s3);
        var r = RadiusDouble(x);
        CosSinDouble(y, out var c, out var s);
        (r * c).StoreUnsafe(ref dst);
        (r * s).StoreUnsafe(ref dst, 8);
        r = RadiusDouble(x2);
        CosSinDouble(y2, out c, out s);
        (r * c).StoreUnsafe(ref dst, 4);
        (r * s).StoreUnsafe(ref dst, 12);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GroupBlockSingle(ref float dst,
        ref Vector256<ulong> s0, ref Vector256<ulong> s1, ref Vector256<ulong> s2, ref Vector256<ulong> s3)
    {
        var x = Step(ref s0, ref s1, ref s2, ref s3);
        var x2 = Step(ref s0, ref s1, ref s2, ref s3);
        var y = Step(ref s0, ref s1, ref s2, ref s3);
        var y2 = Step(ref s0, ref s1, ref s2, ref s3);
        // Top 32 bits of each output, in pair order x_0..x_3, x′_0..x′_3.
        var u = Vector256.Narrow(Vector256.ShiftRightLogical(x, 32), Vector256.ShiftRightLogical(x2, 32));
        var v = Vector256.Narrow(Vector256.ShiftRightLogical(y, 32), Vector256.ShiftRightLogical(y2, 32));
        var r = RadiusSingle(u);
        CosSinSingle(v, out var c, out var s);
        (r * c).StoreUnsafe(ref dst);
        (r * s).StoreUnsafe(ref dst, 8);
    }

    /// <summary>Fills with normals in <typeparamref name="T"/> (double or float).</summary>
    public void Fill<T>(Span<T> dst) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) Fill(System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(dst));
        else if (typeof(T) == typeof(float)) Fill(System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(dst));
        else throw new NotSupportedException(typeof(T).Name);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Step(ref Vector256<ulong> s0, ref Vector256<ulong> s1, ref Vector256<ulong> s2, ref Vector256<ulong> s3)
    {
        var result = Rotl(s0 + s3, 23) + s0;
        var t = Vector256.ShiftLeft(s1, 17);
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Rotl(s3, 45);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Rotl(Vector256<ulong> x, int k) =>
        Vector256.ShiftLeft(x, k) | Vector256.ShiftRightLogical(x, 64 - k);

    // ---- double precision ---------------------------------------------------------------------------------

    /// <summary>a·x + b with scalar coefficients.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Fma(Vector256<double> x, double a, double b) =>
        Vector256.FusedMultiplyAdd(x, Vector256.Create(a), Vector256.Create(b));

    private const double TwoPow52 = 4503599627370496.0;
    private const double Ln2 = 0.69314718055994530942;
    private const double Sqrt2 = 1.4142135623730950488;

    /// <summary>r = √(−2 ln u) with u = (top 52 bits + ½)·2⁻⁵² ∈ (0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> RadiusDouble(Vector256<ulong> x)
    {
        // An integer k < 2^52 becomes the double 2^52 + k by OR-ing in the exponent (exact, no conversion instruction).
        var k = (Vector256.ShiftRightLogical(x, 12) | Vector256.Create(0x4330000000000000UL)).AsDouble();
        var u = (k - Vector256.Create(TwoPow52 - 0.5)) * Vector256.Create(1.0 / TwoPow52);
        return Vector256.Sqrt(Vector256.Create(-2.0) * LogDouble(u));
    }

    /// <summary>
    /// ln u for positive normal u: u = 2^e·m with m ∈ [√½, √2), ln m = 2 atanh(s), s = (m−1)/(m+1), |s| ≤ 0.1716,
    /// series to s²¹ (truncation below 3e-17 relative).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> LogDouble(Vector256<double> u)
    {
        var bits = u.AsUInt64();
        var m = ((bits & Vector256.Create(0x000FFFFFFFFFFFFFUL)) | Vector256.Create(0x3FF0000000000000UL)).AsDouble();
        var biased = (Vector256.ShiftRightLogical(bits, 52) | Vector256.Create(0x4330000000000000UL)).AsDouble()
            - Vector256.Create(TwoPow52 + 1023.0);
        var big = Vector256.GreaterThan(m, Vector256.Create(Sqrt2));
        m = Vector256.ConditionalSelect(big, m * Vector256.Create(0.5), m);
        var e = biased + (big & Vector256.Create(1.0));
        var one = Vector256.Create(1.0);
        var s = (m - one) / (m + one);
        var w = s * s;
        // Σ_{k=0}^{10} w^k/(2k+1) by Estrin's scheme: the same terms as Horner, but a dependency chain of four
        // multiply-adds instead of ten, so consecutive blocks overlap in the out-of-order core.
        var w2 = w * w;
        var w4 = w2 * w2;
        var w8 = w4 * w4;
        var q0 = Vector256.FusedMultiplyAdd(Fma(w, 1.0 / 7, 1.0 / 5), w2, Fma(w, 1.0 / 3, 1.0));
        var q1 = Vector256.FusedMultiplyAdd(Fma(w, 1.0 / 15, 1.0 / 13), w2, Fma(w, 1.0 / 11, 1.0 / 9));
        var q2 = Vector256.FusedMultiplyAdd(Vector256.Create(1.0 / 21), w2, Fma(w, 1.0 / 19, 1.0 / 17));
        var p = Vector256.FusedMultiplyAdd(q2, w8, Vector256.FusedMultiplyAdd(q1, w4, q0));
        var lnm = (s + s) * p;
        return Vector256.FusedMultiplyAdd(e, Vector256.Create(Ln2), lnm);
    }

    /// <summary>
    /// (cos θ, sin θ) of an angle uniform on the circle: the top two bits pick a quarter turn q, the next 52 a
    /// φ uniform on (−π/4, π/4); θ = φ + qπ/2. Taylor series to φ¹⁵ / φ¹⁶ (error below 5e-17 on |φ| ≤ π/4).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CosSinDouble(Vector256<ulong> y, out Vector256<double> cos, out Vector256<double> sin)
    {
        var k = (Vector256.ShiftRightLogical(Vector256.ShiftLeft(y, 2), 12) | Vector256.Create(0x4330000000000000UL)).AsDouble();
        var phi = Vector256.FusedMultiplyAdd(k - Vector256.Create(TwoPow52 - 0.5), Vector256.Create(Math.PI / 2 / TwoPow52),
            Vector256.Create(-Math.PI / 4));
        SinCosKernelDouble(phi, out var s, out var c);
        var q = Vector256.ShiftRightLogical(y, 62);
        var one = Vector256<ulong>.One;
        var swap = Vector256.Equals(q & one, one).AsDouble();
        var ca = Vector256.ConditionalSelect(swap, s, c);
        var sb = Vector256.ConditionalSelect(swap, c, s);
        var signA = Vector256.ShiftLeft((q ^ Vector256.ShiftRightLogical(q, 1)) & one, 63).AsDouble();
        var signB = Vector256.ShiftLeft(Vector256.ShiftRightLogical(q, 1), 63).AsDouble();
        cos = ca ^ signA;
        sin = sb ^ signB;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SinCosKernelDouble(Vector256<double> phi, out Vector256<double> sin, out Vector256<double> cos)
    {
        var w = phi * phi;
        var w2 = w * w;
        var w4 = w2 * w2;
        // sin φ = φ (1 + w S(w)), S = −1/3! + w/5! − …; cos φ = 1 + w C(w), C = −1/2! + w/4! − …; Estrin's scheme.
        var s01 = Fma(w, 1.0 / 120, -1.0 / 6);
        var s23 = Fma(w, 1.0 / 362880, -1.0 / 5040);
        var s45 = Fma(w, 1.0 / 6227020800, -1.0 / 39916800);
        var ps = Vector256.FusedMultiplyAdd(
            Vector256.FusedMultiplyAdd(Vector256.Create(-1.0 / 1307674368000), w2, s45), w4,
            Vector256.FusedMultiplyAdd(s23, w2, s01));
        sin = Vector256.FusedMultiplyAdd(phi * w, ps, phi);
        var c01 = Fma(w, 1.0 / 24, -0.5);
        var c23 = Fma(w, 1.0 / 40320, -1.0 / 720);
        var c45 = Fma(w, 1.0 / 479001600, -1.0 / 3628800);
        var c67 = Fma(w, 1.0 / 20922789888000, -1.0 / 87178291200);
        var pc = Vector256.FusedMultiplyAdd(
            Vector256.FusedMultiplyAdd(c67, w2, c45), w4,
            Vector256.FusedMultiplyAdd(c23, w2, c01));
        cos = Vector256.FusedMultiplyAdd(w, pc, Vector256.Create(1.0));
    }

    // ---- single precision ---------------------------------------------------------------------------------

    /// <summary>r = √(−2 ln u) with u = (top 31 bits + ½)·2⁻³¹.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> RadiusSingle(Vector256<uint> x)
    {
        var k = Vector256.ConvertToSingle(Vector256.ShiftRightLogical(x, 1).AsInt32());
        var u = (k + Vector256.Create(0.5f)) * Vector256.Create(1f / 2147483648f);
        return Vector256.Sqrt(Vector256.Create(-2f) * LogSingle(u));
    }

    /// <summary>ln u in single precision: the double algorithm with the series to s¹¹ (truncation below 1e-8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> LogSingle(Vector256<float> u)
    {
        var bits = u.AsUInt32();
        var m = ((bits & Vector256.Create(0x007FFFFFu)) | Vector256.Create(0x3F800000u)).AsSingle();
        var biased = Vector256.ConvertToSingle(Vector256.ShiftRightLogical(bits, 23).AsInt32()) - Vector256.Create(127f);
        var big = Vector256.GreaterThan(m, Vector256.Create((float)Sqrt2));
        m = Vector256.ConditionalSelect(big, m * Vector256.Create(0.5f), m);
        var e = biased + (big & Vector256.Create(1f));
        var one = Vector256.Create(1f);
        var s = (m - one) / (m + one);
        var w = s * s;
        var p = Vector256.Create(1f / 11);
        p = Vector256.FusedMultiplyAdd(p, w, Vector256.Create(1f / 9));
        p = Vector256.FusedMultiplyAdd(p, w, Vector256.Create(1f / 7));
        p = Vector256.FusedMultiplyAdd(p, w, Vector256.Create(1f / 5));
        p = Vector256.FusedMultiplyAdd(p, w, Vector256.Create(1f / 3));
        var lnm = (s + s) * Vector256.FusedMultiplyAdd(p, w, one);
        return Vector256.FusedMultiplyAdd(e, Vector256.Create((float)Ln2), lnm);
    }

    /// <summary>The double algorithm with 30 angle bits and series to φ⁹ / φ¹⁰ (error below 2e-9).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CosSinSingle(Vector256<uint> y, out Vector256<float> cos, out Vector256<float> sin)
    {
        var k = Vector256.ConvertToSingle((y & Vector256.Create(0x3FFFFFFFu)).AsInt32());
        var phi = Vector256.FusedMultiplyAdd(k + Vector256.Create(0.5f), Vector256.Create((float)(Math.PI / 2 / 1073741824.0)),
            Vector256.Create((float)(-Math.PI / 4)));
        var w = phi * phi;
        var ps = Vector256.Create(1f / 362880);
        ps = Vector256.FusedMultiplyAdd(ps, w, Vector256.Create(-1f / 5040));
        ps = Vector256.FusedMultiplyAdd(ps, w, Vector256.Create(1f / 120));
        ps = Vector256.FusedMultiplyAdd(ps, w, Vector256.Create(-1f / 6));
        var s = Vector256.FusedMultiplyAdd(phi * w, ps, phi);
        var pc = Vector256.Create(-1f / 3628800);
        pc = Vector256.FusedMultiplyAdd(pc, w, Vector256.Create(1f / 40320));
        pc = Vector256.FusedMultiplyAdd(pc, w, Vector256.Create(-1f / 720));
        pc = Vector256.FusedMultiplyAdd(pc, w, Vector256.Create(1f / 24));
        pc = Vector256.FusedMultiplyAdd(pc, w, Vector256.Create(-0.5f));
        var c = Vector256.FusedMultiplyAdd(w, pc, Vector256.Create(1f));
        var q = Vector256.ShiftRightLogical(y, 30);
        var one = Vector256<uint>.One;
        var swap = Vector256.Equals(q & one, one).AsSingle();
        var ca = Vector256.ConditionalSelect(swap, s, c);
        var sb = Vector256.ConditionalSelect(swap, c, s);
        var signA = Vector256.ShiftLeft((q ^ Vector256.ShiftRightLogical(q, 1)) & one, 31).AsSingle();
        var signB = Vector256.ShiftLeft(Vector256.ShiftRightLogical(q, 1), 31).AsSingle();
        cos = ca ^ signA;
        sin = sb ^ signB;
    }
}
