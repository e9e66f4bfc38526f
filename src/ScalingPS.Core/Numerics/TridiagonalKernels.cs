using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ScalingPS.Core.Numerics;

/// <summary>
/// The inner kernel of the Householder reduction: one row of the lower triangle receives the previous step's
/// symmetric rank-2 update and, while it is in registers, contributes to the current step's product p = A u.
/// Doing both in one SIMD pass reads and writes each row once per step instead of four times (two update passes,
/// a dot and an axpy, each a separate call over the row), which is what bounded the reduction.
/// </summary>
internal static class TridiagonalKernels
{
    /// <summary>
    /// For row j (the span <paramref name="row"/> = A[j, 0..j]): row ← row − q·upj − up·qj on columns 0..j, then
    /// p[k] += row[k]·uj for k &lt; j, and returns Σ_{k ≤ j} row[k]·u[k] (the mirrored and the direct part of (A u)[j]).
    /// </summary>
    public static double UpdateAndProduct(Span<double> row, ReadOnlySpan<double> up, ReadOnlySpan<double> q, double upj, double qj,
        ReadOnlySpan<double> u, double uj, Span<double> p, bool simd)
    {
        int j = row.Length - 1;
        if (up.Length <= j || q.Length <= j || u.Length <= j || p.Length < j) throw new ArgumentException("Spans shorter than the row.");
        ref double rr = ref MemoryMarshal.GetReference(row);
        ref double upr = ref MemoryMarshal.GetReference(up);
        ref double qr = ref MemoryMarshal.GetReference(q);
        ref double ur = ref MemoryMarshal.GetReference(u);
        ref double pr = ref MemoryMarshal.GetReference(p);
        int k = 0;
        double dot = 0;
        if (simd && Vector256.IsHardwareAccelerated)
        {
            var vUpj = Vector256.Create(-upj);
            var vQj = Vector256.Create(-qj);
            var vUj = Vector256.Create(uj);
            Vector256<double> acc0 = Vector256<double>.Zero, acc1 = acc0;
            for (; k + 8 <= j; k += 8)
            {
                var r0 = Vector256.LoadUnsafe(ref rr, (nuint)k);
                var r1 = Vector256.LoadUnsafe(ref rr, (nuint)(k + 4));
                r0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref qr, (nuint)k), vUpj, r0);
                r1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref qr, (nuint)(k + 4)), vUpj, r1);
                r0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref upr, (nuint)k), vQj, r0);
                r1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref upr, (nuint)(k + 4)), vQj, r1);
                r0.StoreUnsafe(ref rr, (nuint)k);
                r1.StoreUnsafe(ref rr, (nuint)(k + 4));
                acc0 = Vector256.FusedMultiplyAdd(r0, Vector256.LoadUnsafe(ref ur, (nuint)k), acc0);
                acc1 = Vector256.FusedMultiplyAdd(r1, Vector256.LoadUnsafe(ref ur, (nuint)(k + 4)), acc1);
                Vector256.FusedMultiplyAdd(r0, vUj, Vector256.LoadUnsafe(ref pr, (nuint)k)).StoreUnsafe(ref pr, (nuint)k);
                Vector256.FusedMultiplyAdd(r1, vUj, Vector256.LoadUnsafe(ref pr, (nuint)(k + 4))).StoreUnsafe(ref pr, (nuint)(k + 4));
            }
            dot = Vector256.Sum(acc0 + acc1);
        }
        for (; k < j; k++)
        {
            double r = Unsafe.Add(ref rr, k) - Unsafe.Add(ref qr, k) * upj - Unsafe.Add(ref upr, k) * qj;
            Unsafe.Add(ref rr, k) = r;
            dot += r * Unsafe.Add(ref ur, k);
            Unsafe.Add(ref pr, k) += r * uj;
        }
        double d = Unsafe.Add(ref rr, j) - Unsafe.Add(ref qr, j) * upj - Unsafe.Add(ref upr, j) * qj;
        Unsafe.Add(ref rr, j) = d;
        return dot + d * uj;
    }
}
