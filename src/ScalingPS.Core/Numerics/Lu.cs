using System.Runtime.CompilerServices;

namespace ScalingPS.Core.Numerics;

/// <summary>Small dense LU with partial pivoting (row-major), for the d×d blocks of the stiff solver.</summary>
internal static class Lu
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Factor(Span<double> a, Span<int> piv, int n)
    {
        for (int col = 0; col < n; col++)
        {
            int p = col;
            double best = Math.Abs(a[col * n + col]);
            for (int r = col + 1; r < n; r++)
            {
                double v = Math.Abs(a[r * n + col]);
                if (v > best) { best = v; p = r; }
            }
            piv[col] = p;
            if (best == 0 || !double.IsFinite(best)) return false;
            if (p != col)
                for (int c = 0; c < n; c++) (a[col * n + c], a[p * n + c]) = (a[p * n + c], a[col * n + c]);
            double inv = 1 / a[col * n + col];
            for (int r = col + 1; r < n; r++)
            {
                double f = a[r * n + col] * inv;
                a[r * n + col] = f;
                if (f == 0) continue;
                for (int c = col + 1; c < n; c++) a[r * n + c] -= f * a[col * n + c];
            }
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Solve(ReadOnlySpan<double> lu, ReadOnlySpan<int> piv, int n, Span<double> b)
    {
        for (int i = 0; i < n; i++)
        {
            int p = piv[i];
            if (p != i) (b[i], b[p]) = (b[p], b[i]);
        }
        for (int i = 1; i < n; i++)
        {
            double s = b[i];
            for (int j = 0; j < i; j++) s -= lu[i * n + j] * b[j];
            b[i] = s;
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int j = i + 1; j < n; j++) s -= lu[i * n + j] * b[j];
            b[i] = s / lu[i * n + i];
        }
    }
}
