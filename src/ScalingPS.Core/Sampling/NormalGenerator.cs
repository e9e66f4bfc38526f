using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ScalingPS.Core.Sampling;

/// <summary>
/// A fast vectorised source of standard normal numbers: eight xoshiro256++ lanes (Blackman &amp; Vigna 2018) turned
/// into normals by a 512-layer ziggurat (Marsaglia &amp; Tsang 2000), so that one call fills a span with no allocation.
/// <para>
/// Each 64-bit lane output gives one candidate: bits 0–8 pick the layer i, bit 9 the sign, bits 12–63 a uniform u in
/// [0, 1); z = u·x_i is accepted at once when u &lt; x_{i+1}/x_i (99.2 % of draws, all lanes at a time with no
/// branch per lane). The rest (the wedges, and the tail beyond r = 3.852 by Marsaglia's exponential method) are
/// finished by the exact scalar algorithm with uniforms from a separate scalar xoshiro256++ stream per lane group
/// (lanes 0–3 and 4–7), so the result is an exact N(0, 1) sample up to the 52-bit uniforms.
/// </para>
/// <para>
/// Layout: values come in blocks of 8, value l of a block from lane l. A fill whose length is not a multiple of the
/// block draws whole blocks and drops the rest, so the numbers depend only on the sequence of fill lengths, never on
/// the thread that calls. Single precision uses each 64-bit output for two 32-bit candidates (22-bit uniforms):
/// blocks of 16, values 2l and 2l + 1 from the low and high half of lane l; a float stream of a seed is a different
/// (equally exact) sample from the double stream.
/// </para>
/// <para>
/// Three paths compute the same numbers bit for bit (lanes are independent, and each fallback stream is consumed in
/// block then lane order by every path): all eight lanes in one <see cref="Vector512{T}"/>, two passes of four lanes
/// in <see cref="Vector256{T}"/> (so only four state vectors are live), and plain scalar code. The widest the machine
/// runs in hardware is used (<see cref="SimdLevels.Best"/>); tests pick each one through the internal constructor.
/// </para>
/// </summary>
public sealed class NormalGenerator : NormalSource
{
    public const int Lanes = 8;
    public const int BlockSize = 8;
    private const int SingleBlock = 16;
    private const int PendingCapacity = 64;

    // xoshiro256++ state, word-major: _state[word * 8 + lane].
    private readonly ulong[] _state = new ulong[4 * Lanes];
    // Scalar xoshiro256++ states for the rare slow-path draws of lanes 0–3 (words 0..3) and lanes 4–7 (words 4..7).
    private readonly ulong[] _scalar = new ulong[8];
    private readonly SimdLevel _level;
    // Candidates that missed the inner rectangle, queued by the vector loop (which has no call in it, so its state
    // stays in registers) and finished in order after a batch: raw lane outputs, block index, mask of rejected values.
    private readonly ulong[] _pendingBits = new ulong[PendingCapacity * Lanes];
    private readonly int[] _pendingBlock = new int[PendingCapacity];
    private readonly uint[] _pendingMask = new uint[PendingCapacity];
    // Byte offsets of each value's (x_i, x_{i+1}/x_i) table pair: stored once, read as scalars (cheaper than extracts).
    private readonly ulong[] _offsets = new ulong[Lanes];

    /// <summary>Bytes a generator holds (lane states, fallback streams, the fallback queue and offsets; arrays' headers).</summary>
    internal const int HeldBytes = 8 * (4 * Lanes + 8 + PendingCapacity * Lanes + Lanes) + 4 * 2 * PendingCapacity + 6 * 32;

    /// <summary>The generator of stream <paramref name="stream"/> of <paramref name="seed"/> (see <see cref="RandomStreams"/>).</summary>
    public NormalGenerator(long seed, ulong stream = RandomStreams.Data) : this(seed, stream, SimdLevels.Best) { }

    /// <summary>The same generator forced onto one code path (tests and the bench compare paths with it).</summary>
    internal NormalGenerator(long seed, ulong stream, SimdLevel level)
    {
        _level = level;
        ulong sm = SplitMix64.StartState(seed, stream);
        // Word-major, each from the SplitMix64 sequence (the seeding Vigna recommends).
        for (int i = 0; i < _state.Length; i++) _state[i] = SplitMix64.Next(ref sm);
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
            for (int lane = 0; lane < Lanes; lane++) dst[i + lane] = NextLane(lane);
    }

