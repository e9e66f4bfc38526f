using System.Runtime.CompilerServices;

namespace ScalingPS.Core.Committee;

/// <summary>
/// The exact gradient of the erf noise term D_ik = a²·4/(π²√Λ₄)·Σ_{c≤d} s_c s_d (2 − δ_cd) asin(Λ₀/√(Λ₁(c)Λ₁(d)))
/// (<see cref="CommitteeCoefficients{T}"/>) with respect to every entry of the first-order covariance, in one sweep.
/// <para>Each asin term of pair (i, k) depends on at most ten covariance entries, those among the units {i, k, c, d},
/// so its partial derivatives are written out by hand and scattered into that pair's gradient. A forward-mode
/// <see cref="Numerics.Dual"/> pass per first-order parameter recomputes every term for each of the d = KM + K(K+1)/2
/// directions, almost all of them with zero derivative: at K = M = 6 that was 57 passes over 1638 terms per
/// Jacobian, the largest cost of the stiff solver once its factorisation was cheap.</para>
/// </summary>
internal sealed class NoiseGradient
{
    private readonly int _k, _m, _u, _entries;
    private readonly double[] _cov, _sign, _lam1;
    private readonly double[,] _lam1Grad; // per unit e: ∂Λ₁(e)/∂(A, B, X, E, ae, be)

    public NoiseGradient(int k, int m, double a, double b)
    {
        _k = k; _m = m; _u = k + m;
        _entries = _u * (_u + 1) / 2;
        _cov = new double[_u * _u];
        _sign = new double[_u];
        for (int c = 0; c < _u; c++) _sign[c] = c < k ? -a : b;
        _lam1 = new double[_u];
        _lam1Grad = new double[_u, 6];
        Gradient = new double[k * (k + 1) / 2 * _entries];
        _a = a;
    }

    private readonly double _a;

    /// <summary>Symmetric entry index of units (x, y) (students 0..K−1, teachers K..K+M−1).</summary>
    public int Entry(int x, int y)
    {
        if (x > y) (x, y) = (y, x);
        return x * _u - x * (x - 1) / 2 + (y - x);
    }

    public int Entries => _entries;

    /// <summary>∂D_ik/∂C_xy for pair p(i ≤ k) (row-major over the upper triangle) at entry <see cref="Entry"/>(x, y).</summary>
    public double[] Gradient { get; }

    /// <param name="q">First-order Q (K×K, both triangles).</param>
    /// <param name="r">First-order R (K×M).</param>
    /// <param name="t">First-order T (M×M).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Compute(ReadOnlySpan<double> q, ReadOnlySpan<double> r, ReadOnlySpan<double> t)
    {
        int k = _k, m = _m, u = _u;
        var c = _cov;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++) c[i * u + j] = q[i * k + j];
            for (int n = 0; n < m; n++) { c[i * u + k + n] = r[i * m + n]; c[(k + n) * u + i] = r[i * m + n]; }
        }
        for (int n = 0; n < m; n++)
            for (int p = 0; p < m; p++) c[(k + n) * u + k + p] = t[n * m + p];
        Array.Clear(Gradient);
        double pre = _a * _a * 4 / (Math.PI * Math.PI);
        int pair = 0;
        for (int ia = 0; ia < k; ia++)
            for (int ib = ia; ib < k; ib++, pair++)
            {
                var g = Gradient.AsSpan(pair * _entries, _entries);
                double A = 1 + c[ia * u + ia], B = 1 + c[ib * u + ib], X = c[ia * u + ib];
                double lam4 = A * B - X * X;
                int eA = Entry(ia, ia), eB = Entry(ib, ib), eX = Entry(ia, ib);
                for (int e = 0; e < u; e++)
                {
                    double E = 1 + c[e * u + e], ae = c[ia * u + e], be = c[ib * u + e];
                    _lam1[e] = lam4 * E - be * be * A - ae * ae * B + 2 * X * ae * be;
                    _lam1Grad[e, 0] = B * E - be * be;            // ∂/∂A
                    _lam1Grad[e, 1] = A * E - ae * ae;            // ∂/∂B
                    _lam1Grad[e, 2] = -2 * X * E + 2 * ae * be;   // ∂/∂X
                    _lam1Grad[e, 3] = lam4;                       // ∂/∂E
                    _lam1Grad[e, 4] = -2 * ae * B + 2 * X * be;   // ∂/∂ae
                    _lam1Grad[e, 5] = -2 * be * A + 2 * X * ae;   // ∂/∂be
                }
                double sum = 0;
                for (int e = 0; e < u; e++)
                {
                    double ae = c[ia * u + e], be = c[ib * u + e];
                    int eE = Entry(e, e), eAe = Entry(ia, e), eBe = Entry(ib, e);
                    for (int f = e; f < u; f++)
                    {
                        double af = c[ia * u + f], bf = c[ib * u + f], ef = c[e * u + f];
                        double lam0 = lam4 * ef - be * bf * A - ae * af * B + X * (ae * bf + af * be);
                        double l1e = _lam1[e], l1f = _lam1[f];
                        double root = Math.Sqrt(l1e * l1f);
                        double arg = lam0 / root;
                        double w = _sign[e] * _sign[f] * (e == f ? 1 : 2);
                        sum += w * Math.Asin(arg);
                        // d asin(arg) = (dΛ₀/√(Λ₁eΛ₁f) − ½ arg (dΛ₁e/Λ₁e + dΛ₁f/Λ₁f)) / √(1 − arg²)
                        double cosine = Math.Sqrt(1 - arg * arg);
                        double s0 = w / (root * cosine);
                        double s1 = -0.5 * w * arg / cosine;
                        double he = s1 / l1e, hf = s1 / l1f;
                        int eF = Entry(f, f), eAf = Entry(ia, f), eBf = Entry(ib, f), eEF = Entry(e, f);
                        // Λ₀ partials.
                        g[eA] += s0 * (B * ef - be * bf) + he * _lam1Grad[e, 0] + hf * _lam1Grad[f, 0];
                        g[eB] += s0 * (A * ef - ae * af) + he * _lam1Grad[e, 1] + hf * _lam1Grad[f, 1];
                        g[eX] += s0 * (-2 * X * ef + ae * bf + af * be) + he * _lam1Grad[e, 2] + hf * _lam1Grad[f, 2];
                        g[eEF] += s0 * lam4;
                        g[eAe] += s0 * (-af * B + X * bf) + he * _lam1Grad[e, 4];
                        g[eAf] += s0 * (-ae * B + X * be) + hf * _lam1Grad[f, 4];
                        g[eBe] += s0 * (-bf * A + X * af) + he * _lam1Grad[e, 5];
                        g[eBf] += s0 * (-be * A + X * ae) + hf * _lam1Grad[f, 5];
                        g[eE] += he * _lam1Grad[e, 3];
                        g[eF] += hf * _lam1Grad[f, 3];
                    }
                }
                // D = S·sum with S = pre/√Λ₄: dD = S·d(sum) − ½ D dΛ₄/Λ₄.
                double scale = pre / Math.Sqrt(lam4);
                double d = scale * sum;
                for (int x = 0; x < _entries; x++) g[x] *= scale;
                g[eA] += -0.5 * d * B / lam4;
                g[eB] += -0.5 * d * A / lam4;
                g[eX] += -0.5 * d * (-2 * X) / lam4;
            }
    }
}
