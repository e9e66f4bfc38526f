using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ScalingPS.Core.RandomFeatures;

/// <summary>
/// The M-length sums of the DMFT theory, vectorised with Vector256 (complex numbers split into real and
/// imaginary lanes). These dominate the κ solver: df(κ) = Σ λ_k/(λ_k+κ) and Σ λ_k/(λ_k+κ)².
/// </summary>
internal static class ResolventKernels
{
    /// <summary>df(κ) and d2(κ) = Σ λ/(λ+κ)² for real κ ≥ 0 (so df'(κ) = −d2).</summary>
    public static (double Df, double D2) Real(ReadOnlySpan<double> lambda, double kappa)
    {
        int m = lambda.Length, i = 0;
        double df = 0, d2 = 0;
        ref double l0 = ref MemoryMarshal.GetReference(lambda);
        if (Vector256.IsHardwareAccelerated && m >= 4)
        {
            var vk = Vector256.Create(kappa);
            Vector256<double> s1 = Vector256<double>.Zero, s2 = Vector256<double>.Zero;
            for (; i <= m - 4; i += 4)
            {
                var l = Vector256.LoadUnsafe(ref l0, (nuint)i);
                var inv = Vector256<double>.One / (l + vk);
                var t = l * inv;
                s1 += t;
                s2 += t * inv;
            }
            df = Vector256.Sum(s1);
            d2 = Vector256.Sum(s2);
        }
        for (; i < m; i++)
        {
            double inv = 1 / (Unsafe.Add(ref l0, i) + kappa);
            double t = Unsafe.Add(ref l0, i) * inv;
            df += t;
            d2 += t * inv;
        }
        return (df, d2);
    }

    /// <summary>df(κ) = Σ λ/(λ+κ) and d2(κ) = Σ λ/(λ+κ)² for complex κ.</summary>
    public static (Complex Df, Complex D2) Complex(ReadOnlySpan<double> lambda, Complex kappa)
    {
        // With d = λ + κr and den = d² + κi²: λ/(λ+κ) = λ(d − iκi)/den and λ/(λ+κ)² = λ(d² − κi² − 2i d κi)/den².
        int m = lambda.Length, i = 0;
        double kr = kappa.Real, ki = kappa.Imaginary, ki2 = ki * ki;
        double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
        ref double l0 = ref MemoryMarshal.GetReference(lambda);
        if (Vector256.IsHardwareAccelerated && m >= 4)
        {
            var vkr = Vector256.Create(kr);
            var vki2 = Vector256.Create(ki2);
            Vector256<double> a1 = Vector256<double>.Zero, a2 = a1, a3 = a1, a4 = a1;
            for (; i <= m - 4; i += 4)
            {
                var l = Vector256.LoadUnsafe(ref l0, (nuint)i);
                var d = l + vkr;
                var inv = Vector256<double>.One / (d * d + vki2);
                var t = l * inv;
                a1 += t * d;
                a2 += t;
                var t2 = t * inv;
                a3 += t2 * (d * d - vki2);
                a4 += t2 * d;
            }
            s1 = Vector256.Sum(a1); s2 = Vector256.Sum(a2); s3 = Vector256.Sum(a3); s4 = Vector256.Sum(a4);
        }
        for (; i < m; i++)
        {
            double l = Unsafe.Add(ref l0, i), d = l + kr, inv = 1 / (d * d + ki2), t = l * inv, t2 = t * inv;
            s1 += t * d; s2 += t; s3 += t2 * (d * d - ki2); s4 += t2 * d;
        }
        return (new Complex(s1, -ki * s2), new Complex(s3, -2 * ki * s4));
    }

    /// <summary>
    /// H_k = a/(λ_k + κ) for a chunk of modes, written as real and imaginary parts.
    /// </summary>
    public static void Resolvent(ReadOnlySpan<double> lambda, Complex kappa, Complex a, Span<double> re, Span<double> im)
    {
        int m = lambda.Length, i = 0;
        double kr = kappa.Real, ki = kappa.Imaginary, ki2 = ki * ki, ar = a.Real, ai = a.Imaginary;
        ref double l0 = ref MemoryMarshal.GetReference(lambda);
        ref double r0 = ref MemoryMarshal.GetReference(re);
        ref double i0 = ref MemoryMarshal.GetReference(im);
        if (Vector256.IsHardwareAccelerated && m >= 4)
        {
            var vkr = Vector256.Create(kr);
            var vki2 = Vector256.Create(ki2);
            var vmki = Vector256.Create(-ki);
            var var_ = Vector256.Create(ar);
            var vai = Vector256.Create(ai);
            for (; i <= m - 4; i += 4)
            {
                var d = Vector256.LoadUnsafe(ref l0, (nuint)i) + vkr;
                var inv = Vector256<double>.One / (d * d + vki2);
                var x = d * inv;         // Re 1/(λ+κ)
                var y = vmki * inv;      // Im 1/(λ+κ)
                (var_ * x - vai * y).StoreUnsafe(ref r0, (nuint)i);
                (var_ * y + vai * x).StoreUnsafe(ref i0, (nuint)i);
            }
        }
        for (; i < m; i++)
        {
            double d = Unsafe.Add(ref l0, i) + kr, inv = 1 / (d * d + ki2), x = d * inv, y = -ki * inv;
            Unsafe.Add(ref r0, i) = ar * x - ai * y;
            Unsafe.Add(ref i0, i) = ar * y + ai * x;
        }
    }
}
