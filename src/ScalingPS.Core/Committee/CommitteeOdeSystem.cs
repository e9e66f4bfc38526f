using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ScalingPS.Core.Numerics;

namespace ScalingPS.Core.Committee;

/// <summary>
/// The eigen-component order-parameter ODE of spec/committee.md §2.2 for L eigen-groups, K students, M teachers.
/// <para>State layout (structure of arrays, so every per-group operation is one SIMD pass over τ):
/// component c ∈ [0, d), d = KM + K(K+1)/2 — first R_in (c = iM + n), then the upper triangle Q_ik (i ≤ k) —
/// occupies y[c·L .. c·L + L), one entry per group τ.</para>
/// <para>Each RHS evaluation forms the first-order parameters once (d dot products), the coefficient tensors
/// P, H, D once (<see cref="CommitteeCoefficients{T}"/>), and applies them to all groups with vectorised
/// multiply–adds. The Jacobian is block-diagonal (ηλ_τ·𝓛 with one d×d 𝓛 shared by all groups) plus rank d
/// (every group feels the others only through the d first-order parameters p_c = Σ_τ w_τλ_τ y_c,τ):
/// J = blockdiag(ηλ_τ𝓛) + U Vᵀ with Vᵀ = [w_τλ_τ I_d]. The stiff solver factors I − cJ by per-group LU plus a
/// d×d Woodbury correction, so its cost is linear in L.</para>
/// </summary>
public sealed partial class CommitteeOdeSystem : IStiffOdeSystem
{
    private readonly int _k, _m, _l, _d, _nr;
    private readonly double[] _lambda, _wl, _s, _teach, _t1;
    private readonly int[] _qIndex; // full K×K → component index
    private readonly double _eta, _a, _b;
    private readonly bool _noise;
    private readonly Activation _act;
    private readonly OutputNormalization _norm;
    private readonly CommitteeCoefficients<Real> _coef;
    private readonly CommitteeCoefficients<Dual> _dcoef;
    private readonly double[] _p;
    private readonly Real[] _q1, _r1;
    private readonly Dual[] _dq1, _dr1;
    private readonly double[] _dP, _dH, _dD;
    // Jacobian and factorisation.
    private readonly double[] _dPAll, _dHAll, _dDAll; // ∂P, ∂H, ∂D along each first-order parameter p_c (the columns of U)
    private readonly double[] _jP, _jH; // P (symmetric) and H at the Jacobian point
    private readonly double[] _vec, _mu; // P = V diag(μ) Vᵀ
    private readonly double[] _cs;      // c·ηλ_τ
    private readonly double[] _rScale;  // K arrays over τ: 1/(1 − cηλ_τ μ_a)
    private readonly double[] _qScale;  // K(K+1)/2 arrays over τ: 1/(1 − cηλ_τ (μ_a + μ_b))
    private readonly double[] _tkk;      // scratch: K² arrays over τ
    private bool _singular;
    private readonly double[] _s2, _s2lu; private readonly int[] _s2piv;
    private double _c;
    private readonly double[] _symAcc;
    private readonly double[] _applyCoefs;
    private readonly ComponentCombination _terms;
    private readonly CouplingMoments _coupling;
    private readonly NoiseGradient? _noiseGradient; // erf only
    private readonly int[] _entryOfComponent;       // component c → its covariance entry in NoiseGradient

