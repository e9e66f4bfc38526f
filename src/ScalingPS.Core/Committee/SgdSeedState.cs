using System.Runtime.CompilerServices;
using ScalingPS.Core.Sampling;

namespace ScalingPS.Core.Committee;

/// <summary>
/// One seed's SGD run (spec/committee.md §1.3, §8): the weights W = [J (K×N); B (M×N)] in T, its own data
/// stream and its own step buffers, so that a seed computes the same numbers on whichever thread advances it.
/// One step: z ~ N(0, I_N); ξ = √λ ⊙ z; x_i = J_i·ξ/√N, y_n = B_n·ξ/√N; δ_i = a g'(x_i)(ζ − σ);
/// J_i[0..N_l) += (η/√N) δ_i ξ[0..N_l). Nothing is allocated per step.
/// </summary>
internal sealed class SgdSeedState<T> where T : unmanaged
{
    private readonly int _n, _k, _m, _nl;
    private readonly T[] _w;          // (K+M)×N, row-major; rows 0..K−1 student, K.. teacher
    private readonly T[] _sqrtLam;
    private readonly T[] _z, _xi;
    private readonly double[] _lambda; // per coordinate, for the order parameters
    private readonly bool _isotropic;
    private readonly NormalSource _gen;
    private readonly Activation _g, _h;
    private readonly OutputNormalization _norm;
    private readonly double _a, _b, _stepScale, _invSqrtN;
    private readonly double[] _tFirst; // teacher first-order T (M×M), constant
    private readonly SimdLevel _level;

    public SgdSeedState(CommitteeSgdOptions o, int seed) : this(o, seed, o.SimdLevel) { }

    /// <summary>The same run forced onto one code path of the kernels and the generator (tests compare paths with it).</summary>
    internal SgdSeedState(CommitteeSgdOptions o, int seed, SimdLevel level)
    {
        _level = level;
        _n = o.N; _k = o.K; _m = o.M; _nl = o.EffectiveTrainableInputs;
        _g = o.Activation; _h = o.TeacherActivation; _norm = o.OutputNormalization;
        _a = o.OutputNormalization.Factor(_k);
        _b = o.OutputNormalization.Factor(_m);
        _invSqrtN = 1 / Math.Sqrt(_n);
        _stepScale = o.Eta * _invSqrtN;
        Seed = seed;
        var (student, teacher) = CommitteeWeights.Draw(seed, o.Spectrum, _k, _m, o.SigmaJ, _nl, o.UntrainedInputs, o.OrthonormalTeacher);
        _w = new T[(_k + _m) * _n];
        for (int i = 0; i < student.Length; i++) _w[i] = Cast(student[i]);
        for (int i = 0; i < teacher.Length; i++) _w[_k * _n + i] = Cast(teacher[i]);
        _lambda = o.Spectrum.ExpandEigenvalues();
        _sqrtLam = new T[_n];
        _isotropic = true;
        for (int a = 0; a < _n; a++)
        {
            _sqrtLam[a] = Cast(Math.Sqrt(_lambda[a]));
            if (_lambda[a] != 1.0) _isotropic = false;
        }
        _z = new T[_n];
        _xi = new T[_n];
        _gen = NormalSource.Create(o.Generator, seed, RandomStreams.Data, level);
        _tFirst = new double[_m * _m];
        for (int p = 0; p < _m; p++)
            for (int q = 0; q < _m; q++) _tFirst[p * _m + q] = WeightedDot(_k + p, _k + q);
    }

    public int Seed { get; }
    public long Step { get; private set; }
    public bool Diverged { get; set; }

    private static T Cast(double v) => typeof(T) == typeof(double) ? (T)(object)v : (T)(object)(float)v;
    private static double Back(T v) => typeof(T) == typeof(double) ? (double)(object)v : (float)(object)v;

