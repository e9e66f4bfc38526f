using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace ScalingPS.Core.Committee;

public sealed partial class CommitteeOdeSystem
{
    /// <summary>
    /// The capacitance of the stiff solver's Woodbury step, C = VᵀW_blk⁻¹U (d×d), from weighted sums over the groups.
    /// <para>Column c of U is U_τ = ηλ_τ·𝒜_τ(∂P, ∂H, ∂D) with 𝒜_τ(P', H', D') = [P'R_τ + H'T_τ ; P'Q_τ + Q_τP'ᵀ +
    /// H'R_τᵀ + R_τH'ᵀ + η D'] (the right-hand side's form with the coefficient derivatives along p_c). In the
    /// eigenbasis of the shared P = V diag(μ) Vᵀ (R̃ = VᵀR, Q̃ = VᵀQV, H̃ = VᵀH) the block inverse is diagonal in R̃ and,
    /// after adding the H coupling, in Q̃, with group-dependent scales r_a(τ) = 1/(1 − cηλ_τμ_a) and
    /// q_ab(τ) = 1/(1 − cηλ_τ(μ_a + μ_b)). Summing over τ with w_τλ_τ therefore only needs sums of the eigenbasis
    /// state weighted by products of those scales ("moments", about (4K + 4M + 1)·K(K+1)/2 + K²M + KM² dot
    /// products over τ), after which every column costs O(K²(K + M)) independent of L. Forming the d block-solved
    /// columns instead costs d full passes over the state per factorisation, which dominated the large-L runs.</para>
    /// </summary>
    private sealed class CouplingMoments
    {
        private readonly int _k, _m, _l, _pairs;
        private readonly double[] _ws;            // w_τλ_τ·ηλ_τ
        private readonly double[] _rt;            // R̃[j,q] over τ: (j·M + q)·L
        private readonly double[] _qt;            // Q̃[i,j] over τ (full): (i·K + j)·L
        private readonly double[] _hr;            // HR_a[j] = Σ_q H̃[a,q] R̃[j,q] over τ: (a·K + j)·L
        private readonly double[] _ht;            // HT_a[q'] = Σ_q H̃[a,q] T[q',q] over τ: (a·M + q')·L
        private readonly double[] _hTilde;        // H̃ (K×M) at the Jacobian point
        private readonly double[] _tmp;           // scratch K·K·L
        private readonly double[] _wR, _wQ, _wXa, _wXb; // weight arrays over τ
        // Moments.
        private readonly double[] _a, _b;          // A[a][j,n], B[a][q,n]
        private readonly double[] _ca, _cb, _ea, _eb, _xa, _xb, _ya, _yb, _g; // per pair
        // Per-column scratch.
        private readonly double[] _pt, _htp, _dt, _fr, _fq, _fqt, _work;

        public CouplingMoments(int k, int m, int l)
        {
            _k = k; _m = m; _l = l; _pairs = k * (k + 1) / 2;
            _ws = new double[l];
            _rt = new double[k * m * l];
            _qt = new double[k * k * l];
            _hr = new double[k * k * l];
            _ht = new double[k * m * l];
            _hTilde = new double[k * m];
            _tmp = new double[k * k * l];
            _wR = new double[k * l];
            _wQ = new double[_pairs * l];
            _wXa = new double[_pairs * l];
            _wXb = new double[_pairs * l];
            _a = new double[k * k * m]; _b = new double[k * m * m];
            _ca = new double[_pairs * k]; _cb = new double[_pairs * k];
            _ea = new double[_pairs * m]; _eb = new double[_pairs * m];
            _xa = new double[_pairs * k]; _xb = new double[_pairs * k];
            _ya = new double[_pairs * m]; _yb = new double[_pairs * m];
            _g = new double[_pairs];
            _pt = new double[k * k]; _htp = new double[k * m]; _dt = new double[k * k];
            _fr = new double[k * m]; _fq = new double[k * k]; _work = new double[k * Math.Max(k, m)]; _fqt = new double[k * k];
        }