    /// <param name="k">Student hidden units K.</param>
    /// <param name="m">Teacher hidden units M.</param>
    /// <param name="eigenvalues">Distinct eigenvalues λ_τ.</param>
    /// <param name="groupWeights">w_τ = m_τ/N (1/L each for the committee convention).</param>
    /// <param name="teacherTau">T_τ per group, L×M×M row-major (constant in time).</param>
    /// <param name="eta">Learning rate η.</param>
    /// <param name="activation">Erf or Linear (student and teacher alike).</param>
    /// <param name="norm">Output normalisation (spec §9 item 3).</param>
    /// <param name="noise">Keep the η² term (<c>-Order Full</c>); false is the O(η) truncation (§2.4).</param>
    public CommitteeOdeSystem(int k, int m, ReadOnlySpan<double> eigenvalues, ReadOnlySpan<double> groupWeights,
        ReadOnlySpan<double> teacherTau, double eta, Activation activation, OutputNormalization norm, bool noise)
    {
        Check.Positive(k, "K");
        Check.Positive(m, "M");
        if (activation is not (Activation.Erf or Activation.Linear))
            throw new ParameterException("Activation", activation, "The order-parameter ODE has closed forms for Erf and Linear only.");
        Check.Positive(eta, "Eta");
        _k = k; _m = m; _l = eigenvalues.Length; _nr = k * m; _d = _nr + k * (k + 1) / 2;
        // The stiff solver's structures: d×d matrices and d sets of coefficient derivatives (O(K⁴) for K ≈ M), and
        // about 5KM + 4K² + M² + 2K(K+1) arrays over the groups; checked before anything is allocated.
        {
            double dd = _d, kk = k, mm = m, ll = _l;
            double doubles = 2 * dd * dd + dd * (2 * kk * kk + kk * mm) + ll * (5 * kk * mm + 6 * kk * kk + mm * mm + 5 * kk + 3 * dd + 4);
            Check.Memory(8 * doubles, "K", k, "the ODE's stiff solver keeps (KM + K(K+1)/2)² and (KM + K(K+1)/2)·K(K+M) numbers; use a smaller K or M.");
        }
        if (groupWeights.Length != _l) throw new ArgumentException("One group weight per eigenvalue.", nameof(groupWeights));
        if (teacherTau.Length != _l * m * m) throw new ArgumentException("T_τ must be L×M×M.", nameof(teacherTau));
        _eta = eta; _act = activation; _norm = norm; _noise = noise;
        _a = norm.Factor(k); _b = norm.Factor(m);
        _lambda = eigenvalues.ToArray();
        _wl = new double[_l]; _s = new double[_l];
        for (int t = 0; t < _l; t++) { _wl[t] = groupWeights[t] * _lambda[t]; _s[t] = eta * _lambda[t]; }
        _teach = new double[m * m * _l];
        _t1 = new double[m * m];
        for (int t = 0; t < _l; t++)
            for (int e = 0; e < m * m; e++)
            {
                _teach[e * _l + t] = teacherTau[t * m * m + e];
                _t1[e] += _wl[t] * teacherTau[t * m * m + e];
            }
        _qIndex = new int[k * k];
        for (int i = 0, c = _nr; i < k; i++)
            for (int j = i; j < k; j++, c++) { _qIndex[i * k + j] = c; _qIndex[j * k + i] = c; }
        _coef = new CommitteeCoefficients<Real>(activation, k, m, _a, _b);
        _dcoef = new CommitteeCoefficients<Dual>(activation, k, m, _a, _b);
        _p = new double[_d];
        _q1 = new Real[k * k]; _r1 = new Real[k * m];
        _dq1 = new Dual[k * k]; _dr1 = new Dual[k * m];
        _dP = new double[k * k]; _dH = new double[k * m]; _dD = new double[k * k];
        _dPAll = new double[_d * k * k]; _dHAll = new double[_d * k * m]; _dDAll = new double[_d * k * k];
        _coupling = new CouplingMoments(k, m, _l, _teach);
        _entryOfComponent = new int[_d];
        if (activation == Activation.Erf)
        {
            _noiseGradient = new NoiseGradient(k, m, _a, _b);
            for (int i = 0; i < k; i++)
            {
                for (int n = 0; n < m; n++) _entryOfComponent[RComponent(i, n)] = _noiseGradient.Entry(i, k + n);
                for (int j = i; j < k; j++) _entryOfComponent[_qIndex[i * k + j]] = _noiseGradient.Entry(i, j);
            }
        }
        _jP = new double[k * k]; _jH = new double[k * m];
        _vec = new double[k * k]; _mu = new double[k];
        _cs = new double[_l];
        _rScale = new double[k * _l];
        _qScale = new double[k * (k + 1) / 2 * _l];
        _tkk = new double[k * k * _l];
        _s2 = new double[_d * _d]; _s2lu = new double[_d * _d]; _s2piv = new int[_d];
        _symAcc = new double[_l];
        _applyCoefs = new double[k * k + k * m];
        _terms = BuildTerms();
    }

