using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using ScalingPS.Core.Numerics;

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
        private readonly double[] _hr;            // HR_a[j] = Σ_q H̃[a,q] R̃[j,q] over τ: (a·K + j)·L
        private readonly double[] _ht;            // HT_a[q'] = Σ_q H̃[a,q] T[q',q] over τ: (a·M + q')·L
        private readonly double[] _hTilde;        // H̃ (K×M) at the Jacobian point
        private readonly double[] _wR, _wQ, _wXa, _wXb; // weight arrays over τ
        // Moments.
        private readonly double[] _a, _b;          // A[a][j,n], B[a][q,n]
        private readonly double[] _ca, _cb, _ea, _eb, _xa, _xb, _ya, _yb, _g; // per pair
        // Per-column scratch.
        private readonly double[] _pt, _htp, _dt, _fr, _fq, _fqt, _work;
        // Solve: the eigenbasis state at the Jacobian point as one source [R̃ | T | Q̃ | 1] for single-pass
        // combinations, the eigenbasis solution (R̃ part K·M·L, Q̃ upper triangle pairs·L), the correction's R̃ part,
        // scratch, and the term lists.
        private readonly double[] _src, _xr, _xq, _yr, _tmpA, _tmpB, _v, _vt, _vq;
        private readonly int _tOff, _qOff, _oneOff;
        private readonly int[] _off;
        private readonly double[] _cf;

        public CouplingMoments(int k, int m, int l, ReadOnlySpan<double> teacher)
        {
            _k = k; _m = m; _l = l; _pairs = k * (k + 1) / 2;
            _ws = new double[l];
            _hr = new double[k * k * l];
            _ht = new double[k * m * l];
            _hTilde = new double[k * m];
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
            _tOff = k * m * l; _qOff = _tOff + m * m * l; _oneOff = _qOff + k * k * l;
            _src = new double[_oneOff + l];
            teacher.Slice(0, m * m * l).CopyTo(_src.AsSpan(_tOff));
            _src.AsSpan(_oneOff, l).Fill(1);
            _xr = new double[k * m * l]; _xq = new double[_pairs * l]; _yr = new double[k * m * l];
            _tmpA = new double[l]; _tmpB = new double[l];
            _v = new double[k * m + _pairs]; _vt = new double[k * m]; _vq = new double[k * k];
            _off = new int[2 * k + 2 * m + 1]; _cf = new double[2 * k + 2 * m + 1];
            _fr = new double[k * m]; _fq = new double[k * k]; _work = new double[k * Math.Max(k, m)]; _fqt = new double[k * k];
        }

        /// <summary>R̃[j,q] over τ for row j·M + q, kept in place in the solve's source.</summary>
        private Span<double> Rt(int row) => _src.AsSpan(row * _l, _l);

        /// <summary>Q̃[i,j] over τ (full K×K) for row i·K + j, kept in place in the solve's source.</summary>
        private Span<double> Qt(int row) => _src.AsSpan(_qOff + row * _l, _l);

        /// <summary>The eigenbasis state and the H̃-contracted arrays at a new Jacobian point (P's eigenvectors already set).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void SetJacobianPoint(CommitteeOdeSystem s, ReadOnlySpan<double> y)
        {
            int k = _k, m = _m, l = _l;
            ReadOnlySpan<double> v = s._vec;
            var tmp = s._tkk.AsSpan(); // the solve's K·K·L scratch, free between solves
            TensorPrimitives.Multiply(s._wl, s._s, _ws);
            // Each array below is a short combination of state rows: one register-held pass per output row.
            var off = _off.AsSpan();
            var cf = _cf.AsSpan();
            // R̃[a,q] = Σ_i V[i,a] R[i,q]
            for (int a = 0; a < k; a++)
                for (int q = 0; q < m; q++)
                {
                    for (int i = 0; i < k; i++) { off[i] = s.RComponent(i, q) * l; cf[i] = v[i * k + a]; }
                    ComponentCombination.Combine(Rt(a * m + q), y, off[..k], cf[..k], default);
                }
            // Q̃ = VᵀQV through tmp[a,j] = Σ_i V[i,a] Q[i,j].
            for (int a = 0; a < k; a++)
                for (int j = 0; j < k; j++)
                {
                    for (int i = 0; i < k; i++) { off[i] = s.QComponent(i, j) * l; cf[i] = v[i * k + a]; }
                    ComponentCombination.Combine(tmp.Slice((a * k + j) * l, l), y, off[..k], cf[..k], default);
                }
            for (int a = 0; a < k; a++)
                for (int b = 0; b < k; b++)
                {
                    for (int j = 0; j < k; j++) { off[j] = (a * k + j) * l; cf[j] = v[j * k + b]; }
                    ComponentCombination.Combine(Qt(a * k + b), tmp, off[..k], cf[..k], default);
                }
            // H̃ = VᵀH, then HR_a[j] = Σ_q H̃[a,q] R̃[j,q] and HT_a[q'] = Σ_q H̃[a,q] T[q',q].
            RotateKM(v, s._jH, _hTilde);
            for (int a = 0; a < k; a++)
            {
                for (int q = 0; q < m; q++) cf[q] = _hTilde[a * m + q];
                for (int j = 0; j < k; j++)
                {
                    for (int q = 0; q < m; q++) off[q] = (j * m + q) * l; // R̃ rows in the source
                    ComponentCombination.Combine(_hr.AsSpan((a * k + j) * l, l), _src, off[..m], cf[..m], default);
                }
                for (int q2 = 0; q2 < m; q2++)
                {
                    for (int q = 0; q < m; q++) off[q] = _tOff + (q2 * m + q) * l; // teacher rows in the source
                    ComponentCombination.Combine(_ht.AsSpan((a * m + q2) * l, l), _src, off[..m], cf[..m], default);
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
                    for (int n = 0; n < m; n++) _a[(a * k + j) * m + n] = TensorPrimitives.Dot(w, Rt(j * m + n));
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
                        _ca[p * k + j] = TensorPrimitives.Dot(wq, Qt(a * k + j));
                        _cb[p * k + j] = TensorPrimitives.Dot(wq, Qt(j * k + b));
                        _xb[p * k + j] = TensorPrimitives.Dot(wxb, _hr.AsSpan((a * k + j) * l, l));
                        _xa[p * k + j] = TensorPrimitives.Dot(wxa, _hr.AsSpan((b * k + j) * l, l));
                    }
                    for (int q = 0; q < m; q++)
                    {
                        _ea[p * m + q] = TensorPrimitives.Dot(wq, Rt(a * m + q));
                        _eb[p * m + q] = TensorPrimitives.Dot(wq, Rt(b * m + q));
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

        /// <summary>
        /// x ← (I − cJ)⁻¹x in P's eigenbasis: rotate x in (R̃ = VᵀR, Q̃ = VᵀQV), apply the diagonal block inverse and
        /// its H coupling, take the d group sums Vᵀ and the capacitance solve, add the Woodbury correction
        /// W_blk⁻¹U·w — which in the eigenbasis is a combination of the stored eigenbasis state with the rotated,
        /// v-combined coefficient derivatives — and rotate back once. Two rotations per solve instead of four plus a
        /// right-hand-side pass.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Solve(CommitteeOdeSystem s, Span<double> x)
        {
            int k = _k, m = _m, l = _l, d = s._d, nr = s._nr;
            ReadOnlySpan<double> v = s._vec;
            var off = _off.AsSpan();
            var cf = _cf.AsSpan();
            var cs = s._cs.AsSpan();
            // 1. R̃ = diag(r_a) Vᵀ b_R.
            for (int a = 0; a < k; a++)
                for (int n = 0; n < m; n++)
                {
                    for (int j = 0; j < k; j++) { off[j] = s.RComponent(j, n) * l; cf[j] = v[j * k + a]; }
                    ComponentCombination.Combine(_xr.AsSpan((a * m + n) * l, l), x, off[..k], cf[..k], s._rScale.AsSpan(a * l, l));
                }
            // 2. Q̃ = q_ab ⊙ (Vᵀ b_Q V + cηλ (H̃R̃ᵀ + R̃H̃ᵀ)), through C = Vᵀ b_Q (full K×K, in s._tkk).
            var tkk = s._tkk.AsSpan();
            for (int a = 0; a < k; a++)
                for (int kk = 0; kk < k; kk++)
                {
                    for (int i = 0; i < k; i++) { off[i] = s.QComponent(i, kk) * l; cf[i] = v[i * k + a]; }
                    ComponentCombination.Combine(tkk.Slice((a * k + kk) * l, l), x, off[..k], cf[..k], default);
                }
            for (int a = 0; a < k; a++)
                for (int b = a; b < k; b++)
                {
                    int p = s.QComponent(a, b) - nr;
                    for (int kk = 0; kk < k; kk++) { off[kk] = (a * k + kk) * l; cf[kk] = v[kk * k + b]; }
                    ComponentCombination.Combine(_tmpA, tkk, off[..k], cf[..k], default);
                    HCoupling(_xr, a, b, cs);
                    var xq = _xq.AsSpan(p * l, l);
                    TensorPrimitives.Add(_tmpA, _tmpB, xq);
                    TensorPrimitives.Multiply(xq, s._qScale.AsSpan(p * l, l), xq);
                }
            // 3. Group sums in the eigenbasis, rotated back: v = Vᵀz in the original components.
            for (int a = 0; a < k; a++)
                for (int n = 0; n < m; n++) _vt[a * m + n] = TensorPrimitives.Dot(s._wl, _xr.AsSpan((a * m + n) * l, l));
            for (int a = 0; a < k; a++)
                for (int b = a; b < k; b++)
                    _vq[a * k + b] = _vq[b * k + a] = TensorPrimitives.Dot(s._wl, _xq.AsSpan((s.QComponent(a, b) - nr) * l, l));
            UnrotateKM(v, _vt, _v.AsSpan(0, nr)); // the R components are the first K·M, i·M + n
            Unrotate(v, _vq, _fq);
            for (int i = 0; i < k; i++)
                for (int kk = i; kk < k; kk++) _v[s.QComponent(i, kk)] = _fq[i * k + kk];
            // 4. w = c S⁻¹ v, and the coefficient derivatives combined by w, rotated into the eigenbasis.
            Lu.Solve(s._s2lu, s._s2piv, d, _v);
            Span<double> dp = s._dP, dh = s._dH, dd = s._dD;
            dp.Clear(); dh.Clear(); dd.Clear();
            for (int col = 0; col < d; col++)
            {
                double w = s._c * _v[col];
                if (w == 0) continue;
                TensorPrimitives.MultiplyAdd(s._dPAll.AsSpan(col * k * k, k * k), w, dp, dp);
                TensorPrimitives.MultiplyAdd(s._dHAll.AsSpan(col * nr, nr), w, dh, dh);
                TensorPrimitives.MultiplyAdd(s._dDAll.AsSpan(col * k * k, k * k), w, dd, dd);
            }
            RotateDerivatives(v, dp, dh, dd, withD: true);
            double noise = s._noise ? s._eta : 0;
            // 5. Correction W_blk⁻¹U w in the eigenbasis: R̃ part r_a ηλ (P̃'R̃ + H̃'T), Q̃ part
            //    q_ab [ηλ (P̃'Q̃ + Q̃P̃'ᵀ + H̃'R̃ᵀ + R̃H̃'ᵀ + ηD̃') + cηλ (H̃ỹ_Rᵀ + ỹ_RH̃ᵀ)].
            for (int a = 0; a < k; a++)
            {
                TensorPrimitives.Multiply(s._rScale.AsSpan(a * l, l), s._s, _tmpB);
                for (int n = 0; n < m; n++)
                {
                    int t = 0;
                    for (int j = 0; j < k; j++, t++) { off[t] = (j * m + n) * l; cf[t] = _pt[a * k + j]; }
                    for (int q = 0; q < m; q++, t++) { off[t] = _tOff + (q * m + n) * l; cf[t] = _htp[a * m + q]; }
                    ComponentCombination.Combine(_yr.AsSpan((a * m + n) * l, l), _src, off[..t], cf[..t], _tmpB);
                }
            }
            for (int a = 0; a < k; a++)
                for (int b = a; b < k; b++)
                {
                    int p = s.QComponent(a, b) - nr, t = 0;
                    for (int j = 0; j < k; j++)
                    {
                        off[t] = _qOff + (j * k + b) * l; cf[t++] = _pt[a * k + j];
                        off[t] = _qOff + (a * k + j) * l; cf[t++] = _pt[b * k + j];
                    }
                    for (int q = 0; q < m; q++)
                    {
                        off[t] = (b * m + q) * l; cf[t++] = _htp[a * m + q];
                        off[t] = (a * m + q) * l; cf[t++] = _htp[b * m + q];
                    }
                    off[t] = _oneOff; cf[t++] = noise * _dt[a * k + b];
                    ComponentCombination.Combine(_tmpA, _src, off[..t], cf[..t], s._s);
                    HCoupling(_yr, a, b, cs);
                    TensorPrimitives.Add(_tmpA, _tmpB, _tmpA);
                    var xq = _xq.AsSpan(p * l, l);
                    TensorPrimitives.MultiplyAdd(_tmpA, s._qScale.AsSpan(p * l, l), xq, xq);
                }
            TensorPrimitives.Add(_xr, _yr, _xr);
            // 6. Rotate back: R = V R̃; Q = V Q̃ Vᵀ through D = V Q̃ (full, in s._tkk).
            for (int i = 0; i < k; i++)
                for (int n = 0; n < m; n++)
                {
                    for (int a = 0; a < k; a++) { off[a] = (a * m + n) * l; cf[a] = v[i * k + a]; }
                    ComponentCombination.Combine(x.Slice(s.RComponent(i, n) * l, l), _xr, off[..k], cf[..k], default);
                }
            for (int i = 0; i < k; i++)
                for (int b = 0; b < k; b++)
                {
                    for (int a = 0; a < k; a++) { off[a] = (s.QComponent(a, b) - nr) * l; cf[a] = v[i * k + a]; }
                    ComponentCombination.Combine(tkk.Slice((i * k + b) * l, l), _xq, off[..k], cf[..k], default);
                }
            for (int i = 0; i < k; i++)
                for (int kk = i; kk < k; kk++)
                {
                    for (int b = 0; b < k; b++) { off[b] = (i * k + b) * l; cf[b] = v[kk * k + b]; }
                    ComponentCombination.Combine(x.Slice(s.QComponent(i, kk) * l, l), tkk, off[..k], cf[..k], default);
                }
        }

        /// <summary>_tmpB = cηλ ⊙ Σ_q (H̃[a,q] r[b,q] + r[a,q] H̃[b,q]) for an eigenbasis R̃-shaped array r.</summary>
        private void HCoupling(double[] r, int a, int b, ReadOnlySpan<double> cs)
        {
            int m = _m, l = _l;
            Span<int> off = _off.AsSpan(0, 2 * m);
            Span<double> cf = _cf.AsSpan(0, 2 * m);
            for (int q = 0; q < m; q++)
            {
                off[2 * q] = (b * m + q) * l; cf[2 * q] = _hTilde[a * m + q];
                off[2 * q + 1] = (a * m + q) * l; cf[2 * q + 1] = _hTilde[b * m + q];
            }
            ComponentCombination.Combine(_tmpB, r, off, cf, cs);
        }

        /// <summary>dest = V X Vᵀ for a K×K matrix X.</summary>
        private void Unrotate(ReadOnlySpan<double> v, ReadOnlySpan<double> x, Span<double> dest)
        {
            int k = _k;
            Span<double> t = _work.AsSpan(0, k * k);
            for (int i = 0; i < k; i++)
                for (int b = 0; b < k; b++)
                {
                    double acc = 0;
                    for (int a = 0; a < k; a++) acc += v[i * k + a] * x[a * k + b];
                    t[i * k + b] = acc;
                }
            for (int i = 0; i < k; i++)
                for (int kk = 0; kk < k; kk++)
                {
                    double acc = 0;
                    for (int b = 0; b < k; b++) acc += t[i * k + b] * v[kk * k + b];
                    dest[i * k + kk] = acc;
                }
        }

        /// <summary>Σ_τ w_τλ_τ W_τ⁻¹U_τ for one column (coefficient derivatives P', H', D'), into _fr (K×M) and _fq (K×K), original basis.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Column(CommitteeOdeSystem s, ReadOnlySpan<double> dp, ReadOnlySpan<double> dh, ReadOnlySpan<double> dd, double noise)
        {
            int k = _k, m = _m;
            ReadOnlySpan<double> v = s._vec;
            RotateDerivatives(v, dp, dh, dd, withD: noise != 0);
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
            UnrotateKM(v, fr, _fr);
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
            Unrotate(v, fq, _fq);
        }

        /// <summary>The coefficient derivatives in the eigenbasis: P̃' = VᵀP'V, H̃' = VᵀH' and, when asked, D̃' = VᵀD'V.</summary>
        private void RotateDerivatives(ReadOnlySpan<double> v, ReadOnlySpan<double> dp, ReadOnlySpan<double> dh, ReadOnlySpan<double> dd, bool withD)
        {
            Rotate(v, dp, _pt);
            if (withD) Rotate(v, dd, _dt);
            RotateKM(v, dh, _htp);
        }

        /// <summary>dest = Vᵀ X for a K×M matrix X.</summary>
        private void RotateKM(ReadOnlySpan<double> v, ReadOnlySpan<double> x, Span<double> dest)
        {
            int k = _k, m = _m;
            for (int a = 0; a < k; a++)
                for (int q = 0; q < m; q++)
                {
                    double acc = 0;
                    for (int i = 0; i < k; i++) acc += v[i * k + a] * x[i * m + q];
                    dest[a * m + q] = acc;
                }
        }

        /// <summary>dest = V X for a K×M matrix X.</summary>
        private void UnrotateKM(ReadOnlySpan<double> v, ReadOnlySpan<double> x, Span<double> dest)
        {
            int k = _k, m = _m;
            for (int i = 0; i < k; i++)
                for (int n = 0; n < m; n++)
                {
                    double acc = 0;
                    for (int a = 0; a < k; a++) acc += v[i * k + a] * x[a * m + n];
                    dest[i * m + n] = acc;
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
