using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ScalingPS.Core.Sampling;

namespace ScalingPS.Core.Committee;

/// <summary>A compile-time flag: generic code specialised on it loses the branch.</summary>
internal interface IFlag { static abstract bool Value { get; } }
internal readonly struct Yes : IFlag { public static bool Value => true; }
internal readonly struct No : IFlag { public static bool Value => false; }

/// <summary>
/// The two passes of an SGD step over the input, for T = double or float:
/// (1) ξ = √λ ⊙ z and up to four dot products rowᵣ·ξ in one pass (so ξ is read once for four units),
/// (2) up to two rank-one updates rowᵣ += cᵣ ξ in one pass.
/// <para>
/// Three paths give the same numbers bit for bit, because they share one lane structure: a row's dot product keeps
/// B = 2·Vector256&lt;T&gt;.Count partial sums, sum l taking elements i ≡ l (mod B) of the whole blocks in order with
/// fused multiply-adds; the B sums are then added in one fixed tree, and the elements past the last whole block
/// are added one by one in double. The Vector256 path holds a sum as two vectors (the loop unrolled twice, so the FMA
/// latency chain does not limit throughput), the Vector512 path as one vector, the scalar path as B numbers. The
/// updates are element-wise FMAs, identical in every path.
/// </para>
/// </summary>
internal static class SgdKernels
{
    /// <summary>
    /// out[r] = Σ_a rows[r][a] ξ_a for r &lt; 4 (rows given by offsets into <paramref name="w"/>; repeat an offset to
    /// fill an unused slot), with ξ = s ⊙ z written to <paramref name="xi"/> when <typeparamref name="TScale"/>,
    /// else ξ read from <paramref name="z"/>.
    /// </summary>
    public static void Dot4<T, TScale>(ReadOnlySpan<T> z, ReadOnlySpan<T> s, Span<T> xi, ReadOnlySpan<T> w,
        int o0, int o1, int o2, int o3, Span<double> result, SimdLevel level)
        where T : unmanaged where TScale : struct, IFlag
    {
        ref T wr = ref MemoryMarshal.GetReference(w);
        var rows = new Rows<T>(ref Unsafe.Add(ref wr, o0), ref Unsafe.Add(ref wr, o1), ref Unsafe.Add(ref wr, o2), ref Unsafe.Add(ref wr, o3));
        Dot<T, TScale>(z, s, xi, rows, 4, result, level);
    }

    /// <summary>out[r] = rows[r]·ξ for two rows (same conventions as <see cref="Dot4"/>).</summary>
    public static void Dot2<T, TScale>(ReadOnlySpan<T> z, ReadOnlySpan<T> s, Span<T> xi, ReadOnlySpan<T> w,
        int o0, int o1, Span<double> result, SimdLevel level)
        where T : unmanaged where TScale : struct, IFlag
    {
        ref T wr = ref MemoryMarshal.GetReference(w);
        var rows = new Rows<T>(ref Unsafe.Add(ref wr, o0), ref Unsafe.Add(ref wr, o1), ref Unsafe.Add(ref wr, o1), ref Unsafe.Add(ref wr, o1));
        Dot<T, TScale>(z, s, xi, rows, 2, result, level);
    }

