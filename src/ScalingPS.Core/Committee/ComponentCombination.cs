using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ScalingPS.Core.Committee;

/// <summary>
/// The terms of one ODE component as a fixed list: f_c[τ] = s[τ]·((Σ_t coef[iₜ]·y[oₜ + τ] + Σ_u coef[iᵤ]·T[oᵤ + τ]) + κ)
/// over all groups τ, evaluated in one pass over τ with the sum held in a register (instead of one
/// multiply-add pass over memory per term). Additions happen term by term in list order with separate multiply and
/// add, exactly as the per-term passes did, so the results are unchanged.
/// </summary>
internal sealed class ComponentCombination
{
    private readonly int[] _yStart, _yOffset, _yCoef, _tStart, _tOffset, _tCoef;

    /// <param name="yTerms">Per component: (offset into y, index into the coefficient buffer) of each state term.</param>
    /// <param name="teacherTerms">Per component: the same for the constant teacher array.</param>
    public ComponentCombination(IReadOnlyList<(int Offset, int Coef)[]> yTerms, IReadOnlyList<(int Offset, int Coef)[]> teacherTerms)
    {
        (_yStart, _yOffset, _yCoef) = Flatten(yTerms);
        (_tStart, _tOffset, _tCoef) = Flatten(teacherTerms);
    }

    private static (int[] Start, int[] Offset, int[] Coef) Flatten(IReadOnlyList<(int Offset, int Coef)[]> terms)
    {
        var start = new int[terms.Count + 1];
        for (int c = 0; c < terms.Count; c++) start[c + 1] = start[c] + terms[c].Length;
        var offset = new int[start[^1]];
        var coef = new int[start[^1]];
        for (int c = 0, t = 0; c < terms.Count; c++)
            foreach (var (o, i) in terms[c]) { offset[t] = o; coef[t] = i; t++; }
        return (start, offset, coef);
    }

