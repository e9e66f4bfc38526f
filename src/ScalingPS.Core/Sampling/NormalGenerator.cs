using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ScalingPS.Core.Sampling;

/// <summary>
/// A fast vectorised source of standard normal numbers: eight xoshiro256++ lanes (Blackman &amp; Vigna 2018) held as
/// two groups of four in <see cref="Vector256{T}"/>, turned into normals by a 512-layer ziggurat (Marsaglia &amp;
/// Tsang 2000), so that one call fills a span with no allocation.
/// <para>
/// Each 64-bit lane output gives one candidate: bits 0–8 pick the layer i, bit 9 the sign, bits 12–63 a uniform u in
/// [0, 1); z = u·x_i is accepted at once when u &lt; x_{i+1}/x_i (99.2 % of draws, four lanes at a time with no
/// branch per lane). The rest (the wedges, and the tail beyond r = 3.852 by Marsaglia's exponential method) are
/// finished by the exact scalar algorithm with uniforms from a separate scalar xoshiro256++ stream of the same
/// lane group, so the result is an exact N(0, 1) sample up to the 52-bit uniforms.
/// </para>
/// <para>
/// Layout: values come in blocks of 8, values 0–3 from lane group A (lanes 0–3), 4–7 from group B (lanes 4–7). A
/// fill whose length is not a multiple of the block draws whole blocks and drops the rest, so the numbers depend
/// only on the sequence of fill lengths, never on the thread that calls. Each lane group runs its own pass over the
/// span (with its own fallback stream), so only its four state vectors are live. Single precision uses each 64-bit
/// output for two 32-bit candidates (22-bit uniforms), eight per vector: a float stream of a seed is a different
/// (equally exact) sample from the double stream.
/// </para>
/// </summary>
public sealed class NormalGenerator
{
    public const int Lanes = 8;
    public const int BlockSize = 8;
    private const int GroupBlock = 4;