    /// <summary>out[0] = row·ξ for one row (same conventions as <see cref="Dot4"/>).</summary>
    public static void Dot1<T, TScale>(ReadOnlySpan<T> z, ReadOnlySpan<T> s, Span<T> xi, ReadOnlySpan<T> w,
        int o0, Span<double> result, SimdLevel level)
        where T : unmanaged where TScale : struct, IFlag
    {
        ref T r0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(w), o0);
        Dot<T, TScale>(z, s, xi, new Rows<T>(ref r0, ref r0, ref r0, ref r0), 1, result, level);
    }

    /// <summary>Up to four row references (unused slots repeat a used one and are not computed).</summary>
    private readonly ref struct Rows<T>(ref T r0, ref T r1, ref T r2, ref T r3)
    {
        public readonly ref T R0 = ref r0;
        public readonly ref T R1 = ref r1;
        public readonly ref T R2 = ref r2;
        public readonly ref T R3 = ref r3;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot<T, TScale>(ReadOnlySpan<T> z, ReadOnlySpan<T> s, Span<T> xi, Rows<T> rows, int count,
        Span<double> result, SimdLevel level) where T : unmanaged where TScale : struct, IFlag
    {
        int n = z.Length;
        int block = 2 * Vector256<T>.Count;
        int whole = n - n % block;
        Span<double> d = stackalloc double[4];
        if (level == SimdLevel.Vector512 && Vector512.IsHardwareAccelerated)
        {
            if (count == 4) Dot4x512<T, TScale>(z, s, xi, rows, whole, d);
            else if (count == 2) Dot2x512<T, TScale>(z, s, xi, rows, whole, d);
            else Dot1x512<T, TScale>(z, s, xi, rows, whole, d);
        }
        else if (level != SimdLevel.Scalar)
        {
            if (count == 4) Dot4x256<T, TScale>(z, s, xi, rows, whole, d);
            else if (count == 2) Dot2x256<T, TScale>(z, s, xi, rows, whole, d);
            else Dot1x256<T, TScale>(z, s, xi, rows, whole, d);
        }
        else DotScalar<T, TScale>(z, s, xi, rows, count, whole, d);
        // Elements past the last whole block, one by one in double (the same in every path).
        ref T zr = ref MemoryMarshal.GetReference(z);
        ref T sr = ref MemoryMarshal.GetReference(s);
        ref T xr = ref MemoryMarshal.GetReference(xi);
        for (int i = whole; i < n; i++)
        {
            double x = ToDouble(Unsafe.Add(ref zr, i));
            if (TScale.Value)
            {
                T xt = FromDouble<T>(x * ToDouble(Unsafe.Add(ref sr, i)));
                Unsafe.Add(ref xr, i) = xt;
                x = ToDouble(xt);
            }
            d[0] += ToDouble(Unsafe.Add(ref rows.R0, i)) * x;
            if (count > 1) d[1] += ToDouble(Unsafe.Add(ref rows.R1, i)) * x;
            if (count > 2)
            {
                d[2] += ToDouble(Unsafe.Add(ref rows.R2, i)) * x;
                d[3] += ToDouble(Unsafe.Add(ref rows.R3, i)) * x;
            }
        }
        d[..count].CopyTo(result);
    }

    // ---- Vector256: a row's B partial sums as two vectors (a: lanes 0..W−1, b: lanes W..2W−1) ----

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x256<T, TScale>(ReadOnlySpan<T> z, ReadOnlySpan<T> s, Span<T> xi, Rows<T> rows, int whole, Span<double> d)
        where T : unmanaged where TScale : struct, IFlag
    {
        int vw = Vector256<T>.Count;
        ref T zr = ref MemoryMarshal.GetReference(z);
        ref T sr = ref MemoryMarshal.GetReference(s);
        ref T xr = ref MemoryMarshal.GetReference(xi);
        Vector256<T> a0 = default, a1 = default, a2 = default, a3 = default;
        Vector256<T> b0 = default, b1 = default, b2 = default, b3 = default;
        for (int i = 0; i < whole; i += 2 * vw)
        {
            var x0 = Vector256.LoadUnsafe(ref zr, (nuint)i);
            var x1 = Vector256.LoadUnsafe(ref zr, (nuint)(i + vw));
            if (TScale.Value)
            {
                x0 *= Vector256.LoadUnsafe(ref sr, (nuint)i);
                x1 *= Vector256.LoadUnsafe(ref sr, (nuint)(i + vw));
                x0.StoreUnsafe(ref xr, (nuint)i);
                x1.StoreUnsafe(ref xr, (nuint)(i + vw));
            }
            a0 = Fma(Vector256.LoadUnsafe(ref rows.R0, (nuint)i), x0, a0);
            a1 = Fma(Vector256.LoadUnsafe(ref rows.R1, (nuint)i), x0, a1);
            a2 = Fma(Vector256.LoadUnsafe(ref rows.R2, (nuint)i), x0, a2);
            a3 = Fma(Vector256.LoadUnsafe(ref rows.R3, (nuint)i), x0, a3);
            b0 = Fma(Vector256.LoadUnsafe(ref rows.R0, (nuint)(i + vw)), x1, b0);
            b1 = Fma(Vector256.LoadUnsafe(ref rows.R1, (nuint)(i + vw)), x1, b1);
            b2 = Fma(Vector256.LoadUnsafe(ref rows.R2, (nuint)(i + vw)), x1, b2);
            b3 = Fma(Vector256.LoadUnsafe(ref rows.R3, (nuint)(i + vw)), x1, b3);
        }
        d[0] = Reduce(a0 + b0); d[1] = Reduce(a1 + b1); d[2] = Reduce(a2 + b2); d[3] = Reduce(a3 + b3);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot2x256<T, TScale>(ReadOnlySpan<T> z, ReadOnlySpan<T> s, Span<T> xi, Rows<T> rows, int whole, Span<double> d)
        where T : unmanaged where TScale : struct, IFlag
    {
        int vw = Vector256<T>.Count;
        ref T zr = ref MemoryMarshal.GetReference(z);
        ref T sr = ref MemoryMarshal.GetReference(s);
        ref T xr = ref MemoryMarshal.GetReference(xi);
        Vector256<T> a0 = default, a1 = default, b0 = default, b1 = default;
        for (int i = 0; i < whole; i += 2 * vw)
        {
            var x0 = Vector256.LoadUnsafe(ref zr, (nuint)i);
            var x1 = Vector256.LoadUnsafe(ref zr, (nuint)(i + vw));
            if (TScale.Value)
            {
                x0 *= Vector256.LoadUnsafe(ref sr, (nuint)i);
                x1 *= Vector256.LoadUnsafe(ref sr, (nuint)(i + vw));
                x0.StoreUnsafe(ref xr, (nuint)i);
                x1.StoreUnsafe(ref xr, (nuint)(i + vw));
            }
            a0 = Fma(Vector256.LoadUnsafe(ref rows.R0, (nuint)i), x0, a0);
            a1 = Fma(Vector256.LoadUnsafe(ref rows.R1, (nuint)i), x0, a1);
            b0 = Fma(Vector256.LoadUnsafe(ref rows.R0, (nuint)(i + vw)), x1, b0);
            b1 = Fma(Vector256.LoadUnsafe(ref rows.R1, (nuint)(i + vw)), x1, b1);
        }
        d[0] = Reduce(a0 + b0); d[1] = Reduce(a1 + b1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot1x256<T, TScale>(ReadOnlySpan<T> z, ReadOnlySpan<T> s, Span<T> xi, Rows<T> rows, int whole, Span<double> d)
        where T : unmanaged where TScale : struct, IFlag
    {
        int vw = Vector256<T>.Count;
        ref T zr = ref MemoryMarshal.GetReference(z);
        ref T sr = ref MemoryMarshal.GetReference(s);
        ref T xr = ref MemoryMarshal.GetReference(xi);
        Vector256<T> a0 = default, b0 = default;
        for (int i = 0; i < whole; i += 2 * vw)
        {
            var x0 = Vector256.LoadUnsafe(ref zr, (nuint)i);
            var x1 = Vector256.LoadUnsafe(ref zr, (nuint)(i + vw));
            if (TScale.Value)
            {
                x0 *= Vector256.LoadUnsafe(ref sr, (nuint)i);
                x1 *= Vector256.LoadUnsafe(ref sr, (nuint)(i + vw));
                x0.StoreUnsafe(ref xr, (nuint)i);
                x1.StoreUnsafe(ref xr, (nuint)(i + vw));
            }
            a0 = Fma(Vector256.LoadUnsafe(ref rows.R0, (nuint)i), x0, a0);
            b0 = Fma(Vector256.LoadUnsafe(ref rows.R0, (nuint)(i + vw)), x1, b0);
        }
        d[0] = Reduce(a0 + b0);
    }

    // ---- Vector512: a row's B partial sums as one vector (lower half = the 256 path's a, upper half = b) ----

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x512<T, TScale>(ReadOnlySpan<T> z, ReadOnlySpan<T> s, Span<T> xi, Rows<T> rows, int whole, Span<double> d)
        where T : unmanaged where TScale : struct, IFlag
    {
        int vw = Vector512<T>.Count;
        ref T zr = ref MemoryMarshal.GetReference(z);
        ref T sr = ref MemoryMarshal.GetReference(s);
        ref T xr = ref MemoryMarshal.GetReference(xi);
        Vector512<T> a0 = default, a1 = default, a2 = default, a3 = default;
        for (int i = 0; i < whole; i += vw)
        {
            var x = Vector512.LoadUnsafe(ref zr, (nuint)i);
            if (TScale.Value)
            {
                x *= Vector512.LoadUnsafe(ref sr, (nuint)i);
                x.StoreUnsafe(ref xr, (nuint)i);
            }
            a0 = Fma(Vector512.LoadUnsafe(ref rows.R0, (nuint)i), x, a0);
            a1 = Fma(Vector512.LoadUnsafe(ref rows.R1, (nuint)i), x, a1);
            a2 = Fma(Vector512.LoadUnsafe(ref rows.R2, (nuint)i), x, a2);
            a3 = Fma(Vector512.LoadUnsafe(ref rows.R3, (nuint)i), x, a3);
        }
        d[0] = Reduce(a0); d[1] = Reduce(a1); d[2] = Reduce(a2); d[3] = Reduce(a3);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot2x512<T, TScale>(ReadOnlySpan<T> z, ReadOnlySpan<T> s, Span<T> xi, Rows<T> rows, int whole, Span<double> d)
        where T : unmanaged where TScale : struct, IFlag
    {
        int vw = Vector512<T>.Count;
        ref T zr = ref MemoryMarshal.GetReference(z);
        ref T sr = ref MemoryMarshal.GetReference(s);
        ref T xr = ref MemoryMarshal.GetReference(xi);
        Vector512<T> a0 = default, a1 = default;
        for (int i = 0; i < whole; i += vw)
        {
            var x = Vector512.LoadUnsafe(ref zr, (nuint)i);
            if (TScale.Value)
            {
                x *= Vector512.LoadUnsafe(ref sr, (nuint)i);
                x.StoreUnsafe(ref xr, (nuint)i);
            }
            a0 = Fma(Vector512.LoadUnsafe(ref rows.R0, (nuint)i), x, a0);
            a1 = Fma(Vector512.LoadUnsafe(ref rows.R1, (nuint)i), x, a1);
        }
        d[0] = Reduce(a0); d[1] = Reduce(a1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot1x512<T, TScale>(ReadOnlySpan<T> z, ReadOnlySpan<T> s, Span<T> xi, Rows<T> rows, int whole, Span<double> d)
        where T : unmanaged where TScale : struct, IFlag
    {
        int vw = Vector512<T>.Count;
        ref T zr = ref MemoryMarshal.GetReference(z);
        ref T sr = ref MemoryMarshal.GetReference(s);
        ref T xr = ref MemoryMarshal.GetReference(xi);
        Vector512<T> a0 = default;
        for (int i = 0; i < whole; i += vw)
        {
            var x = Vector512.LoadUnsafe(ref zr, (nuint)i);
            if (TScale.Value)
            {
                x *= Vector512.LoadUnsafe(ref sr, (nuint)i);
                x.StoreUnsafe(ref xr, (nuint)i);
            }
            a0 = Fma(Vector512.LoadUnsafe(ref rows.R0, (nuint)i), x, a0);
        }
        d[0] = Reduce(a0);
    }

    // ---- scalar: the B partial sums as numbers ----

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotScalar<T, TScale>(ReadOnlySpan<T> z, ReadOnlySpan<T> s, Span<T> xi, Rows<T> rows, int count, int whole, Span<double> d)
        where T : unmanaged where TScale : struct, IFlag
    {
        int block = 2 * Vector256<T>.Count;
        Span<T> acc = stackalloc T[4 * block];
        acc.Clear();
        for (int i = 0; i < whole; i += block)
            for (int l = 0; l < block; l++)
            {
                T x = z[i + l];
                if (TScale.Value)
                {
                    x = Mul(x, s[i + l]);
                    xi[i + l] = x;
                }
                acc[l] = Fma(Unsafe.Add(ref rows.R0, i + l), x, acc[l]);
                if (count > 1) acc[block + l] = Fma(Unsafe.Add(ref rows.R1, i + l), x, acc[block + l]);
                if (count > 2)
                {
                    acc[2 * block + l] = Fma(Unsafe.Add(ref rows.R2, i + l), x, acc[2 * block + l]);
                    acc[3 * block + l] = Fma(Unsafe.Add(ref rows.R3, i + l), x, acc[3 * block + l]);
                }
            }
        for (int r = 0; r < count; r++) d[r] = ReduceScalar(acc.Slice(r * block, block));
    }

    /// <summary>The fixed addition tree of every path: halves added until one number remains (B → B/2 → … → 1).</summary>
    private static double ReduceScalar<T>(Span<T> lanes) where T : unmanaged
    {
        for (int width = lanes.Length / 2; width >= 1; width /= 2)
            for (int l = 0; l < width; l++) lanes[l] = Add(lanes[l], lanes[l + width]);
        return ToDouble(lanes[0]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Reduce<T>(Vector512<T> v) => Reduce(v.GetLower() + v.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Reduce<T>(Vector256<T> v)
    {
        var h = v.GetLower() + v.GetUpper();
        if (typeof(T) == typeof(double)) return h.AsDouble().GetElement(0) + h.AsDouble().GetElement(1);
        var q = h.GetLower() + h.GetUpper();
        return ToDouble(Add(q.GetElement(0), q.GetElement(1)));
    }

    /// <summary>rows[r][a] += c[r] ξ_a for a &lt; ξ.Length and two rows at offsets o0, o1 of <paramref name="w"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Update2<T>(ReadOnlySpan<T> xi, Span<T> w, int o0, int o1, double c0, double c1,
        SimdLevel level) where T : unmanaged
    {
        int n = xi.Length;
        ref T xr = ref MemoryMarshal.GetReference(xi);
        ref T wr = ref MemoryMarshal.GetReference(w);
        ref T r0 = ref Unsafe.Add(ref wr, o0);
        ref T r1 = ref Unsafe.Add(ref wr, o1);
        T t0 = FromDouble<T>(c0), t1 = FromDouble<T>(c1);
        int i = 0;
        if (level == SimdLevel.Vector512 && Vector512.IsHardwareAccelerated)
        {
            int vw = Vector512<T>.Count;
            var v0 = Vector512.Create(t0);
            var v1 = Vector512.Create(t1);
            for (; i <= n - vw; i += vw)
            {
                var x = Vector512.LoadUnsafe(ref xr, (nuint)i);
                Fma(v0, x, Vector512.LoadUnsafe(ref r0, (nuint)i)).StoreUnsafe(ref r0, (nuint)i);
                Fma(v1, x, Vector512.LoadUnsafe(ref r1, (nuint)i)).StoreUnsafe(ref r1, (nuint)i);
            }
        }
        else if (level != SimdLevel.Scalar)
        {
            int vw = Vector256<T>.Count;
            var v0 = Vector256.Create(t0);
            var v1 = Vector256.Create(t1);
            for (; i <= n - 2 * vw; i += 2 * vw)
            {
                var x0 = Vector256.LoadUnsafe(ref xr, (nuint)i);
                var x1 = Vector256.LoadUnsafe(ref xr, (nuint)(i + vw));
                Fma(v0, x0, Vector256.LoadUnsafe(ref r0, (nuint)i)).StoreUnsafe(ref r0, (nuint)i);
                Fma(v1, x0, Vector256.LoadUnsafe(ref r1, (nuint)i)).StoreUnsafe(ref r1, (nuint)i);
                Fma(v0, x1, Vector256.LoadUnsafe(ref r0, (nuint)(i + vw))).StoreUnsafe(ref r0, (nuint)(i + vw));
                Fma(v1, x1, Vector256.LoadUnsafe(ref r1, (nuint)(i + vw))).StoreUnsafe(ref r1, (nuint)(i + vw));
            }
        }
        for (; i < n; i++)
        {
            T x = Unsafe.Add(ref xr, i);
            Unsafe.Add(ref r0, i) = Fma(t0, x, Unsafe.Add(ref r0, i));
            Unsafe.Add(ref r1, i) = Fma(t1, x, Unsafe.Add(ref r1, i));
        }
    }

    /// <summary>row[a] += c ξ_a for one row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Update1<T>(ReadOnlySpan<T> xi, Span<T> w, int o0, double c0, SimdLevel level)
        where T : unmanaged
    {
        int n = xi.Length;
        ref T xr = ref MemoryMarshal.GetReference(xi);
        ref T r0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(w), o0);
        T t0 = FromDouble<T>(c0);
        int i = 0;
        if (level == SimdLevel.Vector512 && Vector512.IsHardwareAccelerated)
        {
            int vw = Vector512<T>.Count;
            var v0 = Vector512.Create(t0);
            for (; i <= n - vw; i += vw)
                Fma(v0, Vector512.LoadUnsafe(ref xr, (nuint)i), Vector512.LoadUnsafe(ref r0, (nuint)i)).StoreUnsafe(ref r0, (nuint)i);
        }
        else if (level != SimdLevel.Scalar)
        {
            int vw = Vector256<T>.Count;
            var v0 = Vector256.Create(t0);
            for (; i <= n - 2 * vw; i += 2 * vw)
            {
                Fma(v0, Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref r0, (nuint)i)).StoreUnsafe(ref r0, (nuint)i);
                Fma(v0, Vector256.LoadUnsafe(ref xr, (nuint)(i + vw)), Vector256.LoadUnsafe(ref r0, (nuint)(i + vw))).StoreUnsafe(ref r0, (nuint)(i + vw));
            }
        }
        for (; i < n; i++) Unsafe.Add(ref r0, i) = Fma(t0, Unsafe.Add(ref xr, i), Unsafe.Add(ref r0, i));
    }

    // ---- element helpers, specialised per T by the JIT ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (typeof(T) == typeof(double)) return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        if (typeof(T) == typeof(float)) return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        throw new NotSupportedException(typeof(T).Name);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (typeof(T) == typeof(double)) return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        if (typeof(T) == typeof(float)) return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        throw new NotSupportedException(typeof(T).Name);
    }

    /// <summary>a·b + c with one rounding, as the vector FMAs do.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Fma<T>(T a, T b, T c)
    {
        if (typeof(T) == typeof(double)) return (T)(object)Math.FusedMultiplyAdd((double)(object)a!, (double)(object)b!, (double)(object)c!);
        return (T)(object)MathF.FusedMultiplyAdd((float)(object)a!, (float)(object)b!, (float)(object)c!);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Mul<T>(T a, T b)
    {
        if (typeof(T) == typeof(double)) return (T)(object)((double)(object)a! * (double)(object)b!);
        return (T)(object)((float)(object)a! * (float)(object)b!);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Add<T>(T a, T b)
    {
        if (typeof(T) == typeof(double)) return (T)(object)((double)(object)a! + (double)(object)b!);
        return (T)(object)((float)(object)a! + (float)(object)b!);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ToDouble<T>(T v)
    {
        if (typeof(T) == typeof(double)) return (double)(object)v!;
        return (float)(object)v!;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T FromDouble<T>(double v)
    {
        if (typeof(T) == typeof(double)) return (T)(object)v;
        return (T)(object)(float)v;
    }
}
