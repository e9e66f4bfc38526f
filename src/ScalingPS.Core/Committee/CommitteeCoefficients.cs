using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ScalingPS.Core.Numerics;

namespace ScalingPS.Core.Committee;

/// <summary>
/// The coefficient tensors of the eigen-component ODE (spec/committee.md §2.2) for given first-order
/// parameters. Stein's lemma makes every per-group equation linear in that group's overlaps:
/// <code>
///   dR_τ/dα = ηλ_τ (P R_τ + H T_τ)
///   dQ_τ/dα = ηλ_τ (P Q_τ + H R_τᵀ + (P Q_τ + H R_τᵀ)ᵀ + η D)
/// </code>
/// with P (K×K), H (K×M) built from the linear coefficients of 𝓘₃ and D = ⟨δ_i δ_k⟩ (K×K) from 𝓘₄.
/// For 𝓘₃(u; v; w) = ⟨g'(u) v g(w)⟩ = A_uw c_vw + B_uw c_uv, A = E[g'(u) g'(w)], B = E[g''(u) g(w)]:
/// G_ij = −a² A_ij, H_im = a b A_im, P = G + diag(a b Σ_m B_im − a² Σ_j B_ij), where a, b are the student and
/// teacher output factors (1/√K, 1/√M by default). Generic over the scalar so that <see cref="Dual"/> gives
/// the exact derivatives with respect to the first-order parameters for the analytic Jacobian.
/// </summary>
internal sealed class CommitteeCoefficients<T> where T : unmanaged, IScalar<T>
{
    private readonly int _k, _m, _u;
    private readonly double _a, _b;
    private readonly Activation _act;
    private readonly T[] _cov;   // (K+M)² covariance of the units (students first)
    private readonly T[] _lam1;  // Λ₁ per unit for the current (i, k) pair
    private readonly double[] _sign;
    private readonly T[] _args;          // asin arguments Λ₀/√(Λ₁Λ₂), per (i ≤ k) pair then per (c ≤ d)
    private readonly double[] _asin;     // their arcsines (double path)
    private readonly T[] _pairScale;     // 4a²/(π²√Λ₄) per pair
    private readonly double[] _termWeight; // s_c s_d (×2 off the diagonal) per (c ≤ d)

    public CommitteeCoefficients(Activation activation, int k, int m, double a, double b)
    {
        _act = activation; _k = k; _m = m; _u = k + m; _a = a; _b = b;
        _cov = new T[_u * _u];
        _lam1 = new T[_u];
        _sign = new double[_u];
        for (int c = 0; c < _u; c++) _sign[c] = c < k ? -a : b;
        int pairs = k * (k + 1) / 2, per = _u * (_u + 1) / 2;
        _args = new T[pairs * per];
        _asin = new double[pairs * per];
        _pairScale = new T[pairs];
        _termWeight = new double[per];
        for (int e = 0, j = 0; e < _u; e++)
            for (int f = e; f < _u; f++, j++) _termWeight[j] = _sign[e] * _sign[f] * (e == f ? 1 : 2);
        P = new T[k * k];
        H = new T[k * m];
        D = new T[k * k];
    }

    public T[] P { get; }
    public T[] H { get; }
    public T[] D { get; }

    private const double TwoOverPi = 2 / Math.PI;

    /// <param name="q">First-order Q (K×K, both triangles).</param>
    /// <param name="r">First-order R (K×M).</param>
    /// <param name="t">First-order T (M×M).</param>
    /// <param name="noise">Also compute D (the η² term).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Compute(ReadOnlySpan<T> q, ReadOnlySpan<T> r, ReadOnlySpan<double> t, bool noise)
    {
        int k = _k, m = _m;
        double aa = _a * _a, ab = _a * _b;
        if (_act == Activation.Linear)
        {
            // g' = 1, g'' = 0: A = 1, B = 0.
            for (int i = 0; i < k * k; i++) P[i] = T.C(-aa);
            for (int i = 0; i < k * m; i++) H[i] = T.C(ab);
            if (noise)
            {
                // D_ik = a² E[(ζ − σ)²] = a² · 2ε_g.
                T s = T.C(0);
                for (int i = 0; i < k * k; i++) s = s + aa * q[i];
                for (int i = 0; i < k * m; i++) s = s - 2 * ab * r[i];
                double tt = 0;
                for (int i = 0; i < m * m; i++) tt += t[i];
                s = s + T.C(_b * _b * tt);
                for (int i = 0; i < k * k; i++) D[i] = aa * s;
            }
            return;
        }

        T one = T.C(1);
        for (int i = 0; i < k; i++)
        {
            T qi1 = one + q[i * k + i];
            T sumS = T.C(0), sumT = T.C(0);
            for (int j = 0; j < k; j++)
            {
                T cuw = q[i * k + j];
                T sq = T.Sqrt(qi1 * (one + q[j * k + j]) - cuw * cuw);
                P[i * k + j] = T.C(-aa * TwoOverPi) / sq;
                sumS = sumS - TwoOverPi * (cuw / (qi1 * sq));
            }
            for (int n = 0; n < m; n++)
            {
                T cuw = r[i * m + n];
                T sq = T.Sqrt(qi1 * T.C(1 + t[n * m + n]) - cuw * cuw);
                H[i * m + n] = T.C(ab * TwoOverPi) / sq;
                sumT = sumT - TwoOverPi * (cuw / (qi1 * sq));
            }
            P[i * k + i] = P[i * k + i] + ab * sumT - aa * sumS;
        }
        if (noise) ComputeNoise(q, r, t);
    }