    // xoshiro256++ state words s0..s3 for lanes 0..3 (a) and 4..7 (b).
    private Vector256<ulong> _a0, _a1, _a2, _a3, _b0, _b1, _b2, _b3;
    // Scalar xoshiro256++ states for the rare slow-path draws of group A (0..3) and group B (4..7).
    private readonly ulong[] _scalar = new ulong[8];

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
        for (int i = 0; i < _scalar.Length; i++) _scalar[i] = SplitMix64.Next(ref sm);
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
        ref double d = ref MemoryMarshal.GetReference(dst);
        ref double t = ref tail[0];
        GroupPass(ref d, ref t, blocks, rest > 0, ref _a0, ref _a1, ref _a2, ref _a3, _scalar.AsSpan(0, 4));
        GroupPass(ref Unsafe.Add(ref d, GroupBlock), ref Unsafe.Add(ref t, GroupBlock), blocks, rest > 0,
            ref _b0, ref _b1, ref _b2, ref _b3, _scalar.AsSpan(4, 4));
        if (rest > 0) tail[..rest].CopyTo(dst[(blocks * BlockSize)..]);
    }

    /// <summary>
    /// Fills <paramref name="dst"/> with independent N(0,1) numbers in single precision: the same ziggurat with eight
    /// 32-bit candidates per lane-group step (each 64-bit output split in its low and high half; bits 0–8 layer,
    /// bit 9 sign, bits 10–31 a 22-bit uniform), so a float draw costs half the random bits and lookups of a double one.
    /// Blocks of 16: values 0–7 from group A (low, high half of lane 0, then lane 1, …), 8–15 from group B.
    /// </summary>
    public void Fill(Span<float> dst)
    {
        int blocks = dst.Length / SingleBlock;
        int rest = dst.Length - blocks * SingleBlock;
        Span<float> tail = stackalloc float[SingleBlock];
        ref float d = ref MemoryMarshal.GetReference(dst);
        ref float t = ref tail[0];
        GroupPassSingle(ref d, ref t, blocks, rest > 0, ref _a0, ref _a1, ref _a2, ref _a3, _scalar.AsSpan(0, 4));
        GroupPassSingle(ref Unsafe.Add(ref d, SingleGroupBlock), ref Unsafe.Add(ref t, SingleGroupBlock), blocks, rest > 0,
            ref _b0, ref _b1, ref _b2, ref _b3, _scalar.AsSpan(4, 4));
        if (rest > 0) tail[..rest].CopyTo(dst[(blocks * SingleBlock)..]);
    }

    private const int SingleBlock = 16;
    private const int SingleGroupBlock = 8;

    private void GroupPassSingle(ref float dst, ref float tail, int blocks, bool withTail,
        ref Vector256<ulong> g0, ref Vector256<ulong> g1, ref Vector256<ulong> g2, ref Vector256<ulong> g3, Span<ulong> scalar)
    {
        var s0 = g0; var s1 = g1; var s2 = g2; var s3 = g3;
        int j = 0;
        while (j < blocks)
        {
            int count = FastBlocksSingle(ref dst, ref j, blocks, ref s0, ref s1, ref s2, ref s3);
            for (int c = 0; c < count; c++)
                SlowLanesSingle(ref Unsafe.Add(ref dst, _pendingBlock[c] * SingleBlock), _pendingMask[c], _pendingBits[c], scalar);
        }
        if (withTail)
        {
            int one = 0;
            int count = FastBlocksSingle(ref tail, ref one, 1, ref s0, ref s1, ref s2, ref s3);
            if (count > 0) SlowLanesSingle(ref tail, _pendingMask[0], _pendingBits[0], scalar);
        }
        g0 = s0; g1 = s1; g2 = s2; g3 = s3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FastBlocksSingle(ref float dst, ref int j, int end,
        ref Vector256<ulong> s0, ref Vector256<ulong> s1, ref Vector256<ulong> s2, ref Vector256<ulong> s3)
    {
        ref byte xk = ref Unsafe.As<float, byte>(ref MemoryMarshal.GetArrayDataReference(Ziggurat.EdgeAndRatioSingle));
        ref Vector256<ulong> pendingBits = ref MemoryMarshal.GetArrayDataReference(_pendingBits);
        ref int pendingBlock = ref MemoryMarshal.GetArrayDataReference(_pendingBlock);
        ref uint pendingMask = ref MemoryMarshal.GetArrayDataReference(_pendingMask);
        var layerMask = Vector256.Create((uint)Ziggurat.Layers - 1);
        ref uint offsets = ref MemoryMarshal.GetArrayDataReference(_offsets);
        var signMask = Vector256.Create(0x80000000u);
        var exponent = Vector256.Create(0x3F800000u);
        var one = Vector256.Create(1f);
        var a0 = s0; var a1 = s1; var a2 = s2; var a3 = s3;
        int count = 0, i = j;
        for (; i < end && count < PendingCapacity; i++)
        {
            var r = Step(ref a0, ref a1, ref a2, ref a3);
            var v = r.AsUInt32();
            // Byte offset of the 8-byte (x_i, ratio_i) pair of each lane; two pairs per double-sized slot.
            // Offsets go through memory (one store, eight scalar loads): cheaper than eight vector-to-register extracts.
            Vector256.ShiftLeft(v & layerMask, 3).StoreUnsafe(ref offsets);
            var lo = Vector256.Create(
                Unsafe.ReadUnaligned<double>(ref Unsafe.Add(ref xk, (nuint)offsets)),
                Unsafe.ReadUnaligned<double>(ref Unsafe.Add(ref xk, (nuint)Unsafe.Add(ref offsets, 1))),
                Unsafe.ReadUnaligned<double>(ref Unsafe.Add(ref xk, (nuint)Unsafe.Add(ref offsets, 2))),
                Unsafe.ReadUnaligned<double>(ref Unsafe.Add(ref xk, (nuint)Unsafe.Add(ref offsets, 3)))).AsSingle();
            var hi = Vector256.Create(
                Unsafe.ReadUnaligned<double>(ref Unsafe.Add(ref xk, (nuint)Unsafe.Add(ref offsets, 4))),
                Unsafe.ReadUnaligned<double>(ref Unsafe.Add(ref xk, (nuint)Unsafe.Add(ref offsets, 5))),
                Unsafe.ReadUnaligned<double>(ref Unsafe.Add(ref xk, (nuint)Unsafe.Add(ref offsets, 6))),
                Unsafe.ReadUnaligned<double>(ref Unsafe.Add(ref xk, (nuint)Unsafe.Add(ref offsets, 7)))).AsSingle();
            Deinterleave(lo, hi, out var xi, out var ki);
            // Bits 10–31 as mantissa bits 1–22: u = k·2⁻²² in [0, 1).
            var u = ((Vector256.ShiftRightLogical(v, 9) & Vector256.Create(0x007FFFFEu)) | exponent).AsSingle() - one;
            var sign = Vector256.ShiftLeft(v, 22) & signMask;
            ((u * xi).AsUInt32() ^ sign).AsSingle().StoreUnsafe(ref Unsafe.Add(ref dst, i * SingleBlock));
            uint accepted = Vector256.ExtractMostSignificantBits(Vector256.LessThan(u, ki));
            if (accepted != 0xFF)
            {
                Unsafe.Add(ref pendingBits, count) = r;
                Unsafe.Add(ref pendingBlock, count) = i;
                Unsafe.Add(ref pendingMask, count) = accepted;
                count++;
            }
        }
        s0 = a0; s1 = a1; s2 = a2; s3 = a3;
        j = i;
        return count;
    }

    /// <summary>[a0 b0 a1 b1 a2 b2 a3 b3], [a4 b4 … a7 b7] → [a0..a7], [b0..b7].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Deinterleave(Vector256<float> lo, Vector256<float> hi, out Vector256<float> a, out Vector256<float> b)
    {
        if (System.Runtime.Intrinsics.X86.Avx2.IsSupported)
        {
            // shufps works within 128-bit halves: [a0 a1 a4 a5 | a2 a3 a6 a7]; a 64-bit permute restores the order.
            var sa = System.Runtime.Intrinsics.X86.Avx.Shuffle(lo, hi, 0b10_00_10_00);
            var sb = System.Runtime.Intrinsics.X86.Avx.Shuffle(lo, hi, 0b11_01_11_01);
            a = System.Runtime.Intrinsics.X86.Avx2.Permute4x64(sa.AsDouble(), 0b11_01_10_00).AsSingle();
            b = System.Runtime.Intrinsics.X86.Avx2.Permute4x64(sb.AsDouble(), 0b11_01_10_00).AsSingle();
        }
        else
        {
            a = Vector256.Create(lo[0], lo[2], lo[4], lo[6], hi[0], hi[2], hi[4], hi[6]);
            b = Vector256.Create(lo[1], lo[3], lo[5], lo[7], hi[1], hi[3], hi[5], hi[7]);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SlowLanesSingle(ref float o, uint accepted, Vector256<ulong> r, Span<ulong> scalar)
    {
        var v = r.AsUInt32();
        for (uint todo = ~accepted & 0xFF; todo != 0; todo &= todo - 1)
        {
            int lane = System.Numerics.BitOperations.TrailingZeroCount(todo);
            uint bits = v.GetElement(lane);
            Unsafe.Add(ref o, lane) = (float)Ziggurat.Finish((int)(bits & (Ziggurat.Layers - 1)), (bits & Ziggurat.Layers) != 0,
                (bits >> 10) * (1.0 / (1 << 22)), scalar);
        }
    }

    /// <summary>Fills with normals in <typeparamref name="T"/> (double or float).</summary>
    public void Fill<T>(Span<T> dst) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) Fill(MemoryMarshal.Cast<T, double>(dst));
        else if (typeof(T) == typeof(float)) Fill(MemoryMarshal.Cast<T, float>(dst));
        else throw new NotSupportedException(typeof(T).Name);
    }

    /// <summary>
    /// One lane group's values 0–3 of every block (the caller offsets by 4 for group B), and the partial last block
    /// into <paramref name="tail"/>. The loop has no call in it, so the state stays in registers: candidates that
    /// missed the inner rectangle are queued and finished in order after a batch.
    /// </summary>
    private void GroupPass(ref double dst, ref double tail, int blocks, bool withTail,
        ref Vector256<ulong> g0, ref Vector256<ulong> g1, ref Vector256<ulong> g2, ref Vector256<ulong> g3, Span<ulong> scalar)
    {
        var s0 = g0; var s1 = g1; var s2 = g2; var s3 = g3;
        int j = 0;
        while (j < blocks)
        {
            int count = FastBlocks(ref dst, ref j, blocks, ref s0, ref s1, ref s2, ref s3);
            for (int c = 0; c < count; c++)
                SlowLanes(ref Unsafe.Add(ref dst, _pendingBlock[c] * BlockSize), _pendingMask[c], _pendingBits[c], scalar);
        }
        if (withTail)
        {
            int one = 0;
            int count = FastBlocks(ref tail, ref one, 1, ref s0, ref s1, ref s2, ref s3);
            if (count > 0) SlowLanes(ref tail, _pendingMask[0], _pendingBits[0], scalar);
        }
        g0 = s0; g1 = s1; g2 = s2; g3 = s3;
    }

    private const int PendingCapacity = 64;
    private readonly Vector256<ulong>[] _pendingBits = new Vector256<ulong>[PendingCapacity];
    private readonly int[] _pendingBlock = new int[PendingCapacity];
    private readonly uint[] _pendingMask = new uint[PendingCapacity];
    private readonly uint[] _offsets = new uint[8];

    /// <summary>Vector fast path for blocks j.. until <paramref name="end"/> or a full queue; returns the queue length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FastBlocks(ref double dst, ref int j, int end,
        ref Vector256<ulong> s0, ref Vector256<ulong> s1, ref Vector256<ulong> s2, ref Vector256<ulong> s3)
    {
        ref double xk = ref MemoryMarshal.GetArrayDataReference(Ziggurat.EdgeAndRatio);
        ref Vector256<ulong> pendingBits = ref MemoryMarshal.GetArrayDataReference(_pendingBits);
        ref int pendingBlock = ref MemoryMarshal.GetArrayDataReference(_pendingBlock);
        ref uint pendingMask = ref MemoryMarshal.GetArrayDataReference(_pendingMask);
        var layerMask = Vector256.Create((ulong)Ziggurat.Layers - 1);
        var signMask = Vector256.Create(0x8000000000000000UL);
        var exponent = Vector256.Create(0x3FF0000000000000UL);
        var one = Vector256.Create(1.0);
        var a0 = s0; var a1 = s1; var a2 = s2; var a3 = s3;
        int count = 0, i = j;
        for (; i < end && count < PendingCapacity; i++)
        {
            var r = Step(ref a0, ref a1, ref a2, ref a3);
            // One 16-byte load of (x_i, x_{i+1}/x_i) per lane, transposed into a vector of edges and one of ratios.
            var idx = Vector256.ShiftLeft(r & layerMask, 1);
            var p0 = Vector128.LoadUnsafe(ref xk, (nuint)idx.GetElement(0));
            var p1 = Vector128.LoadUnsafe(ref xk, (nuint)idx.GetElement(1));
            var p2 = Vector128.LoadUnsafe(ref xk, (nuint)idx.GetElement(2));
            var p3 = Vector128.LoadUnsafe(ref xk, (nuint)idx.GetElement(3));
            Transpose(Vector256.Create(p0, p2), Vector256.Create(p1, p3), out var xi, out var ki);
            var u = (Vector256.ShiftRightLogical(r, 12) | exponent).AsDouble() - one;
            var sign = Vector256.ShiftLeft(r, 54) & signMask;
            ((u * xi).AsUInt64() ^ sign).AsDouble().StoreUnsafe(ref Unsafe.Add(ref dst, i * BlockSize));
            uint accepted = Vector256.ExtractMostSignificantBits(Vector256.LessThan(u, ki));
            if (accepted != 0xF)
            {
                Unsafe.Add(ref pendingBits, count) = r;
                Unsafe.Add(ref pendingBlock, count) = i;
                Unsafe.Add(ref pendingMask, count) = accepted;
                count++;
            }
        }
        s0 = a0; s1 = a1; s2 = a2; s3 = a3;
        j = i;
        return count;
    }

    /// <summary>[a0, b0, a2, b2] and [a1, b1, a3, b3] → [a0..a3] and [b0..b3].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(Vector256<double> lo, Vector256<double> hi, out Vector256<double> a, out Vector256<double> b)
    {
        if (System.Runtime.Intrinsics.X86.Avx.IsSupported)
        {
            a = System.Runtime.Intrinsics.X86.Avx.UnpackLow(lo, hi);
            b = System.Runtime.Intrinsics.X86.Avx.UnpackHigh(lo, hi);
        }
        else
        {
            a = Vector256.Create(lo[0], hi[0], lo[2], hi[2]);
            b = Vector256.Create(lo[1], hi[1], lo[3], hi[3]);
        }
    }

    /// <summary>Finishes the lanes whose candidate fell outside its layer's inner rectangle.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SlowLanes(ref double o, uint accepted, Vector256<ulong> r, Span<ulong> scalar)
    {
        // Visit only the rejected lanes (usually one): no unpredictable branch per lane.
        for (uint todo = ~accepted & 0xF; todo != 0; todo &= todo - 1)
        {
            int lane = System.Numerics.BitOperations.TrailingZeroCount(todo);
            Unsafe.Add(ref o, lane) = Ziggurat.Finish(r.GetElement(lane), scalar);
        }
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
}