    public int K => _k;
    public int M => _m;
    public int L => _l;
    /// <summary>Components per group, d = KM + K(K+1)/2.</summary>
    public int Block => _d;
    public int Dimension => _d * _l;
    public double Eta => _eta;
    public Activation Activation => _act;
    public OutputNormalization OutputNormalization => _norm;
    public bool Noise => _noise;
    public ReadOnlySpan<double> Eigenvalues => _lambda;
    /// <summary>First-order teacher overlap T⁽¹⁾ (M×M).</summary>
    public ReadOnlySpan<double> FirstOrderT => _t1;

    /// <summary>
    /// Keep the dynamics on the symmetric subspace: derivatives and Newton solutions are averaged over the
    /// R components, the Q diagonal and the Q off-diagonal of each group, so that they are bitwise equal.
    /// Only meaningful for a symmetric start with T_τ = I (see <see cref="CommitteeOdeStart.ExactlySymmetric"/>).
    /// </summary>
    public bool Symmetric { get; init; }

    private void Symmetrize(Span<double> v)
    {
        Span<double> acc = _symAcc;
        Average(v, acc, Enumerable.Range(0, _nr));
        Average(v, acc, Enumerable.Range(0, _k).Select(i => QComponent(i, i)));
        if (_k > 1) Average(v, acc, Enumerable.Range(0, _k).SelectMany(i => Enumerable.Range(i + 1, _k - i - 1).Select(j => QComponent(i, j))));
    }

    private void Average(Span<double> v, Span<double> acc, IEnumerable<int> components)
    {
        var list = components.ToArray();
        acc.Clear();
        foreach (int c in list) TensorPrimitives.Add(acc, v.Slice(c * _l, _l), acc);
        TensorPrimitives.Multiply(acc, 1.0 / list.Length, acc);
        foreach (int c in list) acc.CopyTo(v.Slice(c * _l, _l));
    }

    public int RComponent(int i, int n) => i * _m + n;

    /// <summary>
    /// One Rosenbrock step in RHS evaluations, from operation counts weighted by what they cost on a Zen 4 core
    /// (measured at K = M = 6, L = 1 … 500): per-group work runs as SIMD passes over the groups (about 0.11 ns per
    /// multiply–add), the erf coefficients cost about 8.5 ns per asin term (K(K+1)/2·(K+M)(K+M+1)/2 of them), and
    /// the small per-column algebra of the factorisation and the Jacobian is scalar (about 1 ns per operation).
    /// An RHS is KM(K+M) + K(K+1)(K+M+½) per group plus the coefficients; a solve (two rotations, the block inverse
    /// and the correction) about as much as two block solves (4K²M + 3K³ per group each) and one RHS-like pass; a factorisation the weighted group sums (K²M + KM² +
    /// K(K+1)/2·(4K+4M+1) per group) plus O(K³) per column; a Jacobian the eigenbasis transform of the state, the
    /// one-sweep noise gradient and a dual-number pass for P and H per column. A step makes two RHS, three solves,
    /// most often a new factorisation and every few steps a Jacobian. The estimate only steers Auto's choice
    /// between the explicit and the stiff method; it never changes a result's accuracy.
    /// </summary>
    public double StiffStepCost
    {
        get
        {
            const double simd = 0.11, scalar = 1.0, asin = 8.5;
            double k = _k, m = _m, d = _d, l = _l, u = k + m, pairs = k * (k + 1) / 2;
            double terms = _act == Activation.Erf && _noise ? pairs * u * (u + 1) / 2 : 0;
            double rhsGroup = k * m * (k + m) + k * (k + 1) * (k + m + 0.5);
            double rhs = simd * rhsGroup * l + asin * terms + scalar * 30 * k * u;
            double block = 4 * k * k * m + 3 * k * k * k;
            double solve = simd * (2 * block + rhsGroup + 2 * d) * l + scalar * d * d;
            double factor = simd * (k * k * m + k * m * m + pairs * (4 * k + 4 * m + 1)) * l
                + scalar * d * (6 * k * k * k + k * m * (2 * k + m) + pairs * 4 * u);
            double jacobian = simd * (2 * k * k * m + 2 * k * k * k + k * m * m) * l + 4 * asin * terms + scalar * d * 30 * k * u;
            return (2 * rhs + 3 * solve + 0.7 * factor + jacobian / 3) / rhs;
        }
    }
    public int QComponent(int i, int k) => _qIndex[i * _k + k];