    // D_ik = a² Σ_{c,d} s_c s_d I₄(i, k, c, d) over all units c, d (students weighted −a, teachers +b), with
    // the Saad–Solla I₄ = 4/(π²√Λ₄) asin(Λ₀/√(Λ₁Λ₂)). Λ₄ depends on (i,k) only and Λ₁ on (i,k,c), so the
    // (c,d) loop only forms Λ₀; the sum is symmetric in c ↔ d.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ComputeNoise(ReadOnlySpan<T> q, ReadOnlySpan<T> r, ReadOnlySpan<double> t)
    {
        int k = _k, m = _m, u = _u;
        var c = _cov;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++) c[i * u + j] = q[i * k + j];
            for (int n = 0; n < m; n++) { c[i * u + k + n] = r[i * m + n]; c[(k + n) * u + i] = r[i * m + n]; }
        }
        for (int n = 0; n < m; n++)
            for (int p = 0; p < m; p++) c[(k + n) * u + k + p] = T.C(t[n * m + p]);

        // Gather every asin argument of every (i ≤ k) pair first (K(K+1)/2 · (K+M)(K+M+1)/2 terms), then evaluate them
        // as one batch and reduce each pair with a dot product against the fixed term weights.
        T one = T.C(1);
        double pre = _a * _a * 4 / (Math.PI * Math.PI);
        int count = 0, pair = 0;
        for (int i = 0; i < k; i++)
        {
            for (int kk = i; kk < k; kk++, pair++)
            {
                T caa1 = one + c[i * u + i], cbb1 = one + c[kk * u + kk], cab = c[i * u + kk];
                T lam4 = caa1 * cbb1 - cab * cab;
                _pairScale[pair] = T.C(pre) / T.Sqrt(lam4);
                for (int e = 0; e < u; e++)
                {
                    T cac = c[i * u + e], cbc = c[kk * u + e];
                    _lam1[e] = lam4 * (one + c[e * u + e]) - cbc * cbc * caa1 - cac * cac * cbb1 + 2 * (cab * cac * cbc);
                }
                for (int e = 0; e < u; e++)
                {
                    T cac = c[i * u + e], cbc = c[kk * u + e];
                    for (int f = e; f < u; f++)
                    {
                        T cad = c[i * u + f], cbd = c[kk * u + f];
                        T lam0 = lam4 * c[e * u + f] - cbc * cbd * caa1 - cac * cad * cbb1 + cab * (cac * cbd + cad * cbc);
                        _args[count++] = lam0 / T.Sqrt(_lam1[e] * _lam1[f]);
                    }
                }
            }
        }
        int per = u * (u + 1) / 2;
        if (typeof(T) == typeof(Real))
        {
            // TensorPrimitives.Asin is not vectorised for double (measured 660 ns against 471 ns for a 48-term loop),
            // so the batch is a plain loop; the weighted sums below are SIMD dot products.
            var args = MemoryMarshal.Cast<T, double>(_args.AsSpan(0, count));
            for (int j = 0; j < count; j++) _asin[j] = Math.Asin(args[j]);
        }
        pair = 0;
        for (int i = 0; i < k; i++)
            for (int kk = i; kk < k; kk++, pair++)
            {
                T sum;
                if (typeof(T) == typeof(Real))
                    sum = T.C(TensorPrimitives.Dot(_termWeight.AsSpan(0, per), _asin.AsSpan(pair * per, per)));
                else
                {
                    sum = T.C(0);
                    for (int j = 0; j < per; j++) sum = sum + _termWeight[j] * T.Asin(_args[pair * per + j]);
                }
                T dik = _pairScale[pair] * sum;
                D[i * k + kk] = dik;
                D[kk * k + i] = dik;
            }
    }
}
