using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ScalingPS.Core.Committee;

namespace ScalingPS.Core.Sampling;

/// <summary>
/// Wallace's pool generator of standard normals (Wallace 1996; Brent 1997, 2008): a pool of P normals is replaced,
/// pass after pass, by an orthogonal transform of itself, which keeps a vector of independent N(0, 1) numbers such a
/// vector. No uniform is turned into a normal per output, so a normal costs a few additions, shuffles, loads and stores.
/// <para>
/// One pass. The pool is four quarters of P/4 numbers in blocks of four. For step j = 0 … P/16 − 1, one block is read
/// from each quarter m at block (a_m j + c_m) mod P/16, with a_m odd and c_m drawn afresh every pass (random
/// addressing); in the first pass of each round its sign is also flipped by a random bit of (m, j). The four numbers v of each such block go through
/// the Hadamard-type transform w_l = d_l(½Σv − v_l), d = (−1, −1, 1, 1), which is orthogonal, and output l of the block
/// from quarter m is written to lane m of block j in quarter l (a 4×4 transpose).
/// </para>
/// <para>
/// Outputs. After <see cref="DefaultPasses"/> passes (a round) the whole pool is output, rescaled by √(χ²_P / S) where S
/// is the pool's sum of squares and χ²_P an exact chi-square draw with P degrees of freedom (Marsaglia–Tsang gamma
/// sampler); the rescaling is applied in the round's last pass, which also computes the new S. An orthogonal transform
/// preserves S, so without the rescaling every round's sum of squares would be frozen at its initial value; with it,
/// each round is a vector whose squared length is χ²_P-distributed and whose direction is the pool's (Brent's
/// correction). The starting pool is P exact ziggurat normals of a stream derived from the seed; addresses, signs and
/// χ² draws come from a scalar xoshiro256++ stream of the same seed. The output stream depends only on the seed, not
/// on how it is cut into fills; single precision is the double stream rounded.
/// </para>
/// <para>
/// Why each ingredient (each was seen to fail a test without it, see GaussianQualityTests): the transform sends the
/// all-ones vector to a multiple of itself unless the signs d break it (the pool's sum would persist from round to
/// round); block-level addressing permutes whole blocks, so anything constant over the block index j (16 sums, one
/// per quarter and lane) would be conserved without the random sign per source block; without the transpose,
/// anything constant over the four lanes (the block sums) would be.
/// </para>
/// <para>
/// Known weakness (documented for users): every output of round r + 1 is a fixed linear combination of 16 outputs of
/// round r with weights ±¼ (two passes of four-term transforms), so pairs at positions set by that round's random
/// addresses are correlated by ±¼ and their squares by 1/16. No fixed lag is correlated, because the addresses
/// change every round. Tests of the distribution (moments to 8th order, tails, Kolmogorov–Smirnov), of squared
/// lengths and overlaps of consecutive SGD input vectors, of correlations at fixed lags across round boundaries and
/// of class sums over pool positions pass; a test that knew the round's addresses would see the relation.
/// </para>
/// <para>
/// Paths: blocks of four doubles are the unit of every path; the Vector256 pass (AVX, used also at the Vector512
/// level, where 512-bit registers would only pair two independent blocks) and the scalar pass compute the same numbers
/// bit for bit (same additions in the same order, fused multiply-adds where the vector path has them).
/// </para>
/// </summary>
public sealed class WallaceGenerator : NormalSource
{
    public const int DefaultPoolSize = 4096;
    public const int DefaultPasses = 2;
    internal const int MinPoolSize = 256, MaxPoolSize = 4096;
    private const int Block = 4;
    private const int MaxBlocks = MaxPoolSize / 16; // blocks per quarter
    private const ulong PoolTag = 0x57414C4C41434501, ControlTag = 0x57414C4C41434502;

    private readonly double[] _buffer; // pinned: the two pools (ping-pong), the first 64-byte aligned
    private readonly int _origin;
    private readonly int _size, _quarter, _blockMask, _passes;
    private readonly SimdLevel _level;
    private readonly ulong[] _control = new ulong[4]; // scalar xoshiro256++: addresses, signs, χ² draws
    // A pass's random signs expanded to one sign-bit word per source block (quarter m, step j at m·MaxBlocks + j),
    // so that the vector loop flips a block with one broadcast load and one XOR.
    private readonly ulong[] _flips = new ulong[4 * MaxBlocks];
    private int _current; // the pool that holds the current round's outputs
    private int _pos;     // next unread output of the current round
    private double _sumOfSquares; // of the current pool