    // ---------------------------------------------------------------- state packing

    /// <summary>Packs per-group R_τ (L×K×M) and Q_τ (L×K×K, symmetric) into the SoA state.</summary>
    public double[] Pack(ReadOnlySpan<double> rTau, ReadOnlySpan<double> qTau)
    {
        var y = new double[Dimension];
        for (int t = 0; t < _l; t++)
        {
            for (int c = 0; c < _nr; c++) y[c * _l + t] = rTau[t * _nr + c];
            for (int i = 0; i < _k; i++)
                for (int j = i; j < _k; j++) y[QComponent(i, j) * _l + t] = qTau[t * _k * _k + i * _k + j];
        }
        return y;
    }

    /// <summary>Unpacks the state into per-group R_τ (L×K×M) and full Q_τ (L×K×K).</summary>
    public (double[] RTau, double[] QTau) Unpack(ReadOnlySpan<double> y)
    {
        var r = new double[_l * _nr];
        var q = new double[_l * _k * _k];
        for (int t = 0; t < _l; t++)
        {
            for (int c = 0; c < _nr; c++) r[t * _nr + c] = y[c * _l + t];
            for (int i = 0; i < _k; i++)
                for (int j = 0; j < _k; j++) q[t * _k * _k + i * _k + j] = y[QComponent(i, j) * _l + t];
        }
        return (r, q);
    }

    /// <summary>First-order parameters p_c = Σ_τ w_τλ_τ y_c,τ, returned as full Q⁽¹⁾ (K×K) and R⁽¹⁾ (K×M).</summary>
    public (double[] Q, double[] R) FirstOrder(ReadOnlySpan<double> y)
    {
        ComputeFirstOrder(y);
        var q = new double[_k * _k];
        var r = new double[_nr];
        for (int i = 0; i < _k * _k; i++) q[i] = _q1[i].Value;
        for (int i = 0; i < _nr; i++) r[i] = _r1[i].Value;
        return (q, r);
    }

    /// <summary>ε_g of the state (spec §2.3) from its first-order parameters.</summary>
    public double GeneralizationErrorOf(ReadOnlySpan<double> y)
    {
        var (q, r) = FirstOrder(y);
        return GeneralizationError.Compute(_act, _act, _norm, q, r, _t1, _k, _m);
    }

    private void ComputeFirstOrder(ReadOnlySpan<double> y)
    {
        for (int c = 0; c < _d; c++) _p[c] = TensorPrimitives.Dot(_wl, y.Slice(c * _l, _l));
        for (int i = 0; i < _nr; i++) _r1[i] = new Real(_p[i]);
        for (int i = 0; i < _k * _k; i++) _q1[i] = new Real(_p[_qIndex[i]]);
    }

    // ---------------------------------------------------------------- right-hand side

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Evaluate(ReadOnlySpan<double> y, Span<double> dydt)
    {
        ComputeFirstOrder(y);
        _coef.Compute(_q1, _r1, _t1, _noise);
        Apply(AsDouble(_coef.P), AsDouble(_coef.H), AsDouble(_coef.D), _noise ? _eta : 0, y, dydt);
        if (Symmetric) Symmetrize(dydt);
    }