        /// <summary>The eigenbasis state and the H̃-contracted arrays at a new Jacobian point (P's eigenvectors already set).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void SetJacobianPoint(CommitteeOdeSystem s, ReadOnlySpan<double> y)
        {
            int k = _k, m = _m, l = _l;
            ReadOnlySpan<double> v = s._vec;
            TensorPrimitives.Multiply(s._wl, s._s, _ws);
            // R̃[a,q] = Σ_i V[i,a] R[i,q]
            for (int a = 0; a < k; a++)
                for (int q = 0; q < m; q++)
                {
                    var dest = _rt.AsSpan((a * m + q) * l, l);
                    dest.Clear();
                    for (int i = 0; i < k; i++) TensorPrimitives.MultiplyAdd(y.Slice(s.RComponent(i, q) * l, l), v[i * k + a], dest, dest);
                }
            // Q̃ = VᵀQV through tmp[a,j] = Σ_i V[i,a] Q[i,j].
            for (int a = 0; a < k; a++)
                for (int j = 0; j < k; j++)
                {
                    var dest = _tmp.AsSpan((a * k + j) * l, l);
                    dest.Clear();
                    for (int i = 0; i < k; i++) TensorPrimitives.MultiplyAdd(y.Slice(s.QComponent(i, j) * l, l), v[i * k + a], dest, dest);
                }
            for (int a = 0; a < k; a++)
                for (int b = 0; b < k; b++)
                {
                    var dest = _qt.AsSpan((a * k + b) * l, l);
                    dest.Clear();
                    for (int j = 0; j < k; j++) TensorPrimitives.MultiplyAdd(_tmp.AsSpan((a * k + j) * l, l), v[j * k + b], dest, dest);
                }
            // H̃ = VᵀH, then HR_a[j] = Σ_q H̃[a,q] R̃[j,q] and HT_a[q'] = Σ_q H̃[a,q] T[q',q].
            for (int a = 0; a < k; a++)
                for (int q = 0; q < m; q++)
                {
                    double h = 0;
                    for (int i = 0; i < k; i++) h += v[i * k + a] * s._jH[i * m + q];
                    _hTilde[a * m + q] = h;
                }
            for (int a = 0; a < k; a++)
            {
                for (int j = 0; j < k; j++)
                {
                    var dest = _hr.AsSpan((a * k + j) * l, l);
                    dest.Clear();
                    for (int q = 0; q < m; q++) TensorPrimitives.MultiplyAdd(_rt.AsSpan((j * m + q) * l, l), _hTilde[a * m + q], dest, dest);
                }
                for (int q2 = 0; q2 < m; q2++)
                {
                    var dest = _ht.AsSpan((a * m + q2) * l, l);
                    dest.Clear();
                    for (int q = 0; q < m; q++) TensorPrimitives.MultiplyAdd(s._teach.AsSpan((q2 * m + q) * l, l), _hTilde[a * m + q], dest, dest);
                }
            }
        }

        /// <summary>S = I − c·VᵀW_blk⁻¹U (d×d, row-major) for the scale arrays the system has just formed for this c.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Capacitance(CommitteeOdeSystem s, double c, Span<double> result)
        {
            int k = _k, m = _m, l = _l, d = s._d;
            ReadOnlySpan<double> teach = s._teach;
            // Weight arrays.
            for (int a = 0; a < k; a++) TensorPrimitives.Multiply(_ws, s._rScale.AsSpan(a * l, l), _wR.AsSpan(a * l, l));
            for (int a = 0; a < k; a++)
                for (int b = a; b < k; b++)
                {
                    int p = s.QComponent(a, b) - s._nr;
                    var wq = _wQ.AsSpan(p * l, l);
                    TensorPrimitives.Multiply(_ws, s._qScale.AsSpan(p * l, l), wq);
                    var wxa = _wXa.AsSpan(p * l, l);
                    var wxb = _wXb.AsSpan(p * l, l);
                    TensorPrimitives.Multiply(wq, s._cs, wxa);
                    TensorPrimitives.Multiply(wxa, s._rScale.AsSpan(b * l, l), wxb);
                    TensorPrimitives.Multiply(wxa, s._rScale.AsSpan(a * l, l), wxa);
                }
            // Moments.
            for (int a = 0; a < k; a++)
            {
                var w = _wR.AsSpan(a * l, l);
                for (int j = 0; j < k; j++)
                    for (int n = 0; n < m; n++) _a[(a * k + j) * m + n] = TensorPrimitives.Dot(w, _rt.AsSpan((j * m + n) * l, l));
                for (int q = 0; q < m; q++)
                    for (int n = 0; n < m; n++) _b[(a * m + q) * m + n] = TensorPrimitives.Dot(w, teach.Slice((q * m + n) * l, l));
            }
            for (int a = 0; a < k; a++)
                for (int b = a; b < k; b++)
                {
                    int p = s.QComponent(a, b) - s._nr;
                    var wq = _wQ.AsSpan(p * l, l);
                    var wxa = _wXa.AsSpan(p * l, l);
                    var wxb = _wXb.AsSpan(p * l, l);
                    _g[p] = TensorPrimitives.Sum(wq);
                    for (int j = 0; j < k; j++)
                    {
                        _ca[p * k + j] = TensorPrimitives.Dot(wq, _qt.AsSpan((a * k + j) * l, l));
                        _cb[p * k + j] = TensorPrimitives.Dot(wq, _qt.AsSpan((j * k + b) * l, l));
                        _xb[p * k + j] = TensorPrimitives.Dot(wxb, _hr.AsSpan((a * k + j) * l, l));
                        _xa[p * k + j] = TensorPrimitives.Dot(wxa, _hr.AsSpan((b * k + j) * l, l));
                    }
                    for (int q = 0; q < m; q++)
                    {
                        _ea[p * m + q] = TensorPrimitives.Dot(wq, _rt.AsSpan((a * m + q) * l, l));
                        _eb[p * m + q] = TensorPrimitives.Dot(wq, _rt.AsSpan((b * m + q) * l, l));
                        _yb[p * m + q] = TensorPrimitives.Dot(wxb, _ht.AsSpan((a * m + q) * l, l));
                        _ya[p * m + q] = TensorPrimitives.Dot(wxa, _ht.AsSpan((b * m + q) * l, l));
                    }
                }
            // Columns.
            double noise = s._noise ? s._eta : 0;
            for (int col = 0; col < d; col++)
            {
                Column(s, s._dPAll.AsSpan(col * k * k, k * k), s._dHAll.AsSpan(col * k * m, k * m), s._dDAll.AsSpan(col * k * k, k * k), noise);
                for (int i = 0; i < k; i++)
                    for (int n = 0; n < m; n++)
                    {
                        int r = s.RComponent(i, n);
                        result[r * d + col] = (r == col ? 1 : 0) - c * _fr[i * m + n];
                    }
                for (int i = 0; i < k; i++)
                    for (int kk = i; kk < k; kk++)
                    {
                        int r = s.QComponent(i, kk);
                        result[r * d + col] = (r == col ? 1 : 0) - c * _fq[i * k + kk];
                    }
            }
        }