/// <summary>
/// The ziggurat for the standard normal (Marsaglia &amp; Tsang 2000) with 512 layers. The base radius r is solved for
/// at start-up (bisection) so that the layers of equal area V = r f(r) + ∫_r^∞ f close exactly at the top
/// (f(x) = e^{−x²/2}); the same solver gives Marsaglia &amp; Tsang's r = 3.6541528853610088 for 256 layers.
/// </summary>
internal static class Ziggurat
{
    public const int Layers = 512;
    /// <summary>Layer edges x_0 = V/f(r) &gt; x_1 = r &gt; … &gt; x_255 &gt; x_256 = 0.</summary>
    public static readonly double[] X;
    /// <summary>f(x_i) = e^{−x_i²/2}.</summary>
    public static readonly double[] F;
    /// <summary>x_{i+1}/x_i: a candidate u·x_i with u below this is inside the layer's inner rectangle.</summary>
    public static readonly double[] Ratio;
    /// <summary>Interleaved (x_i, x_{i+1}/x_i), i = 0..255, for one load per lane in the vector path.</summary>
    public static readonly double[] EdgeAndRatio;
    /// <summary>The same pairs in single precision.</summary>
    public static readonly float[] EdgeAndRatioSingle;
    public static readonly double R;
    public static readonly double V;