    /// <summary>The generator of stream <paramref name="stream"/> of <paramref name="seed"/> (see <see cref="RandomStreams"/>).</summary>
    public WallaceGenerator(long seed, ulong stream = RandomStreams.Data) : this(seed, stream, SimdLevels.Best) { }

    /// <summary>The same generator on one code path, or with another pool size or number of passes (tests, bench).</summary>
    internal WallaceGenerator(long seed, ulong stream, SimdLevel level, int poolSize = DefaultPoolSize, int passes = DefaultPasses)
    {
        if (!BitOperations.IsPow2(poolSize) || poolSize < MinPoolSize || poolSize > MaxPoolSize)
            throw new ArgumentOutOfRangeException(nameof(poolSize), poolSize, $"A power of two in [{MinPoolSize}, {MaxPoolSize}].");
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(passes, 16);
        _level = level;
        _size = poolSize;
        _quarter = poolSize / 4;
        _blockMask = _quarter / Block - 1;
        _passes = passes;
        // Pinned, so the aligned origin stays aligned: blocks never straddle a cache line.
        _buffer = GC.AllocateArray<double>(2 * poolSize + 8, pinned: true);
        long address = Marshal.UnsafeAddrOfPinnedArrayElement(_buffer, 0);
        _origin = (int)((64 - (address & 63)) & 63) / sizeof(double);
        new NormalGenerator(seed, stream ^ PoolTag, level).Fill(Pool(0));
        ulong sm = SplitMix64.StartState(seed, stream ^ ControlTag);
        for (int i = 0; i < _control.Length; i++) _control[i] = SplitMix64.Next(ref sm);
        double ss = 0;
        foreach (double x in Pool(0)) ss += x * x;
        _sumOfSquares = ss;
        _pos = _size;
    }

    /// <summary>Bytes held by a generator with pool size <paramref name="poolSize"/>.</summary>
    public static int StateBytes(int poolSize) => 16 * poolSize + 256;

    private Span<double> Pool(int which) => _buffer.AsSpan(_origin + which * _size, _size);

    public override void Fill(Span<double> dst)
    {
        while (!dst.IsEmpty)
        {
            if (_pos == _size) NextRound();
            int n = Math.Min(_size - _pos, dst.Length);
            Pool(_current).Slice(_pos, n).CopyTo(dst);
            _pos += n;
            dst = dst[n..];
        }
    }

    /// <summary>A view of the pool when the round holds all the numbers asked for (no copy), else a fill of <paramref name="scratch"/>.</summary>
    public override ReadOnlySpan<double> Draw(Span<double> scratch)
    {
        if (_pos == _size) NextRound();
        if (_size - _pos < scratch.Length)
        {
            Fill(scratch);
            return scratch;
        }
        var view = Pool(_current).Slice(_pos, scratch.Length);
        _pos += scratch.Length;
        return view;
    }