        /// <summary>Σ_τ w_τλ_τ W_τ⁻¹U_τ for one column (coefficient derivatives P', H', D'), into _fr (K×M) and _fq (K×K), original basis.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Column(CommitteeOdeSystem s, ReadOnlySpan<double> dp, ReadOnlySpan<double> dh, ReadOnlySpan<double> dd, double noise)
        {
            int k = _k, m = _m;
            ReadOnlySpan<double> v = s._vec;
            Rotate(v, dp, _pt);
            if (noise != 0) Rotate(v, dd, _dt);
            for (int a = 0; a < k; a++)
                for (int q = 0; q < m; q++)
                {
                    double h = 0;
                    for (int i = 0; i < k; i++) h += v[i * k + a] * dh[i * m + q];
                    _htp[a * m + q] = h;
                }
            // R block in the eigenbasis, then back: F_R = V F̃_R.
            Span<double> fr = _work.AsSpan(0, k * m);
            for (int a = 0; a < k; a++)
                for (int n = 0; n < m; n++)
                {
                    double acc = 0;
                    for (int j = 0; j < k; j++) acc += _pt[a * k + j] * _a[(a * k + j) * m + n];
                    for (int q = 0; q < m; q++) acc += _htp[a * m + q] * _b[(a * m + q) * m + n];
                    fr[a * m + n] = acc;
                }
            for (int i = 0; i < k; i++)
                for (int n = 0; n < m; n++)
                {
                    double acc = 0;
                    for (int a = 0; a < k; a++) acc += v[i * k + a] * fr[a * m + n];
                    _fr[i * m + n] = acc;
                }
            // Q block in the eigenbasis (symmetric), then F_Q = V F̃_Q Vᵀ.
            Span<double> fq = _fqt;
            for (int a = 0; a < k; a++)
                for (int b = a; b < k; b++)
                {
                    int p = s.QComponent(a, b) - s._nr;
                    double acc = 0;
                    for (int j = 0; j < k; j++)
                        acc += _pt[a * k + j] * (_cb[p * k + j] + _xa[p * k + j]) + _pt[b * k + j] * (_ca[p * k + j] + _xb[p * k + j]);
                    for (int q = 0; q < m; q++)
                        acc += _htp[a * m + q] * (_eb[p * m + q] + _ya[p * m + q]) + _htp[b * m + q] * (_ea[p * m + q] + _yb[p * m + q]);
                    if (noise != 0) acc += noise * _dt[a * k + b] * _g[p];
                    fq[a * k + b] = acc;
                    fq[b * k + a] = acc;
                }
            // _work (K×K) = V F̃_Q, then _fq = _work Vᵀ.
            for (int i = 0; i < k; i++)
                for (int b = 0; b < k; b++)
                {
                    double acc = 0;
                    for (int a = 0; a < k; a++) acc += v[i * k + a] * fq[a * k + b];
                    _work[i * k + b] = acc;
                }
            for (int i = 0; i < k; i++)
                for (int kk = i; kk < k; kk++)
                {
                    double acc = 0;
                    for (int b = 0; b < k; b++) acc += _work[i * k + b] * v[kk * k + b];
                    _fq[i * k + kk] = acc;
                }
        }

        /// <summary>dest = Vᵀ X V for a K×K matrix X.</summary>
        private void Rotate(ReadOnlySpan<double> v, ReadOnlySpan<double> x, Span<double> dest)
        {
            int k = _k;
            Span<double> t = _work.AsSpan(0, k * k);
            for (int a = 0; a < k; a++)
                for (int j = 0; j < k; j++)
                {
                    double acc = 0;
                    for (int i = 0; i < k; i++) acc += v[i * k + a] * x[i * k + j];
                    t[a * k + j] = acc;
                }
            for (int a = 0; a < k; a++)
                for (int b = 0; b < k; b++)
                {
                    double acc = 0;
                    for (int j = 0; j < k; j++) acc += t[a * k + j] * v[j * k + b];
                    dest[a * k + b] = acc;
                }
        }
    }
}