    static Ziggurat()
    {
        R = SolveBaseRadius(Layers);
        X = new double[Layers + 1];
        Closure(R, X, Layers);
        V = Area(R);
        F = new double[Layers + 1];
        Ratio = new double[Layers];
        for (int i = 0; i <= Layers; i++) F[i] = Math.Exp(-0.5 * X[i] * X[i]);
        for (int i = 0; i < Layers; i++) Ratio[i] = X[i + 1] / X[i];
        EdgeAndRatio = new double[2 * Layers];
        EdgeAndRatioSingle = new float[2 * Layers];
        for (int i = 0; i < Layers; i++)
        {
            EdgeAndRatio[2 * i] = X[i];
            EdgeAndRatio[2 * i + 1] = Ratio[i];
            EdgeAndRatioSingle[2 * i] = (float)X[i];
            // Rounded down, so that the float fast path never accepts beyond the inner rectangle.
            EdgeAndRatioSingle[2 * i + 1] = MathF.BitDecrement((float)Ratio[i]);
        }
    }

    /// <summary>The base radius r for which <paramref name="layers"/> layers of equal area close at the top.</summary>
    public static double SolveBaseRadius(int layers)
    {
        double lo = 2.5, hi = 5.0;
        for (int it = 0; it < 200; it++)
        {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) break;
            if (Closure(mid, null, layers) < 0) lo = mid; else hi = mid;
        }
        return lo;
    }

    private static double Area(double r) =>
        r * Math.Exp(-0.5 * r * r) + Math.Sqrt(Math.PI / 2) * MathNet.Numerics.SpecialFunctions.Erfc(r / Math.Sqrt(2));

    /// <summary>Top-layer area minus V for base radius r (negative: the layers run out before 256).</summary>
    private static double Closure(double r, double[]? x, int layers)
    {
        double v = Area(r);
        double xi = r;
        if (x is not null) { x[0] = v / Math.Exp(-0.5 * r * r); x[1] = r; x[layers] = 0; }
        for (int i = 2; i < layers; i++)
        {
            double a = v / xi + Math.Exp(-0.5 * xi * xi);
            if (a >= 1) return -(layers - i);
            xi = Math.Sqrt(-2 * Math.Log(a));
            if (x is not null) x[i] = xi;
        }
        return xi * (1 - Math.Exp(-0.5 * xi * xi)) - v;
    }

    /// <summary>The exact scalar ziggurat, continuing from a vector candidate (64-bit lane output) that missed the inner rectangle.</summary>
    public static double Finish(ulong bits, Span<ulong> s) =>
        Finish((int)(bits & (Layers - 1)), (bits & Layers) != 0, BitConverter.UInt64BitsToDouble((bits >> 12) | 0x3FF0000000000000UL) - 1.0, s);

    /// <summary>The exact scalar ziggurat from candidate layer <paramref name="i"/>, sign and uniform <paramref name="u"/>.</summary>
    public static double Finish(int i, bool negative, double u, Span<ulong> s)
    {
        while (true)
        {
            double z = u * X[i];
            if (u < Ratio[i]) return negative ? -z : z;
            if (i == 0)
            {
                // Tail beyond r (Marsaglia 1964): z = r + a with a ~ Exp(r), accepted with probability e^{−a²/2}.
                double a, b;
                do
                {
                    a = -Math.Log(Uniform(s)) / R;
                    b = -Math.Log(Uniform(s));
                } while (b + b < a * a);
                z = R + a;
                return negative ? -z : z;
            }
            // Wedge between the inner rectangle and the curve.
            if (F[i] + Uniform(s) * (F[i + 1] - F[i]) < Math.Exp(-0.5 * z * z)) return negative ? -z : z;
            ulong bits = Next(s); // rejected: a fresh candidate
            i = (int)(bits & (Layers - 1));
            negative = (bits & Layers) != 0;
            u = BitConverter.UInt64BitsToDouble((bits >> 12) | 0x3FF0000000000000UL) - 1.0;
        }
    }

    /// <summary>Uniform on (0, 1] from the top 53 bits (never 0, so its logarithm is finite).</summary>
    private static double Uniform(Span<ulong> s) => ((Next(s) >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>Scalar xoshiro256++.</summary>
    public static ulong Next(Span<ulong> s)
    {
        ulong result = ulong.RotateLeft(s[0] + s[3], 23) + s[0];
        ulong t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = ulong.RotateLeft(s[3], 45);
        return result;
    }
}