    private static ReadOnlySpan<double> AsDouble(Real[] x) => MemoryMarshal.Cast<Real, double>(x);

    /// <summary>
    /// f_τ = ηλ_τ [P R_τ + H T_τ ; P Q_τ + H R_τᵀ + transpose + noiseScale·D] for all τ at once. Called with the
    /// coefficients (the RHS) or with their derivatives along one first-order parameter (a column of U).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Apply(ReadOnlySpan<double> pm, ReadOnlySpan<double> hm, ReadOnlySpan<double> dm, double noiseScale,
        ReadOnlySpan<double> y, Span<double> f)
    {
        int k = _k, m = _m, l = _l;
        // Coefficient buffer [P (K×K) | H (K×M)] indexed by the precomputed term lists.
        Span<double> coefs = _applyCoefs;
        pm[..(k * k)].CopyTo(coefs);
        hm[..(k * m)].CopyTo(coefs[(k * k)..]);
        for (int i = 0; i < k; i++)
            for (int n = 0; n < m; n++)
            {
                int c = RComponent(i, n);
                _terms.Evaluate(c, coefs, y, _teach, false, 0, _s, f.Slice(c * l, l));
            }
        for (int i = 0; i < k; i++)
            for (int kk = i; kk < k; kk++)
            {
                int c = QComponent(i, kk);
                _terms.Evaluate(c, coefs, y, _teach, noiseScale != 0, noiseScale * dm[i * k + kk], _s, f.Slice(c * l, l));
            }
    }

    /// <summary>
    /// The term lists of <see cref="Apply"/>: R_in ← Σ_j P_ij R_jn + Σ_q H_iq T_qn; Q_ik ← Σ_j (P_ij Q_jk + P_kj Q_ij) +
    /// Σ_q (H_iq R_kq + H_kq R_iq), in this order.
    /// </summary>
    private ComponentCombination BuildTerms()
    {
        int k = _k, m = _m, l = _l;
        var yTerms = new (int, int)[_d][];
        var tTerms = new (int, int)[_d][];
        for (int i = 0; i < k; i++)
            for (int n = 0; n < m; n++)
            {
                int c = RComponent(i, n);
                yTerms[c] = Enumerable.Range(0, k).Select(j => (RComponent(j, n) * l, i * k + j)).ToArray();
                tTerms[c] = Enumerable.Range(0, m).Select(q => ((q * m + n) * l, k * k + i * m + q)).ToArray();
            }
        for (int i = 0; i < k; i++)
            for (int kk = i; kk < k; kk++)
            {
                int c = QComponent(i, kk);
                var list = new List<(int, int)>();
                for (int j = 0; j < k; j++)
                {
                    list.Add((QComponent(j, kk) * l, i * k + j));
                    list.Add((QComponent(i, j) * l, kk * k + j));
                }
                for (int q = 0; q < m; q++)
                {
                    list.Add((RComponent(kk, q) * l, k * k + i * m + q));
                    list.Add((RComponent(i, q) * l, k * k + kk * m + q));
                }
                yTerms[c] = list.ToArray();
                tTerms[c] = [];
            }
        return new ComponentCombination(yTerms, tTerms);
    }

    /// <summary>The homogeneous per-group map 𝓛 g = [P g_R ; P g_Q + H g_Rᵀ + transpose] for one group's d-vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void GroupLinear(ReadOnlySpan<double> pm, ReadOnlySpan<double> hm, ReadOnlySpan<double> g, Span<double> o)
    {
        int k = _k, m = _m;
        for (int i = 0; i < k; i++)
            for (int n = 0; n < m; n++)
            {
                double s = 0;
                for (int j = 0; j < k; j++) s += pm[i * k + j] * g[RComponent(j, n)];
                o[RComponent(i, n)] = s;
            }
        for (int i = 0; i < k; i++)
            for (int kk = i; kk < k; kk++)
            {
                double s = 0;
                for (int j = 0; j < k; j++) s += pm[i * k + j] * g[QComponent(j, kk)] + pm[kk * k + j] * g[QComponent(i, j)];
                for (int q = 0; q < m; q++) s += hm[i * m + q] * g[RComponent(kk, q)] + hm[kk * m + q] * g[RComponent(i, q)];
                o[QComponent(i, kk)] = s;
            }
    }

    // ---------------------------------------------------------------- analytic Jacobian

    /// <summary>
    /// J = blockdiag(ηλ_τ𝓛) + U Vᵀ at y: 𝓛 from the coefficients P, H (eigen-decomposed once), and column c of
    /// U = ∂f/∂p_c through the exact derivatives of P, H, D along first-order parameter p_c (dual numbers for P and H,
    /// one sweep for the erf D), kept as coefficient derivatives: U applied to anything is a combination of the state
    /// at y (<see cref="CouplingMoments"/>), so U itself is never formed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void UpdateJacobian(ReadOnlySpan<double> y)
    {
        ComputeFirstOrder(y);
        _coef.Compute(_q1, _r1, _t1, false);
        var pm = AsDouble(_coef.P);
        var hm = AsDouble(_coef.H);
        // P is symmetric (A_ij = E[g'(x_i) g'(x_j)] is, and the rest is diagonal): one eigen-decomposition serves
        // the per-group solves of every group.
        pm.CopyTo(_jP); hm.CopyTo(_jH);
        var jp = _jP;
        var pmat = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(_k, _k, (i, j) => 0.5 * (jp[i * _k + j] + jp[j * _k + i]));
        var evd = pmat.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        for (int i = 0; i < _k; i++)
        {
            _mu[i] = evd.EigenValues[i].Real;
            for (int j = 0; j < _k; j++) _vec[i * _k + j] = evd.EigenVectors[i, j];
        }
        // P and H are O(K(K+M)) per direction: dual numbers. The erf noise term D (K⁴ asin terms) has its whole
        // gradient from one sweep (NoiseGradient); the linear D is a cheap sum and stays on the dual path.
        bool sweep = _noise && _noiseGradient is not null;
        if (sweep) _noiseGradient!.Compute(AsDouble(_q1), AsDouble(_r1), _t1);
        for (int c = 0; c < _d; c++)
        {
            for (int i = 0; i < _nr; i++) _dr1[i] = new Dual(_p[i], i == c ? 1 : 0);
            for (int i = 0; i < _k * _k; i++) _dq1[i] = new Dual(_p[_qIndex[i]], _qIndex[i] == c ? 1 : 0);
            _dcoef.Compute(_dq1, _dr1, _t1, _noise && !sweep);
            for (int i = 0; i < _k * _k; i++) _dPAll[c * _k * _k + i] = _dcoef.P[i].Derivative;
            for (int i = 0; i < _nr; i++) _dHAll[c * _nr + i] = _dcoef.H[i].Derivative;
            var dd = _dDAll.AsSpan(c * _k * _k, _k * _k);
            if (!_noise) dd.Clear();
            else if (!sweep) for (int i = 0; i < _k * _k; i++) dd[i] = _dcoef.D[i].Derivative;
            else
            {
                int entry = _entryOfComponent[c], per = _noiseGradient!.Entries;
                for (int i = 0, pair = 0; i < _k; i++)
                    for (int kk = i; kk < _k; kk++, pair++)
                        dd[i * _k + kk] = dd[kk * _k + i] = _noiseGradient.Gradient[pair * per + entry];
            }
        }
        _coupling.SetJacobianPoint(this, y);
    }

    /// <summary>
    /// Factors W = I − cJ. Each group's block I − cηλ_τ𝓛 is block lower-triangular (R feels only P R; Q feels
    /// P Q + Q P and, through H, R), and with the symmetric P = V diag(μ) Vᵀ shared by all groups its inverse is
    /// explicit: R = V diag(1/(1 − cηλ_τ μ_a)) Vᵀ b_R, then a Sylvester solve Q = V[(Vᵀ B V)_ab/(1 − cηλ_τ(μ_a+μ_b))]Vᵀ
    /// with B = b_Q + cηλ_τ(H Rᵀ + R Hᵀ). So "factoring" is forming those scale arrays over τ, plus the d×d
    /// capacitance I − c VᵀW_blk⁻¹U of the rank-d coupling (Woodbury). The capacitance is not formed from the d
    /// block-solved columns of U (d passes over the whole state): every column of U is the same linear map of the
    /// group's state with different coefficients, so VᵀW_blk⁻¹U follows from a fixed set of weighted sums over τ of
    /// the eigenbasis state (<see cref="CouplingMoments"/>) and small K×K algebra per column.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Factor(double c)
    {
        _c = c;
        int k = _k, d = _d, l = _l;
        TensorPrimitives.Multiply(_s, c, _cs);
        for (int a = 0; a < k; a++) ScaleArray(_rScale.AsSpan(a * l, l), _mu[a]);
        for (int a = 0; a < k; a++)
            for (int b = a; b < k; b++) ScaleArray(_qScale.AsSpan((QComponent(a, b) - _nr) * l, l), _mu[a] + _mu[b]);
        _coupling.Capacitance(this, c, _s2);
        Array.Copy(_s2, _s2lu, _s2.Length);
        // A singular Newton matrix (c·ηλμ = 1 for a growing mode) makes the step fail; the controller then shrinks it.
        _singular = !Lu.Factor(_s2lu, _s2piv, d);
    }

    private void ScaleArray(Span<double> dest, double mu)
    {
        TensorPrimitives.Multiply(_cs, -mu, dest);
        TensorPrimitives.Add(dest, 1.0, dest);
        TensorPrimitives.Reciprocal(dest, dest);
    }

    /// <summary>
    /// x ← (I − cJ)⁻¹x by Woodbury: z = W_blk⁻¹x, x = z + c W_blk⁻¹U (I − cVᵀW_blk⁻¹U)⁻¹ Vᵀz, all in P's eigenbasis
    /// (<see cref="CouplingMoments.Solve"/>): U·w is a combination of the eigenbasis state with the coefficient
    /// derivatives combined by w (U is linear in them), so U is never stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Solve(Span<double> x)
    {
        if (_singular) { x.Fill(double.NaN); return; }
        _coupling.Solve(this, x);
        if (Symmetric) Symmetrize(x);
    }

    /// <summary>
    /// The dense Jacobian (Dimension × Dimension, row-major) assembled from the analytic structure, for tests and
    /// stability analysis at small L: J[(c,τ),(c',τ')] = δ_ττ' ηλ_τ 𝓛[c,c'] + U_c'[(c,τ)] w_τ'λ_τ'.
    /// </summary>
    public double[] DenseJacobian(ReadOnlySpan<double> y)
    {
        UpdateJacobian(y);
        int n = Dimension, d = _d, l = _l;
        var lop = new double[d * d];
        var e = new double[d];
        var col = new double[d];
        for (int c = 0; c < d; c++)
        {
            Array.Clear(e); e[c] = 1;
            GroupLinear(_jP, _jH, e, col);
            for (int r = 0; r < d; r++) lop[r * d + c] = col[r];
        }
        var u = new double[d * n];
        for (int c = 0; c < d; c++)
            Apply(_dPAll.AsSpan(c * _k * _k, _k * _k), _dHAll.AsSpan(c * _nr, _nr), _dDAll.AsSpan(c * _k * _k, _k * _k),
                _noise ? _eta : 0, y, u.AsSpan(c * n, n));
        var j = new double[n * n];
        for (int c = 0; c < d; c++)
            for (int t = 0; t < l; t++)
            {
                int row = c * l + t;
                for (int c2 = 0; c2 < d; c2++)
                {
                    j[row * n + c2 * l + t] += _s[t] * lop[c * d + c2];
                    double uc = u[c2 * n + row];
                    for (int t2 = 0; t2 < l; t2++) j[row * n + c2 * l + t2] += uc * _wl[t2];
                }
            }
        return j;
    }
}