    /// <summary>Runs <paramref name="steps"/> SGD steps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Advance(long steps)
    {
        for (long s = 0; s < steps; s++) OneStep();
        Step += steps;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void OneStep()
    {
        // The draw may be a view of the generator's own storage (Wallace's pool): read-only, valid for this step.
        ReadOnlySpan<T> z = _gen.Draw<T>(_z);
        ReadOnlySpan<T> xi = _isotropic ? z : _xi;
        int rows = _k + _m;
        int r = 0;
        bool scaled = _isotropic;
        // Per-step scratch on the stack: small arrays of different seeds on the heap could share a cache line
        // and turn every step into cross-core traffic when two threads advance neighbouring seeds.
        Span<double> dots = stackalloc double[_k + _m + 4];
        Span<double> xs = stackalloc double[_k];
        Span<double> coef = stackalloc double[_k];
        while (r < rows)
        {
            int left = rows - r;
            int n = _n;
            if (left >= 3)
            {
                int o3 = left >= 4 ? (r + 3) * n : r * n;
                if (!scaled) SgdKernels.Dot4<T, Yes>(z, _sqrtLam, _xi, _w, r * n, (r + 1) * n, (r + 2) * n, o3, dots[r..], _level);
                else SgdKernels.Dot4<T, No>(xi, _sqrtLam, _xi, _w, r * n, (r + 1) * n, (r + 2) * n, o3, dots[r..], _level);
                r += Math.Min(left, 4);
            }
            else if (left == 2)
            {
                if (!scaled) SgdKernels.Dot2<T, Yes>(z, _sqrtLam, _xi, _w, r * n, (r + 1) * n, dots[r..], _level);
                else SgdKernels.Dot2<T, No>(xi, _sqrtLam, _xi, _w, r * n, (r + 1) * n, dots[r..], _level);
                r += 2;
            }
            else
            {
                if (!scaled) SgdKernels.Dot1<T, Yes>(z, _sqrtLam, _xi, _w, r * n, dots[r..], _level);
                else SgdKernels.Dot1<T, No>(xi, _sqrtLam, _xi, _w, r * n, dots[r..], _level);
                r += 1;
            }
            scaled = true;
        }
        double sigma = 0, zeta = 0;
        for (int i = 0; i < _k; i++)
        {
            double x = dots[i] * _invSqrtN;
            xs[i] = x;
            sigma += Activations.G(_g, x);
        }
        for (int p = 0; p < _m; p++) zeta += Activations.G(_h, dots[_k + p] * _invSqrtN);
        double err = _b * zeta - _a * sigma;
        double common = _stepScale * _a * err;
        for (int i = 0; i < _k; i++) coef[i] = common * Activations.DG(_g, xs[i]);
        var trained = xi[.._nl];
        int u = 0;
        for (; u + 1 < _k; u += 2) SgdKernels.Update2<T>(trained, _w, u * _n, (u + 1) * _n, coef[u], coef[u + 1], _level);
        if (u < _k) SgdKernels.Update1<T>(trained, _w, u * _n, coef[u], _level);
    }

    /// <summary>(1/N) Σ_a λ_a W_ra W_sa in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double WeightedDot(int r, int s)
    {
        double sum = 0;
        int or = r * _n, os = s * _n;
        for (int a = 0; a < _n; a++) sum += _lambda[a] * Back(_w[or + a]) * Back(_w[os + a]);
        return sum / _n;
    }

    /// <summary>ε_g of the current weights from their exact first-order order parameters (spec §2.3).</summary>
    public double EpsG()
    {
        Span<double> q = stackalloc double[_k * _k];
        Span<double> r = stackalloc double[_k * _m];
        for (int i = 0; i < _k; i++)
        {
            for (int j = i; j < _k; j++) q[i * _k + j] = q[j * _k + i] = WeightedDot(i, j);
            for (int p = 0; p < _m; p++) r[i * _m + p] = WeightedDot(i, _k + p);
        }
        return GeneralizationError.Compute(_g, _h, _norm, q, r, _tFirst, _k, _m);
    }

    /// <summary>The full order parameters of the current weights (spec §2.2).</summary>
    public CommitteeOrderParameters OrderParameters(CommitteeSgdOptions o, double alpha)
    {
        var student = new double[_k * _n];
        var teacher = new double[_m * _n];
        for (int i = 0; i < student.Length; i++) student[i] = Back(_w[i]);
        for (int i = 0; i < teacher.Length; i++) teacher[i] = Back(_w[_k * _n + i]);
        return CommitteeWeights.Overlaps(student, teacher, o.Spectrum, _k, _m, _g, _h, o.OutputNormalization, Seed, alpha, Step)
            with { Generator = o.Generator.ToString() };
    }

    /// <summary>A copy of the weights in double (student K×N then teacher M×N), for tests.</summary>
    public double[] Weights()
    {
        var w = new double[_w.Length];
        for (int i = 0; i < w.Length; i++) w[i] = Back(_w[i]);
        return w;
    }
}