    /// <summary>Fills <paramref name="dst"/> with independent N(0,1) numbers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Fill(Span<double> dst)
    {
        int blocks = dst.Length / BlockSize;
        bool partial = blocks * BlockSize < dst.Length;
        Span<double> tail = stackalloc double[BlockSize];
        ref double d = ref MemoryMarshal.GetReference(dst);
        switch (_level)
        {
            case SimdLevel.Vector512:
                Pass512(ref d, blocks);
                if (partial) Pass512(ref tail[0], 1);
                break;
            case SimdLevel.Vector256:
                for (int group = 0; group < 2; group++)
                {
                    Pass256(ref d, blocks, group);
                    if (partial) Pass256(ref tail[0], 1, group);
                }
                break;
            default:
                PassScalar(ref d, blocks);
                if (partial) PassScalar(ref tail[0], 1);
                break;
        }
        if (partial) tail[..(dst.Length - blocks * BlockSize)].CopyTo(dst[(blocks * BlockSize)..]);
    }

    /// <summary>
    /// Fills <paramref name="dst"/> with independent N(0,1) numbers in single precision: the same ziggurat with two
    /// 32-bit candidates per 64-bit output (bits 0–8 layer, bit 9 sign, bits 10–31 a 22-bit uniform), so a float draw
    /// costs half the random bits and lookups of a double one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Fill(Span<float> dst)
    {
        int blocks = dst.Length / SingleBlock;
        bool partial = blocks * SingleBlock < dst.Length;
        Span<float> tail = stackalloc float[SingleBlock];
        ref float d = ref MemoryMarshal.GetReference(dst);
        switch (_level)
        {
            case SimdLevel.Vector512:
                PassSingle512(ref d, blocks);
                if (partial) PassSingle512(ref tail[0], 1);
                break;
            case SimdLevel.Vector256:
                for (int group = 0; group < 2; group++)
                {
                    PassSingle256(ref d, blocks, group);
                    if (partial) PassSingle256(ref tail[0], 1, group);
                }
                break;
            default:
                PassSingleScalar(ref d, blocks);
                if (partial) PassSingleScalar(ref tail[0], 1);
                break;
        }
        if (partial) tail[..(dst.Length - blocks * SingleBlock)].CopyTo(dst[(blocks * SingleBlock)..]);
    }

    private Span<ulong> FallbackStream(int group) => _scalar.AsSpan(4 * group, 4);

    // ---- double, Vector512: all eight lanes per step ----

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Pass512(ref double dst, int blocks)
    {
        ref ulong st = ref MemoryMarshal.GetArrayDataReference(_state);
        var s0 = Vector512.LoadUnsafe(ref st, 0); var s1 = Vector512.LoadUnsafe(ref st, 8);
        var s2 = Vector512.LoadUnsafe(ref st, 16); var s3 = Vector512.LoadUnsafe(ref st, 24);
        for (int j = 0; j < blocks;)
            FinishPending(ref dst, Fast512(ref dst, ref j, blocks, ref s0, ref s1, ref s2, ref s3));
        s0.StoreUnsafe(ref st, 0); s1.StoreUnsafe(ref st, 8); s2.StoreUnsafe(ref st, 16); s3.StoreUnsafe(ref st, 24);
    }

