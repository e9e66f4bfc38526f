using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ScalingPS.Core.Committee;

/// <summary>A compile-time flag: generic code specialised on it loses the branch.</summary>
internal interface IFlag { static abstract bool Value { get; } }
internal readonly struct Yes : IFlag { public static bool Value => true; }
internal readonly struct No : IFlag { public static bool Value => false; }

/// <summary>
/// The two passes of an SGD step over the input, in <see cref="Vector256{T}"/> for T = double or float:
/// (1) ξ = √λ ⊙ z and up to four dot products rowᵣ·ξ in one pass (so ξ is read once for four units),
/// (2) up to four rank-one updates rowᵣ += cᵣ ξ in one pass. Loops are unrolled twice with separate
/// accumulators so that the FMA latency chain does not limit throughput.
/// </summary>
internal static class SgdKernels
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (typeof(T) == typeof(double)) return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        if (typeof(T) == typeof(float)) return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        return a * b + c;
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

    /// <summary>
    /// out[r] = Σ_a rows[r][a] ξ_a for r &lt; 4 (rows given by offsets into <paramref name="w"/>; repeat an offset to
    /// fill an unused slot), with ξ = s ⊙ z written to <paramref name="xi"/> when <typeparamref name="TScale"/>,
    /// else ξ read from <paramref name="z"/>.
    /// </summary>
    public static void Dot4<T, TScale>(ReadOnlySpan<T> z, ReadOnlySpan<T> s, Span<T> xi, ReadOnlySpan<T> w,
        int o0, int o1, int o2, int o3, Span<double> result)
        where T : unmanaged where TScale : struct, IFlag
    {
        int n = z.Length;
        int vw = Vector256<T>.Count;
        ref T zr = ref MemoryMarshal.GetReference(z);
        ref T sr = ref MemoryMarshal.GetReference(s);
        ref T xr = ref MemoryMarshal.GetReference(xi);
        ref T wr = ref MemoryMarshal.GetReference(w);
        ref T r0 = ref Unsafe.Add(ref wr, o0);
        ref T r1 = ref Unsafe.Add(ref wr, o1);
        ref T r2 = ref Unsafe.Add(ref wr, o2);
        ref T r3 = ref Unsafe.Add(ref wr, o3);
        Vector256<T> a0 = default, a1 = default, a2 = default, a3 = default;
        Vector256<T> b0 = default, b1 = default, b2 = default, b3 = default;
        int i = 0;
        for (; i <= n - 2 * vw; i += 2 * vw)
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
            a0 = Fma(Vector256.LoadUnsafe(ref r0, (nuint)i), x0, a0);
            a1 = Fma(Vector256.LoadUnsafe(ref r1, (nuint)i), x0, a1);
            a2 = Fma(Vector256.LoadUnsafe(ref r2, (nuint)i), x0, a2);
            a3 = Fma(Vector256.LoadUnsafe(ref r3, (nuint)i), x0, a3);
            b0 = Fma(Vector256.LoadUnsafe(ref r0, (nuint)(i + vw)), x1, b0);
            b1 = Fma(Vector256.LoadUnsafe(ref r1, (nuint)(i + vw)), x1, b1);
            b2 = Fma(Vector256.LoadUnsafe(ref r2, (nuint)(i + vw)), x1, b2);
            b3 = Fma(Vector256.LoadUnsafe(ref r3, (nuint)(i + vw)), x1, b3);
        }
        double d0 = ToDouble(Vector256.Sum(a0 + b0)), d1 = ToDouble(Vector256.Sum(a1 + b1));
        double d2 = ToDouble(Vector256.Sum(a2 + b2)), d3 = ToDouble(Vector256.Sum(a3 + b3));
        for (; i < n; i++)
        {
            double x = ToDouble(Unsafe.Add(ref zr, i));
            if (TScale.Value)
            {
                T xt = FromDouble<T>(x * ToDouble(Unsafe.Add(ref sr, i)));
                Unsafe.Add(ref xr, i) = xt;
                x = ToDouble(xt);
            }
            d0 += ToDouble(Unsafe.Add(ref r0, i)) * x;
            d1 += ToDouble(Unsafe.Add(ref r1, i)) * x;
            d2 += ToDouble(Unsafe.Add(ref r2, i)) * x;
            d3 += ToDouble(Unsafe.Add(ref r3, i)) * x;
        }
        result[0] = d0; result[1] = d1; result[2] = d2; result[3] = d3;
    }

    /// <summary>out[r] = rows[r]·ξ for two rows (same conventions as <see cref="Dot4"/>).</summary>
    public static void Dot2<T, TScale>(ReadOnlySpan<T> z, ReadOnlySpan<T> s, Span<T> xi, ReadOnlySpan<T> w,
        int o0, int o1, Span<double> result)
        where T : unmanaged where TScale : struct, IFlag
    {
        int n = z.Length;
        int vw = Vector256<T>.Count;
        ref T zr = ref MemoryMarshal.GetReference(z);
        ref T sr = ref MemoryMarshal.GetReference(s);
        ref T xr = ref MemoryMarshal.GetReference(xi);
        ref T wr = ref MemoryMarshal.GetReference(w);
        ref T r0 = ref Unsafe.Add(ref wr, o0);
        ref T r1 = ref Unsafe.Add(ref wr, o1);
        Vector256<T> a0 = default, a1 = default, b0 = default, b1 = default;
        int i = 0;
        for (; i <= n - 2 * vw; i += 2 * vw)
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
            a0 = Fma(Vector256.LoadUnsafe(ref r0, (nuint)i), x0, a0);
            a1 = Fma(Vector256.LoadUnsafe(ref r1, (nuint)i), x0, a1);
            b0 = Fma(Vector256.LoadUnsafe(ref r0, (nuint)(i + vw)), x1, b0);
            b1 = Fma(Vector256.LoadUnsafe(ref r1, (nuint)(i + vw)), x1, b1);
        }
        double d0 = ToDouble(Vector256.Sum(a0 + b0)), d1 = ToDouble(Vector256.Sum(a1 + b1));
        for (; i < n; i++)
        {
            double x = ToDouble(Unsafe.Add(ref zr, i));
            if (TScale.Value)
            {
                T xt = FromDouble<T>(x * ToDouble(Unsafe.Add(ref sr, i)));
                Unsafe.Add(ref xr, i) = xt;
                x = ToDouble(xt);
            }
            d0 += ToDouble(Unsafe.Add(ref r0, i)) * x;
            d1 += ToDouble(Unsafe.Add(ref r1, i)) * x;
        }
        result[0] = d0; result[1] = d1;
    }

    /// <summary>out[0] = row·ξ for one row (same conventions as <see cref="Dot4"/>).</summary>
    public static void Dot1<T, TScale>(ReadOnlySpan<T> z, ReadOnlySpan<T> s, Span<T> xi, ReadOnlySpan<T> w,
        int o0, Span<double> result)
        where T : unmanaged where TScale : struct, IFlag
    {
        int n = z.Length;
        int vw = Vector256<T>.Count;
        ref T zr = ref MemoryMarshal.GetReference(z);
        ref T sr = ref MemoryMarshal.GetReference(s);
        ref T xr = ref MemoryMarshal.GetReference(xi);
        ref T r0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(w), o0);
        Vector256<T> a0 = default, b0 = default;
        int i = 0;
        for (; i <= n - 2 * vw; i += 2 * vw)
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
            a0 = Fma(Vector256.LoadUnsafe(ref r0, (nuint)i), x0, a0);
            b0 = Fma(Vector256.LoadUnsafe(ref r0, (nuint)(i + vw)), x1, b0);
        }
        double d0 = ToDouble(Vector256.Sum(a0 + b0));
        for (; i < n; i++)
        {
            double x = ToDouble(Unsafe.Add(ref zr, i));
            if (TScale.Value)
            {
                T xt = FromDouble<T>(x * ToDouble(Unsafe.Add(ref sr, i)));
                Unsafe.Add(ref xr, i) = xt;
                x = ToDouble(xt);
            }
            d0 += ToDouble(Unsafe.Add(ref r0, i)) * x;
        }
        result[0] = d0;
    }

    /// <summary>rows[r][a] += c[r] ξ_a for a &lt; ξ.Length and two rows at offsets o0, o1 of <paramref name="w"/>.</summary>
    public static void Update2<T>(ReadOnlySpan<T> xi, Span<T> w, int o0, int o1, double c0, double c1) where T : unmanaged
    {
        int n = xi.Length;
        int vw = Vector256<T>.Count;
        ref T xr = ref MemoryMarshal.GetReference(xi);
        ref T wr = ref MemoryMarshal.GetReference(w);
        ref T r0 = ref Unsafe.Add(ref wr, o0);
        ref T r1 = ref Unsafe.Add(ref wr, o1);
        var v0 = Vector256.Create(FromDouble<T>(c0));
        var v1 = Vector256.Create(FromDouble<T>(c1));
        int i = 0;
        for (; i <= n - 2 * vw; i += 2 * vw)
        {
            var x0 = Vector256.LoadUnsafe(ref xr, (nuint)i);
            var x1 = Vector256.LoadUnsafe(ref xr, (nuint)(i + vw));
            Fma(v0, x0, Vector256.LoadUnsafe(ref r0, (nuint)i)).StoreUnsafe(ref r0, (nuint)i);
            Fma(v1, x0, Vector256.LoadUnsafe(ref r1, (nuint)i)).StoreUnsafe(ref r1, (nuint)i);
            Fma(v0, x1, Vector256.LoadUnsafe(ref r0, (nuint)(i + vw))).StoreUnsafe(ref r0, (nuint)(i + vw));
            Fma(v1, x1, Vector256.LoadUnsafe(ref r1, (nuint)(i + vw))).StoreUnsafe(ref r1, (nuint)(i + vw));
        }
        T t0 = FromDouble<T>(c0), t1 = FromDouble<T>(c1);
        for (; i < n; i++)
        {
            var x = Vector256.CreateScalar(Unsafe.Add(ref xr, i));
            Unsafe.Add(ref r0, i) = Fma(Vector256.CreateScalar(t0), x, Vector256.CreateScalar(Unsafe.Add(ref r0, i))).ToScalar();
            Unsafe.Add(ref r1, i) = Fma(Vector256.CreateScalar(t1), x, Vector256.CreateScalar(Unsafe.Add(ref r1, i))).ToScalar();
        }
    }

    /// <summary>row[a] += c ξ_a for one row.</summary>
    public static void Update1<T>(ReadOnlySpan<T> xi, Span<T> w, int o0, double c0) where T : unmanaged
    {
        int n = xi.Length;
        int vw = Vector256<T>.Count;
        ref T xr = ref MemoryMarshal.GetReference(xi);
        ref T r0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(w), o0);
        var v0 = Vector256.Create(FromDouble<T>(c0));
        int i = 0;
        for (; i <= n - 2 * vw; i += 2 * vw)
        {
            var x0 = Vector256.LoadUnsafe(ref xr, (nuint)i);
            var x1 = Vector256.LoadUnsafe(ref xr, (nuint)(i + vw));
            Fma(v0, x0, Vector256.LoadUnsafe(ref r0, (nuint)i)).StoreUnsafe(ref r0, (nuint)i);
            Fma(v0, x1, Vector256.LoadUnsafe(ref r0, (nuint)(i + vw))).StoreUnsafe(ref r0, (nuint)(i + vw));
        }
        T t0 = FromDouble<T>(c0);
        for (; i < n; i++)
            Unsafe.Add(ref r0, i) = Fma(Vector256.CreateScalar(t0), Vector256.CreateScalar(Unsafe.Add(ref xr, i)),
                Vector256.CreateScalar(Unsafe.Add(ref r0, i))).ToScalar();
    }
}