    /// <summary>The same numbers as the double fill, each rounded to single precision.</summary>
    public override void Fill(Span<float> dst)
    {
        while (!dst.IsEmpty)
        {
            if (_pos == _size) NextRound();
            int n = Math.Min(_size - _pos, dst.Length);
            ToSingle(Pool(_current).Slice(_pos, n), dst[..n]);
            _pos += n;
            dst = dst[n..];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ToSingle(ReadOnlySpan<double> src, Span<float> dst)
    {
        ref double s = ref MemoryMarshal.GetReference(src);
        ref float d = ref MemoryMarshal.GetReference(dst);
        int i = 0;
        if (_level != SimdLevel.Scalar && Vector256.IsHardwareAccelerated)
            for (; i <= src.Length - 8; i += 8)
                Vector256.Narrow(Vector256.LoadUnsafe(ref s, (nuint)i), Vector256.LoadUnsafe(ref s, (nuint)(i + 4))).StoreUnsafe(ref d, (nuint)i);
        for (; i < src.Length; i++) Unsafe.Add(ref d, i) = (float)Unsafe.Add(ref s, i);
    }

    /// <summary>
    /// One round: the χ² length is drawn first, so that the last pass writes the pool already rescaled (the sum of
    /// squares it divides by is the current pool's, which the passes preserve up to rounding), and that pass computes
    /// the new pool's exact sum of squares for the next round. Every pass transposes; the first of a round also flips
    /// the signs of random source blocks.
    /// </summary>
    private void NextRound()
    {
        double scale = Math.Sqrt(ChiSquare(_size) / _sumOfSquares);
        bool vector = _level != SimdLevel.Scalar && Avx.IsSupported;
        int src = _current;
        Span<ulong> signs = stackalloc ulong[4 * MaxBlocks / 64];
        for (int p = 0; p < _passes; p++)
        {
            bool last = p == _passes - 1;
            var f = new Addresses(Ziggurat.Next(_control), _blockMask);
            // Random block signs in the first pass of a round only: the round's map then conserves nothing constant
            // over the block index, and later passes save the flips.
            bool flip = p == 0;
            for (int i = 0; i < signs.Length; i++) signs[i] = flip && (i % (MaxBlocks / 64)) * 64 <= _blockMask ? Ziggurat.Next(_control) : 0;
            ref double from = ref MemoryMarshal.GetReference(Pool(src));
            ref double to = ref MemoryMarshal.GetReference(Pool(1 - src));
            if (vector)
            {
                if (flip) ExpandSigns(signs);
                if (last) _sumOfSquares = flip ? Pass256<Yes, Yes>(ref from, ref to, f, scale) : Pass256<No, Yes>(ref from, ref to, f, scale);
                else if (flip) Pass256<Yes, No>(ref from, ref to, f, 1);
                else Pass256<No, No>(ref from, ref to, f, 1);
            }
            else
            {
                double ss = PassScalar(ref from, ref to, f, signs, last ? scale : 1, last);
                if (last) _sumOfSquares = ss;
            }
            src = 1 - src;
        }
        _current = src;
        _pos = 0;
    }

    /// <summary>
    /// The source addresses of one pass from one 64-bit control word: per quarter m, 7 bits of the odd multiplier a_m
    /// and 8 bits of the offset c_m (bits 15m …); block j reads block (a_m j + c_m) mod P/16 of quarter m.
    /// </summary>
    private readonly struct Addresses(ulong control, int mask)
    {
        public readonly int A0 = Multiplier(control, 0, mask), A1 = Multiplier(control, 1, mask);
        public readonly int A2 = Multiplier(control, 2, mask), A3 = Multiplier(control, 3, mask);
        public readonly int C0 = Offset(control, 0, mask), C1 = Offset(control, 1, mask);
        public readonly int C2 = Offset(control, 2, mask), C3 = Offset(control, 3, mask);

        private static int Multiplier(ulong control, int m, int mask) => (int)(((control >> (15 * m)) & 0x7F) * 2 + 1) & mask;
        private static int Offset(ulong control, int m, int mask) => (int)(control >> (15 * m + 7)) & mask;
    }

    /// <summary>The sign bit (as a double's bit pattern) that flips the block read from quarter m at step j: bit j of the pass's random mask for m.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong FlipBit(ReadOnlySpan<ulong> signs, int m, int j) => (signs[m * (MaxBlocks / 64) + (j >> 6)] >> (j & 63)) << 63;

    /// <summary>_flips[m·MaxBlocks + j] = bit j of quarter m's mask, as a sign bit (four blocks per vector step).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ExpandSigns(ReadOnlySpan<ulong> signs)
    {
        ref ulong flips = ref MemoryMarshal.GetArrayDataReference(_flips);
        var shifts = Vector256.Create(63UL, 62, 61, 60);
        var sign = Vector256.Create(1UL << 63);
        for (int w = 0; w < signs.Length; w++)
        {
            if ((w % (MaxBlocks / 64)) * 64 > _blockMask) continue; // words past this pool's blocks per quarter
            var mask = Vector256.Create(signs[w]);
            for (int i = 0; i < 64; i += 4)
            {
                // Lane k holds bit i + k at the top: mask << (63 − i − k).
                var v = Avx2.IsSupported ? Avx2.ShiftLeftLogicalVariable(mask, shifts - Vector256.Create((ulong)i))
                    : Vector256.Create(signs[w] << (63 - i), signs[w] << (62 - i), signs[w] << (61 - i), signs[w] << (60 - i));
                (v & sign).StoreUnsafe(ref flips, (nuint)(w * 64 + i));
            }
        }
    }

    /// <summary>
    /// One pass, four blocks at a time in Vector256 registers. The blocks v_m read in each quarter m (each with its sign
    /// flipped when bit j of the pass's mask for m is set, with <typeparamref name="TFlip"/>) are transposed, u_l = (v0[l], v1[l], v2[l], v3[l]), and block j of
    /// quarter l gets w_l = k(½Σ_l' u_l' − u_l): for each source block m, the Hadamard-type transform across its four
    /// lanes, output l going to lane m of quarter l. k is 1, or the round's rescaling on the last pass
    /// (<typeparamref name="TLast"/>), which also returns the new pool's sum of squares (fused multiply-adds in a fixed
    /// order).
    /// <para>
    /// Why each ingredient: the transform alone sends the all-ones vector to itself (the pool's sum would be
    /// conserved); block-level addressing alone conserves anything constant over the block index j (16 sums, one per
    /// quarter and lane, would be frozen), and without the transpose anything constant over the four lanes (the
    /// block sums). The random sign per step j and the transpose break all three.
    /// </para>
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Pass256<TFlip, TLast>(ref double src, ref double dst, Addresses f, double scale)
        where TFlip : struct, IFlag where TLast : struct, IFlag
    {
        int q = _quarter;
        // Byte offsets of the source blocks, advanced by a_m blocks per step modulo the quarter.
        int wrap = (_blockMask + 1) * Block * sizeof(double) - 1;
        int step0 = f.A0 * 32, step1 = f.A1 * 32, step2 = f.A2 * 32, step3 = f.A3 * 32;
        int r0 = f.C0 * 32, r1 = f.C1 * 32, r2 = f.C2 * 32, r3 = f.C3 * 32;
        var k = Vector256.Create(scale);
        var half = Vector256.Create(0.5);
        ref byte q0 = ref Unsafe.As<double, byte>(ref src); ref byte q1 = ref Unsafe.As<double, byte>(ref Unsafe.Add(ref src, q));
        ref byte q2 = ref Unsafe.As<double, byte>(ref Unsafe.Add(ref src, 2 * q)); ref byte q3 = ref Unsafe.As<double, byte>(ref Unsafe.Add(ref src, 3 * q));
        ref ulong flips = ref MemoryMarshal.GetArrayDataReference(_flips);
        Vector256<double> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        for (int j = 0, b = 0; j < q; j += Block, b++)
        {
            var v0 = Vector256.LoadUnsafe(ref Unsafe.As<byte, double>(ref Unsafe.Add(ref q0, r0)));
            var v1 = Vector256.LoadUnsafe(ref Unsafe.As<byte, double>(ref Unsafe.Add(ref q1, r1)));
            var v2 = Vector256.LoadUnsafe(ref Unsafe.As<byte, double>(ref Unsafe.Add(ref q2, r2)));
            var v3 = Vector256.LoadUnsafe(ref Unsafe.As<byte, double>(ref Unsafe.Add(ref q3, r3)));
            if (TFlip.Value)
            {
                v0 ^= Vector256.Create(Unsafe.Add(ref flips, b)).AsDouble();
                v1 ^= Vector256.Create(Unsafe.Add(ref flips, MaxBlocks + b)).AsDouble();
                v2 ^= Vector256.Create(Unsafe.Add(ref flips, 2 * MaxBlocks + b)).AsDouble();
                v3 ^= Vector256.Create(Unsafe.Add(ref flips, 3 * MaxBlocks + b)).AsDouble();
            }
            r0 = (r0 + step0) & wrap; r1 = (r1 + step1) & wrap; r2 = (r2 + step2) & wrap; r3 = (r3 + step3) & wrap;
            var p0 = Avx.UnpackLow(v0, v1); var p1 = Avx.UnpackHigh(v0, v1);
            var p2 = Avx.UnpackLow(v2, v3); var p3 = Avx.UnpackHigh(v2, v3);
            var u0 = Avx.Permute2x128(p0, p2, 0x20); var u1 = Avx.Permute2x128(p1, p3, 0x20);
            var u2 = Avx.Permute2x128(p0, p2, 0x31); var u3 = Avx.Permute2x128(p1, p3, 0x31);
            var sum = u0 + u1 + (u2 + u3);
            // d_l(½Σ − u_l), d = (−1, −1, 1, 1), with one rounding (½Σ is exact).
            var w0 = Vector256.FusedMultiplyAdd(-half, sum, u0); var w1 = Vector256.FusedMultiplyAdd(-half, sum, u1);
            var w2 = Vector256.FusedMultiplyAdd(half, sum, -u2); var w3 = Vector256.FusedMultiplyAdd(half, sum, -u3);
            if (TLast.Value)
            {
                w0 *= k; w1 *= k; w2 *= k; w3 *= k;
                acc0 = Vector256.FusedMultiplyAdd(w0, w0, acc0); acc1 = Vector256.FusedMultiplyAdd(w1, w1, acc1);
                acc2 = Vector256.FusedMultiplyAdd(w2, w2, acc2); acc3 = Vector256.FusedMultiplyAdd(w3, w3, acc3);
            }
            w0.StoreUnsafe(ref dst, (nuint)j); w1.StoreUnsafe(ref dst, (nuint)(j + q));
            w2.StoreUnsafe(ref dst, (nuint)(j + 2 * q)); w3.StoreUnsafe(ref dst, (nuint)(j + 3 * q));
        }
        if (!TLast.Value) return 0;
        var e = acc0 + acc1 + (acc2 + acc3);
        return e.GetElement(0) + e.GetElement(1) + (e.GetElement(2) + e.GetElement(3));
    }

    /// <summary>One pass in scalar code: the same numbers as <see cref="Pass256"/>, element by element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double PassScalar(ref double src, ref double dst, Addresses f, ReadOnlySpan<ulong> signs, double scale, bool last)
    {
        int q = _quarter, mask = _blockMask;
        Span<double> acc = stackalloc double[Block * Block]; // acc[l * 4 + m]: output l of source block m
        acc.Clear();
        for (int j = 0; j <= mask; j++)
        {
            int b0 = ((f.A0 * j + f.C0) & mask) * Block, b1 = q + ((f.A1 * j + f.C1) & mask) * Block;
            int b2 = 2 * q + ((f.A2 * j + f.C2) & mask) * Block, b3 = 3 * q + ((f.A3 * j + f.C3) & mask) * Block;
            for (int m = 0; m < Block; m++)
            {
                int from = m switch { 0 => b0, 1 => b1, 2 => b2, _ => b3 };
                ulong sign = FlipBit(signs, m, j);
                double u0 = Flip(Unsafe.Add(ref src, from), sign), u1 = Flip(Unsafe.Add(ref src, from + 1), sign);
                double u2 = Flip(Unsafe.Add(ref src, from + 2), sign), u3 = Flip(Unsafe.Add(ref src, from + 3), sign);
                double sum = u0 + u1 + (u2 + u3);
                for (int l = 0; l < Block; l++)
                {
                    double w = l == 0 ? Math.FusedMultiplyAdd(-0.5, sum, u0) : l == 1 ? Math.FusedMultiplyAdd(-0.5, sum, u1)
                        : Math.FusedMultiplyAdd(0.5, sum, -(l == 2 ? u2 : u3));
                    if (last)
                    {
                        w *= scale;
                        acc[l * Block + m] = Math.FusedMultiplyAdd(w, w, acc[l * Block + m]);
                    }
                    Unsafe.Add(ref dst, l * q + j * Block + m) = w;
                }
            }
        }
        Span<double> total = stackalloc double[Block];
        for (int m = 0; m < Block; m++) total[m] = acc[m] + acc[Block + m] + (acc[2 * Block + m] + acc[3 * Block + m]);
        return total[0] + total[1] + (total[2] + total[3]);
    }

    private static double Flip(double x, ulong sign) => BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(x) ^ sign);

    /// <summary>An exact χ² draw with <paramref name="dof"/> degrees of freedom: 2·Gamma(dof/2) by Marsaglia &amp; Tsang (2000).</summary>
    private double ChiSquare(int dof)
    {
        double d = dof / 2.0 - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x = Ziggurat.Finish(Ziggurat.Next(_control), _control);
            double v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = Ziggurat.Uniform(_control);
            if (u < 1 - 0.0331 * (x * x) * (x * x) || Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v)))
                return 2 * d * v;
        }
    }
}