    /// <summary>Vector fast path for blocks j.. until <paramref name="end"/> or a full queue; returns the queue length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Fast512(ref double dst, ref int j, int end,
        ref Vector512<ulong> s0, ref Vector512<ulong> s1, ref Vector512<ulong> s2, ref Vector512<ulong> s3)
    {
        ref byte table = ref Unsafe.As<double, byte>(ref MemoryMarshal.GetArrayDataReference(Ziggurat.EdgeAndRatio));
        ref ulong off = ref MemoryMarshal.GetArrayDataReference(_offsets);
        ref ulong pendingBits = ref MemoryMarshal.GetArrayDataReference(_pendingBits);
        var layerMask = Vector512.Create((ulong)Ziggurat.Layers - 1);
        var signMask = Vector512.Create(0x8000000000000000UL);
        var exponent = Vector512.Create(0x3FF0000000000000UL);
        var one = Vector512.Create(1.0);
        var a0 = s0; var a1 = s1; var a2 = s2; var a3 = s3;
        int count = 0, i = j;
        for (; i < end && count < PendingCapacity; i++)
        {
            var r = Step(ref a0, ref a1, ref a2, ref a3);
            Vector512.ShiftLeft(r & layerMask, 4).StoreUnsafe(ref off);
            var p0 = Pair(ref table, off); var p1 = Pair(ref table, Unsafe.Add(ref off, 1));
            var p2 = Pair(ref table, Unsafe.Add(ref off, 2)); var p3 = Pair(ref table, Unsafe.Add(ref off, 3));
            var p4 = Pair(ref table, Unsafe.Add(ref off, 4)); var p5 = Pair(ref table, Unsafe.Add(ref off, 5));
            var p6 = Pair(ref table, Unsafe.Add(ref off, 6)); var p7 = Pair(ref table, Unsafe.Add(ref off, 7));
            // Built from fresh registers (ToVector512Unsafe + WithUpper): inserting into a loop-carried vector would chain iterations.
            var lo = Vector256.Create(p0, p2).ToVector512Unsafe().WithUpper(Vector256.Create(p4, p6));
            var hi = Vector256.Create(p1, p3).ToVector512Unsafe().WithUpper(Vector256.Create(p5, p7));
            var x = Avx512F.UnpackLow(lo, hi);
            var k = Avx512F.UnpackHigh(lo, hi);
            var u = (Vector512.ShiftRightLogical(r, 12) | exponent).AsDouble() - one;
            var sign = Vector512.ShiftLeft(r, 54) & signMask;
            ((u * x).AsUInt64() ^ sign).AsDouble().StoreUnsafe(ref dst, (nuint)(i * BlockSize));
            uint accepted = (uint)Vector512.ExtractMostSignificantBits(Vector512.LessThan(u, k));
            if (accepted != 0xFF) count = Queue(ref pendingBits, count, i, ~accepted & 0xFF, r);
        }
        s0 = a0; s1 = a1; s2 = a2; s3 = a3;
        j = i;
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> Pair(ref byte table, ulong offset) =>
        Vector128.LoadUnsafe(ref Unsafe.As<byte, double>(ref Unsafe.Add(ref table, (nint)offset)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Queue(ref ulong pendingBits, int count, int block, uint rejected, Vector512<ulong> r)
    {
        r.StoreUnsafe(ref pendingBits, (nuint)(count * Lanes));
        _pendingBlock[count] = block;
        _pendingMask[count] = rejected;
        return count + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Step(ref Vector512<ulong> s0, ref Vector512<ulong> s1, ref Vector512<ulong> s2, ref Vector512<ulong> s3)
    {
        var result = Avx512F.RotateLeft(s0 + s3, 23) + s0;
        var t = Vector512.ShiftLeft(s1, 17);
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Avx512F.RotateLeft(s3, 45);
        return result;
    }

    // ---- double, Vector256: one pass per group of four lanes ----

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Pass256(ref double dst, int blocks, int group)
    {
        ref ulong st = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_state), 4 * group);
        var s0 = Vector256.LoadUnsafe(ref st, 0); var s1 = Vector256.LoadUnsafe(ref st, 8);
        var s2 = Vector256.LoadUnsafe(ref st, 16); var s3 = Vector256.LoadUnsafe(ref st, 24);
        for (int j = 0; j < blocks;)
            FinishPending(ref dst, Fast256(ref dst, ref j, blocks, group, ref s0, ref s1, ref s2, ref s3));
        s0.StoreUnsafe(ref st, 0); s1.StoreUnsafe(ref st, 8); s2.StoreUnsafe(ref st, 16); s3.StoreUnsafe(ref st, 24);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Fast256(ref double dst, ref int j, int end, int group,
        ref Vector256<ulong> s0, ref Vector256<ulong> s1, ref Vector256<ulong> s2, ref Vector256<ulong> s3)
    {
        ref byte table = ref Unsafe.As<double, byte>(ref MemoryMarshal.GetArrayDataReference(Ziggurat.EdgeAndRatio));
        ref ulong off = ref MemoryMarshal.GetArrayDataReference(_offsets);
        ref ulong pendingBits = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_pendingBits), 4 * group);
        ref double out0 = ref Unsafe.Add(ref dst, 4 * group);
        var layerMask = Vector256.Create((ulong)Ziggurat.Layers - 1);
        var signMask = Vector256.Create(0x8000000000000000UL);
        var exponent = Vector256.Create(0x3FF0000000000000UL);
        var one = Vector256.Create(1.0);
        var a0 = s0; var a1 = s1; var a2 = s2; var a3 = s3;
        int count = 0, i = j, shift = 4 * group;
        for (; i < end && count < PendingCapacity; i++)
        {
            var r = Step(ref a0, ref a1, ref a2, ref a3);
            Vector256.ShiftLeft(r & layerMask, 4).StoreUnsafe(ref off);
            var p0 = Pair(ref table, off); var p1 = Pair(ref table, Unsafe.Add(ref off, 1));
            var p2 = Pair(ref table, Unsafe.Add(ref off, 2)); var p3 = Pair(ref table, Unsafe.Add(ref off, 3));
            Transpose(Vector256.Create(p0, p2), Vector256.Create(p1, p3), out var x, out var k);
            var u = (Vector256.ShiftRightLogical(r, 12) | exponent).AsDouble() - one;
            var sign = Vector256.ShiftLeft(r, 54) & signMask;
            ((u * x).AsUInt64() ^ sign).AsDouble().StoreUnsafe(ref out0, (nuint)(i * BlockSize));
            uint accepted = Vector256.ExtractMostSignificantBits(Vector256.LessThan(u, k));
            if (accepted != 0xF)
            {
                r.StoreUnsafe(ref pendingBits, (nuint)(count * Lanes));
                _pendingBlock[count] = i;
                _pendingMask[count] = (~accepted & 0xF) << shift;
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
        if (Avx.IsSupported)
        {
            a = Avx.UnpackLow(lo, hi);
            b = Avx.UnpackHigh(lo, hi);
        }
        else
        {
            a = Vector256.Create(lo[0], hi[0], lo[2], hi[2]);
            b = Vector256.Create(lo[1], hi[1], lo[3], hi[3]);
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
    private static Vector256<ulong> Rotl(Vector256<ulong> x, [System.Diagnostics.CodeAnalysis.ConstantExpected] byte k) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.RotateLeft(x, k) : Vector256.ShiftLeft(x, k) | Vector256.ShiftRightLogical(x, 64 - k);

    // ---- double, scalar: the same lanes one at a time ----

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PassScalar(ref double dst, int blocks)
    {
        ref double layerEdge = ref MemoryMarshal.GetArrayDataReference(Ziggurat.EdgeAndRatio);
        for (int i = 0; i < blocks; i++)
            for (int lane = 0; lane < Lanes; lane++)
            {
                ulong r = NextLane(lane);
                int layer = (int)(r & (Ziggurat.Layers - 1));
                double u = BitConverter.UInt64BitsToDouble((r >> 12) | 0x3FF0000000000000UL) - 1.0;
                double z;
                if (u < Unsafe.Add(ref layerEdge, 2 * layer + 1))
                    z = BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(u * Unsafe.Add(ref layerEdge, 2 * layer)) ^ ((r << 54) & 0x8000000000000000UL));
                else z = Ziggurat.Finish(r, FallbackStream(lane >> 2));
                Unsafe.Add(ref dst, i * BlockSize + lane) = z;
            }
    }

    /// <summary>One xoshiro256++ step of one lane on the word-major state.</summary>
    private ulong NextLane(int lane)
    {
        ref ulong s = ref MemoryMarshal.GetArrayDataReference(_state);
        ref ulong s0 = ref Unsafe.Add(ref s, lane);
        ref ulong s1 = ref Unsafe.Add(ref s, Lanes + lane);
        ref ulong s2 = ref Unsafe.Add(ref s, 2 * Lanes + lane);
        ref ulong s3 = ref Unsafe.Add(ref s, 3 * Lanes + lane);
        ulong result = ulong.RotateLeft(s0 + s3, 23) + s0;
        ulong t = s1 << 17;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Finishes the values whose candidate fell outside its layer's inner rectangle, in block then lane order.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void FinishPending(ref double dst, int count)
    {
        for (int c = 0; c < count; c++)
        {
            ref double o = ref Unsafe.Add(ref dst, _pendingBlock[c] * BlockSize);
            // Visit only the rejected lanes (usually one): no unpredictable branch per lane.
            for (uint todo = _pendingMask[c]; todo != 0; todo &= todo - 1)
            {
                int lane = System.Numerics.BitOperations.TrailingZeroCount(todo);
                Unsafe.Add(ref o, lane) = Ziggurat.Finish(_pendingBits[c * Lanes + lane], FallbackStream(lane >> 2));
            }
        }
    }

    // ---- single precision ----

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PassSingle512(ref float dst, int blocks)
    {
        ref ulong st = ref MemoryMarshal.GetArrayDataReference(_state);
        var s0 = Vector512.LoadUnsafe(ref st, 0); var s1 = Vector512.LoadUnsafe(ref st, 8);
        var s2 = Vector512.LoadUnsafe(ref st, 16); var s3 = Vector512.LoadUnsafe(ref st, 24);
        for (int j = 0; j < blocks;)
            FinishPendingSingle(ref dst, FastSingle512(ref dst, ref j, blocks, ref s0, ref s1, ref s2, ref s3));
        s0.StoreUnsafe(ref st, 0); s1.StoreUnsafe(ref st, 8); s2.StoreUnsafe(ref st, 16); s3.StoreUnsafe(ref st, 24);
    }

    private static readonly Vector512<uint> EvenFloats = Vector512.Create(0u, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    private static readonly Vector512<uint> OddFloats = EvenFloats + Vector512<uint>.One;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int FastSingle512(ref float dst, ref int j, int end,
        ref Vector512<ulong> s0, ref Vector512<ulong> s1, ref Vector512<ulong> s2, ref Vector512<ulong> s3)
    {
        ref byte table = ref Unsafe.As<float, byte>(ref MemoryMarshal.GetArrayDataReference(Ziggurat.EdgeAndRatioSingle));
        ref uint off = ref Unsafe.As<ulong, uint>(ref MemoryMarshal.GetArrayDataReference(_offsets));
        ref ulong pendingBits = ref MemoryMarshal.GetArrayDataReference(_pendingBits);
        var layerMask = Vector512.Create((uint)Ziggurat.Layers - 1);
        var signMask = Vector512.Create(0x80000000u);
        var exponent = Vector512.Create(0x3F800000u);
        var mantissa = Vector512.Create(0x007FFFFEu);
        var one = Vector512.Create(1f);
        var even = EvenFloats; var odd = OddFloats;
        var a0 = s0; var a1 = s1; var a2 = s2; var a3 = s3;
        int count = 0, i = j;
        for (; i < end && count < PendingCapacity; i++)
        {
            var r = Step(ref a0, ref a1, ref a2, ref a3);
            var v = r.AsUInt32();
            // Byte offset of each value's 8-byte (x_i, ratio_i) float pair, read as one double.
            Vector512.ShiftLeft(v & layerMask, 3).StoreUnsafe(ref off);
            var lo = EightPairs(ref table, ref off, 0);
            var hi = EightPairs(ref table, ref off, 8);
            var x = Avx512F.PermuteVar16x32x2(lo, even.AsInt32(), hi);
            var k = Avx512F.PermuteVar16x32x2(lo, odd.AsInt32(), hi);
            // Bits 10–31 as mantissa bits 1–22: u = k·2⁻²² in [0, 1).
            var u = ((Vector512.ShiftRightLogical(v, 9) & mantissa) | exponent).AsSingle() - one;
            var sign = Vector512.ShiftLeft(v, 22) & signMask;
            ((u * x).AsUInt32() ^ sign).AsSingle().StoreUnsafe(ref dst, (nuint)(i * SingleBlock));
            uint accepted = (uint)Vector512.ExtractMostSignificantBits(Vector512.LessThan(u, k));
            if (accepted != 0xFFFF) count = Queue(ref pendingBits, count, i, ~accepted & 0xFFFF, r);
        }
        s0 = a0; s1 = a1; s2 = a2; s3 = a3;
        j = i;
        return count;
    }

    /// <summary>The (x, ratio) float pairs of values first..first+7, built bottom-up so no insert depends on an older vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> EightPairs(ref byte table, ref uint off, int first) =>
        Vector256.Create(
            Vector128.Create(PairSingle(ref table, ref off, first), PairSingle(ref table, ref off, first + 1)),
            Vector128.Create(PairSingle(ref table, ref off, first + 2), PairSingle(ref table, ref off, first + 3)))
        .ToVector512Unsafe().WithUpper(Vector256.Create(
            Vector128.Create(PairSingle(ref table, ref off, first + 4), PairSingle(ref table, ref off, first + 5)),
            Vector128.Create(PairSingle(ref table, ref off, first + 6), PairSingle(ref table, ref off, first + 7)))).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double PairSingle(ref byte table, ref uint off, int value) =>
        Unsafe.ReadUnaligned<double>(ref Unsafe.Add(ref table, (nuint)Unsafe.Add(ref off, value)));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PassSingle256(ref float dst, int blocks, int group)
    {
        ref ulong st = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_state), 4 * group);
        var s0 = Vector256.LoadUnsafe(ref st, 0); var s1 = Vector256.LoadUnsafe(ref st, 8);
        var s2 = Vector256.LoadUnsafe(ref st, 16); var s3 = Vector256.LoadUnsafe(ref st, 24);
        for (int j = 0; j < blocks;)
            FinishPendingSingle(ref dst, FastSingle256(ref dst, ref j, blocks, group, ref s0, ref s1, ref s2, ref s3));
        s0.StoreUnsafe(ref st, 0); s1.StoreUnsafe(ref st, 8); s2.StoreUnsafe(ref st, 16); s3.StoreUnsafe(ref st, 24);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int FastSingle256(ref float dst, ref int j, int end, int group,
        ref Vector256<ulong> s0, ref Vector256<ulong> s1, ref Vector256<ulong> s2, ref Vector256<ulong> s3)
    {
        ref byte table = ref Unsafe.As<float, byte>(ref MemoryMarshal.GetArrayDataReference(Ziggurat.EdgeAndRatioSingle));
        ref uint off = ref Unsafe.As<ulong, uint>(ref MemoryMarshal.GetArrayDataReference(_offsets));
        ref ulong pendingBits = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_pendingBits), 4 * group);
        ref float out0 = ref Unsafe.Add(ref dst, 8 * group);
        var layerMask = Vector256.Create((uint)Ziggurat.Layers - 1);
        var signMask = Vector256.Create(0x80000000u);
        var exponent = Vector256.Create(0x3F800000u);
        var mantissa = Vector256.Create(0x007FFFFEu);
        var one = Vector256.Create(1f);
        var a0 = s0; var a1 = s1; var a2 = s2; var a3 = s3;
        int count = 0, i = j, shift = 8 * group;
        for (; i < end && count < PendingCapacity; i++)
        {
            var r = Step(ref a0, ref a1, ref a2, ref a3);
            var v = r.AsUInt32();
            Vector256.ShiftLeft(v & layerMask, 3).StoreUnsafe(ref off);
            var lo = Vector256.Create(PairSingle(ref table, ref off, 0), PairSingle(ref table, ref off, 1),
                PairSingle(ref table, ref off, 2), PairSingle(ref table, ref off, 3)).AsSingle();
            var hi = Vector256.Create(PairSingle(ref table, ref off, 4), PairSingle(ref table, ref off, 5),
                PairSingle(ref table, ref off, 6), PairSingle(ref table, ref off, 7)).AsSingle();
            Deinterleave(lo, hi, out var x, out var k);
            var u = ((Vector256.ShiftRightLogical(v, 9) & mantissa) | exponent).AsSingle() - one;
            var sign = Vector256.ShiftLeft(v, 22) & signMask;
            ((u * x).AsUInt32() ^ sign).AsSingle().StoreUnsafe(ref out0, (nuint)(i * SingleBlock));
            uint accepted = Vector256.ExtractMostSignificantBits(Vector256.LessThan(u, k));
            if (accepted != 0xFF)
            {
                r.StoreUnsafe(ref pendingBits, (nuint)(count * Lanes));
                _pendingBlock[count] = i;
                _pendingMask[count] = (~accepted & 0xFF) << shift;
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
        if (Avx2.IsSupported)
        {
            // shufps works within 128-bit halves: [a0 a1 a4 a5 | a2 a3 a6 a7]; a 64-bit permute restores the order.
            var sa = Avx.Shuffle(lo, hi, 0b10_00_10_00);
            var sb = Avx.Shuffle(lo, hi, 0b11_01_11_01);
            a = Avx2.Permute4x64(sa.AsDouble(), 0b11_01_10_00).AsSingle();
            b = Avx2.Permute4x64(sb.AsDouble(), 0b11_01_10_00).AsSingle();
        }
        else
        {
            a = Vector256.Create(lo[0], lo[2], lo[4], lo[6], hi[0], hi[2], hi[4], hi[6]);
            b = Vector256.Create(lo[1], lo[3], lo[5], lo[7], hi[1], hi[3], hi[5], hi[7]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PassSingleScalar(ref float dst, int blocks)
    {
        ref float table = ref MemoryMarshal.GetArrayDataReference(Ziggurat.EdgeAndRatioSingle);
        for (int i = 0; i < blocks; i++)
            for (int lane = 0; lane < Lanes; lane++)
            {
                ulong r = NextLane(lane);
                for (int half = 0; half < 2; half++)
                {
                    uint v = (uint)(r >> (32 * half));
                    int layer = (int)(v & (Ziggurat.Layers - 1));
                    float u = BitConverter.UInt32BitsToSingle(((v >> 9) & 0x007FFFFEu) | 0x3F800000u) - 1f;
                    float z = u < Unsafe.Add(ref table, 2 * layer + 1)
                        ? BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(u * Unsafe.Add(ref table, 2 * layer)) ^ ((v << 22) & 0x80000000u))
                        : FinishSingle(v, FallbackStream(lane >> 2));
                    Unsafe.Add(ref dst, i * SingleBlock + 2 * lane + half) = z;
                }
            }
    }

    private static float FinishSingle(uint bits, Span<ulong> stream) =>
        (float)Ziggurat.Finish((int)(bits & (Ziggurat.Layers - 1)), (bits & Ziggurat.Layers) != 0, (bits >> 10) * (1.0 / (1 << 22)), stream);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void FinishPendingSingle(ref float dst, int count)
    {
        for (int c = 0; c < count; c++)
        {
            ref float o = ref Unsafe.Add(ref dst, _pendingBlock[c] * SingleBlock);
            ref uint bits = ref Unsafe.As<ulong, uint>(ref _pendingBits[c * Lanes]);
            for (uint todo = _pendingMask[c]; todo != 0; todo &= todo - 1)
            {
                int value = System.Numerics.BitOperations.TrailingZeroCount(todo);
                Unsafe.Add(ref o, value) = FinishSingle(Unsafe.Add(ref bits, value), FallbackStream(value >> 3));
            }
        }
    }
}

/// <summary>
/// The ziggurat for the standard normal (Marsaglia &amp; Tsang 2000) with 512 layers. The base radius r is solved for
/// at start-up (bisection) so that the layers of equal area V = r f(r) + ∫_r^∞ f close exactly at the top
/// (f(x) = e^{−x²/2}); the same solver gives Marsaglia &amp; Tsang's r = 3.6541528853610088 for 256 layers.
/// </summary>
internal static class Ziggurat
{
    public const int Layers = 512;
    /// <summary>Layer edges x_0 = V/f(r) &gt; x_1 = r &gt; … &gt; x_{Layers−1} &gt; x_Layers = 0.</summary>
    public static readonly double[] X;
    /// <summary>f(x_i) = e^{−x_i²/2}.</summary>
    public static readonly double[] F;
    /// <summary>x_{i+1}/x_i: a candidate u·x_i with u below this is inside the layer's inner rectangle.</summary>
    public static readonly double[] Ratio;
    /// <summary>Interleaved (x_i, x_{i+1}/x_i), i &lt; <see cref="Layers"/>, for one load per lane in the vector paths.</summary>
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

    /// <summary>Top-layer area minus V for base radius r (negative: the curve is reached before the last layer).</summary>
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    internal static double Uniform(Span<ulong> s) => ((Next(s) >> 11) + 1) * (1.0 / (1UL << 53));

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