    /// <summary>Component <paramref name="c"/> into <paramref name="dest"/> (length L); κ added only when <paramref name="addConstant"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Evaluate(int c, ReadOnlySpan<double> coefs, ReadOnlySpan<double> y, ReadOnlySpan<double> teacher,
        bool addConstant, double constant, ReadOnlySpan<double> scale, Span<double> dest)
    {
        int l = dest.Length;
        int y0 = _yStart[c], y1 = _yStart[c + 1], t0 = _tStart[c], t1 = _tStart[c + 1];
        ref double yr = ref MemoryMarshal.GetReference(y);
        ref double tr = ref MemoryMarshal.GetReference(teacher);
        ref double cr = ref MemoryMarshal.GetReference(coefs);
        ref double sr = ref MemoryMarshal.GetReference(scale);
        ref double dr = ref MemoryMarshal.GetReference(dest);
        ref int yo = ref MemoryMarshal.GetArrayDataReference(_yOffset);
        ref int yc = ref MemoryMarshal.GetArrayDataReference(_yCoef);
        ref int to = ref MemoryMarshal.GetArrayDataReference(_tOffset);
        ref int tc = ref MemoryMarshal.GetArrayDataReference(_tCoef);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var kappa = Vector512.Create(constant);
            // Four vectors at a time: each lane's sum is still one serial chain in term order (same numbers), but
            // four independent chains hide the add latency that bounds a single accumulator.
            for (; i <= l - 4 * Vector512<double>.Count; i += 4 * Vector512<double>.Count)
            {
                Vector512<double> a0 = Vector512<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
                for (int t = y0; t < y1; t++)
                {
                    ref double src = ref Unsafe.Add(ref yr, Unsafe.Add(ref yo, t) + i);
                    var cv = Vector512.Create(Unsafe.Add(ref cr, Unsafe.Add(ref yc, t)));
                    a0 += Vector512.LoadUnsafe(ref src) * cv;
                    a1 += Vector512.LoadUnsafe(ref src, 8) * cv;
                    a2 += Vector512.LoadUnsafe(ref src, 16) * cv;
                    a3 += Vector512.LoadUnsafe(ref src, 24) * cv;
                }
                for (int t = t0; t < t1; t++)
                {
                    ref double src = ref Unsafe.Add(ref tr, Unsafe.Add(ref to, t) + i);
                    var cv = Vector512.Create(Unsafe.Add(ref cr, Unsafe.Add(ref tc, t)));
                    a0 += Vector512.LoadUnsafe(ref src) * cv;
                    a1 += Vector512.LoadUnsafe(ref src, 8) * cv;
                    a2 += Vector512.LoadUnsafe(ref src, 16) * cv;
                    a3 += Vector512.LoadUnsafe(ref src, 24) * cv;
                }
                if (addConstant) { a0 += kappa; a1 += kappa; a2 += kappa; a3 += kappa; }
                (a0 * Vector512.LoadUnsafe(ref sr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
                (a1 * Vector512.LoadUnsafe(ref sr, (nuint)(i + 8))).StoreUnsafe(ref dr, (nuint)(i + 8));
                (a2 * Vector512.LoadUnsafe(ref sr, (nuint)(i + 16))).StoreUnsafe(ref dr, (nuint)(i + 16));
                (a3 * Vector512.LoadUnsafe(ref sr, (nuint)(i + 24))).StoreUnsafe(ref dr, (nuint)(i + 24));
            }
            for (; i <= l - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var acc = Vector512<double>.Zero;
                for (int t = y0; t < y1; t++)
                    acc += Vector512.LoadUnsafe(ref yr, (nuint)(Unsafe.Add(ref yo, t) + i)) * Vector512.Create(Unsafe.Add(ref cr, Unsafe.Add(ref yc, t)));
                for (int t = t0; t < t1; t++)
                    acc += Vector512.LoadUnsafe(ref tr, (nuint)(Unsafe.Add(ref to, t) + i)) * Vector512.Create(Unsafe.Add(ref cr, Unsafe.Add(ref tc, t)));
                if (addConstant) acc += kappa;
                (acc * Vector512.LoadUnsafe(ref sr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var kappa = Vector256.Create(constant);
            for (; i <= l - 4 * Vector256<double>.Count; i += 4 * Vector256<double>.Count)
            {
                Vector256<double> a0 = Vector256<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
                for (int t = y0; t < y1; t++)
                {
                    ref double src = ref Unsafe.Add(ref yr, Unsafe.Add(ref yo, t) + i);
                    var cv = Vector256.Create(Unsafe.Add(ref cr, Unsafe.Add(ref yc, t)));
                    a0 += Vector256.LoadUnsafe(ref src) * cv;
                    a1 += Vector256.LoadUnsafe(ref src, 4) * cv;
                    a2 += Vector256.LoadUnsafe(ref src, 8) * cv;
                    a3 += Vector256.LoadUnsafe(ref src, 12) * cv;
                }
                for (int t = t0; t < t1; t++)
                {
                    ref double src = ref Unsafe.Add(ref tr, Unsafe.Add(ref to, t) + i);
                    var cv = Vector256.Create(Unsafe.Add(ref cr, Unsafe.Add(ref tc, t)));
                    a0 += Vector256.LoadUnsafe(ref src) * cv;
                    a1 += Vector256.LoadUnsafe(ref src, 4) * cv;
                    a2 += Vector256.LoadUnsafe(ref src, 8) * cv;
                    a3 += Vector256.LoadUnsafe(ref src, 12) * cv;
                }
                if (addConstant) { a0 += kappa; a1 += kappa; a2 += kappa; a3 += kappa; }
                (a0 * Vector256.LoadUnsafe(ref sr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
                (a1 * Vector256.LoadUnsafe(ref sr, (nuint)(i + 4))).StoreUnsafe(ref dr, (nuint)(i + 4));
                (a2 * Vector256.LoadUnsafe(ref sr, (nuint)(i + 8))).StoreUnsafe(ref dr, (nuint)(i + 8));
                (a3 * Vector256.LoadUnsafe(ref sr, (nuint)(i + 12))).StoreUnsafe(ref dr, (nuint)(i + 12));
            }
            for (; i <= l - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var acc = Vector256<double>.Zero;
                for (int t = y0; t < y1; t++)
                    acc += Vector256.LoadUnsafe(ref yr, (nuint)(Unsafe.Add(ref yo, t) + i)) * Vector256.Create(Unsafe.Add(ref cr, Unsafe.Add(ref yc, t)));
                for (int t = t0; t < t1; t++)
                    acc += Vector256.LoadUnsafe(ref tr, (nuint)(Unsafe.Add(ref to, t) + i)) * Vector256.Create(Unsafe.Add(ref cr, Unsafe.Add(ref tc, t)));
                if (addConstant) acc += kappa;
                (acc * Vector256.LoadUnsafe(ref sr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < l; i++)
        {
            double acc = 0;
            for (int t = y0; t < y1; t++) acc += Unsafe.Add(ref yr, Unsafe.Add(ref yo, t) + i) * Unsafe.Add(ref cr, Unsafe.Add(ref yc, t));
            for (int t = t0; t < t1; t++) acc += Unsafe.Add(ref tr, Unsafe.Add(ref to, t) + i) * Unsafe.Add(ref cr, Unsafe.Add(ref tc, t));
            if (addConstant) acc += constant;
            Unsafe.Add(ref dr, i) = acc * Unsafe.Add(ref sr, i);
        }
    }

    /// <summary>
    /// dest[τ] = (Σ_t coefs[t]·src[offsets[t] + τ])·scale[τ] (no scaling when <paramref name="scale"/> is empty), the
    /// terms added in order to a zero start with separate multiply and add, in one pass with the sum in a register.
    /// <paramref name="dest"/> must not overlap the source slices.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Combine(Span<double> dest, ReadOnlySpan<double> src, ReadOnlySpan<int> offsets, ReadOnlySpan<double> coefs,
        ReadOnlySpan<double> scale)
    {
        int l = dest.Length, terms = offsets.Length;
        bool scaled = !scale.IsEmpty;
        ref double dr = ref MemoryMarshal.GetReference(dest);
        ref double sr = ref MemoryMarshal.GetReference(src);
        ref double cr = ref MemoryMarshal.GetReference(coefs);
        ref double kr = ref MemoryMarshal.GetReference(scale);
        ref int or = ref MemoryMarshal.GetReference(offsets);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // Four vectors at a time (four independent add chains, each lane still summed in term order).
            for (; i <= l - 4 * Vector512<double>.Count; i += 4 * Vector512<double>.Count)
            {
                Vector512<double> a0 = Vector512<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
                for (int t = 0; t < terms; t++)
                {
                    ref double s0 = ref Unsafe.Add(ref sr, Unsafe.Add(ref or, t) + i);
                    var c = Vector512.Create(Unsafe.Add(ref cr, t));
                    a0 += Vector512.LoadUnsafe(ref s0) * c;
                    a1 += Vector512.LoadUnsafe(ref s0, 8) * c;
                    a2 += Vector512.LoadUnsafe(ref s0, 16) * c;
                    a3 += Vector512.LoadUnsafe(ref s0, 24) * c;
                }
                if (scaled)
                {
                    a0 *= Vector512.LoadUnsafe(ref kr, (nuint)i);
                    a1 *= Vector512.LoadUnsafe(ref kr, (nuint)(i + 8));
                    a2 *= Vector512.LoadUnsafe(ref kr, (nuint)(i + 16));
                    a3 *= Vector512.LoadUnsafe(ref kr, (nuint)(i + 24));
                }
                a0.StoreUnsafe(ref dr, (nuint)i);
                a1.StoreUnsafe(ref dr, (nuint)(i + 8));
                a2.StoreUnsafe(ref dr, (nuint)(i + 16));
                a3.StoreUnsafe(ref dr, (nuint)(i + 24));
            }
            for (; i <= l - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var acc = Vector512<double>.Zero;
                for (int t = 0; t < terms; t++)
                    acc += Vector512.LoadUnsafe(ref sr, (nuint)(Unsafe.Add(ref or, t) + i)) * Vector512.Create(Unsafe.Add(ref cr, t));
                if (scaled) acc *= Vector512.LoadUnsafe(ref kr, (nuint)i);
                acc.StoreUnsafe(ref dr, (nuint)i);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= l - 4 * Vector256<double>.Count; i += 4 * Vector256<double>.Count)
            {
                Vector256<double> a0 = Vector256<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
                for (int t = 0; t < terms; t++)
                {
                    ref double s0 = ref Unsafe.Add(ref sr, Unsafe.Add(ref or, t) + i);
                    var c = Vector256.Create(Unsafe.Add(ref cr, t));
                    a0 += Vector256.LoadUnsafe(ref s0) * c;
                    a1 += Vector256.LoadUnsafe(ref s0, 4) * c;
                    a2 += Vector256.LoadUnsafe(ref s0, 8) * c;
                    a3 += Vector256.LoadUnsafe(ref s0, 12) * c;
                }
                if (scaled)
                {
                    a0 *= Vector256.LoadUnsafe(ref kr, (nuint)i);
                    a1 *= Vector256.LoadUnsafe(ref kr, (nuint)(i + 4));
                    a2 *= Vector256.LoadUnsafe(ref kr, (nuint)(i + 8));
                    a3 *= Vector256.LoadUnsafe(ref kr, (nuint)(i + 12));
                }
                a0.StoreUnsafe(ref dr, (nuint)i);
                a1.StoreUnsafe(ref dr, (nuint)(i + 4));
                a2.StoreUnsafe(ref dr, (nuint)(i + 8));
                a3.StoreUnsafe(ref dr, (nuint)(i + 12));
            }
            for (; i <= l - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var acc = Vector256<double>.Zero;
                for (int t = 0; t < terms; t++)
                    acc += Vector256.LoadUnsafe(ref sr, (nuint)(Unsafe.Add(ref or, t) + i)) * Vector256.Create(Unsafe.Add(ref cr, t));
                if (scaled) acc *= Vector256.LoadUnsafe(ref kr, (nuint)i);
                acc.StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < l; i++)
        {
            double acc = 0;
            for (int t = 0; t < terms; t++) acc += Unsafe.Add(ref sr, Unsafe.Add(ref or, t) + i) * Unsafe.Add(ref cr, t);
            if (scaled) acc *= Unsafe.Add(ref kr, i);
            Unsafe.Add(ref dr, i) = acc;
        }
    }
}
