using System.Numerics.Tensors;

namespace ScalingPS.Core.RandomFeatures;

/// <summary>
/// Exact simulation of the random-feature model of spec/random-features.md §1, by the recipe of §1.5:
/// Gaussian features ψ = Λ^{1/2}z, projection A (N×M, iid N(0,1)), P reused samples with labels
/// y = w*·ψ + σε; training solved in the eigenbasis of the N×N kernel G = (ΨAᵀ)ᵀ(ΨAᵀ)/(NP)
/// (or of the P×P Gram matrix when P &lt; N or N = ∞, which has the same non-zero spectrum), so gradient flow
/// is exact at any time and GD/momentum are exact per step. P = ∞ replaces Σ̂ by Λ. One-pass SGD draws
/// fresh samples in the eigenbasis of AΛAᵀ/N, where (features, label) are jointly Gaussian.
/// Losses: test vᵀΛv (+σ² with noisy test labels), train (1/P)‖Ψv + σε‖² (population L + σ² when P = ∞).
/// </summary>
public sealed partial class RandomFeatureSimulator
{
    private readonly RandomFeatureSettings _s;
    private readonly SimulationOptions _o;
    private readonly double[] _lambda;
    private readonly double[] _sqrtLambda;
    private readonly double[] _w2;
    private readonly int _m;
    private readonly double _loss0;

    public RandomFeatureSimulator(RandomFeatureSettings settings, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _o = options ?? new SimulationOptions();
        Check.Positive(_o.Ensemble, "Ensemble");
        Check.NonNegative(_o.InitScale, "InitScale");
        if (_o.InitScale > 0 && double.IsPositiveInfinity(settings.N))
            throw new ParameterException("InitScale", _o.InitScale, "A random initialisation needs a finite width N (at N = ∞ it is a Gaussian-process prior, not simulated).");
        _s = settings;
        _lambda = settings.Lambda;
        _m = _lambda.Length;
        _sqrtLambda = _lambda.Select(Math.Sqrt).ToArray();
        _w2 = settings.EffectiveTargetPower();
        for (int k = _m - 1; k >= 0; k--) _loss0 += _lambda[k] * _w2[k];
        // Memory guard: a member holds Ψ (P×M), A (N×M) and its basis (min(N,P)×M) or, with few time points, its
        // factored eigenvectors (k×k reflectors and ~1.7k² recorded rotations, k = min(N, P)): (P + N + k)·M + 3k² doubles.
        // While a member is built, the k×k kernel and the solver's copy of it (and the rotation log's growth) add up
        // to 3k² more, once.
        double n = settings.N, p = settings.P;
        double perMember = (double.IsPositiveInfinity(p) ? 0 : p) + (double.IsPositiveInfinity(n) ? 0 : n) + Math.Min(Math.Min(n, p), _m);
        double kernel = Math.Min(n, p);
        double kk = double.IsPositiveInfinity(kernel) ? 0 : 3 * kernel * kernel;
        double doubles = (perMember * _m + kk) * _o.Ensemble + kk;
        if (doubles > MaxDoubles)
        {
            string which = double.IsPositiveInfinity(n) || (!double.IsPositiveInfinity(p) && p > n) ? "P" : "N";
            throw new ParameterException(which, which == "P" ? p : n,
                $"The dense simulation would hold {doubles * 8 / 1e9:G3} GB per seed (E × ((P + N + min(N,P)) × M + 3 min(N,P)²) + 3 min(N,P)² doubles, limit {MaxDoubles * 8 / 1e9:G2} GB); reduce N, P, M or -Ensemble.");
        }
    }

    /// <summary>Largest number of doubles one seed may hold (1.2 GB).</summary>
    public const double MaxDoubles = 1.5e8;

    /// <summary>L(0) = Σ λ_k w*_k².</summary>
    public double InitialLoss => _loss0;

    /// <summary>
    /// Runs one seed; deterministic in (seed, settings, options) whatever the thread count. <paramref name="progress"/>
    /// gets the fraction of this seed done (per ensemble member built, and every 1024 SGD steps).
    /// </summary>
    public SimulationRun Run(int seed, IReadOnlyList<double> times, CancellationToken cancellation = default, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(times);
        foreach (var t in times)
            if (!(t >= 0 && t <= 1e100)) throw new ParameterException("Time", t, "Simulation times must be in [0, 1e100].");
        var wstar = new double[_m];
        var signs = new GaussianStream(seed, 0xFFFF);
        for (int k = 0; k < _m; k++) wstar[k] = Math.Sqrt(_w2[k]) * (_o.RandomSigns ? signs.NextSign() : 1.0);
        return _s.Optimizer == RandomFeatureOptimizer.SGD
            ? RunSgd(seed, times, wstar, cancellation, progress)
            : RunBatch(seed, times, wstar, cancellation, progress);
    }

    // ---------------------------------------------------------------- full-batch (GF, GD, momentum)

    /// <summary>
    /// One trained member: β(t) = BasisTᵀ (φ_t(g) ⊙ Coef), or diagonal (BasisT = null, Implicit = null) when N = P = ∞,
    /// or — when the basis is not formed — β(t) = Maps[last]ᵀ ⋯ Maps[0]ᵀ (U (φ_t(g) ⊙ Coef)) · MapScale, with U held
    /// in factored form (<see cref="Numerics.ImplicitEigenvectors"/>).
    /// </summary>
    private sealed class Member
    {
        public RowMatrix? BasisT;
        public Numerics.ImplicitEigenvectors? Implicit;
        public RowMatrix[]? Maps;
        public double MapScale = 1;
        public required double[] Eigen;
        public required double[] Coef;
        public RowMatrix? Psi;
        public double[]? Noise;
        /// <summary>Aᵀw(0)/√N, the initial predictor (null for w(0) = 0).</summary>
        public double[]? Offset;
    }

    /// <summary>How β(t) is formed from the eigendecomposition: by the cost model (Auto), or forced (tests, benches).</summary>
    internal enum PredictorRoute { Auto, Basis, Implicit }

    /// <summary>The predictor route; Auto except in tests that compare the two.</summary>
    internal PredictorRoute Route { get; init; } = PredictorRoute.Auto;

    /// <summary>
    /// Whether to form the basis (explicit eigenvectors U of the k×k kernel, then the k×M basis by <paramref name="basisFmas"/>
    /// multiply-adds) rather than keep U factored and map each time point's coefficients back through the maps
    /// (<paramref name="mapFmas"/> multiply-adds per time point). Costs in multiply-adds at the FMA peak, from
    /// rf-target's breakdown at k = 1000 on one core: the explicit eigenvectors cost ~11k³ more than the factored form;
    /// per time point, with the time points taken in blocks, U c costs ~4k² (~0.85k² rotations and k²/2 reflector
    /// multiply-adds, SIMD over the block) and the maps run as matrix products. At the target size (k = 1000,
    /// M = 4000) the basis pays from about 2000 time points.
    /// </summary>
    private bool FormsBasis(int timeCount, double k, double basisFmas, double mapFmas) => Route switch
    {
        PredictorRoute.Basis => true,
        PredictorRoute.Implicit => false,
        _ => timeCount * (4 * k * k + mapFmas) > basisFmas + 11 * k * k * k,
    };

    private SimulationRun RunBatch(int seed, IReadOnlyList<double> times, double[] wstar, CancellationToken ct, IProgress<double>? progress)
    {
        int e = _o.Ensemble;
        var members = new Member[e];
        RowMatrix? sharedPsi = null;
        double[]? sharedNoise = null;
        for (int i = 0; i < e; i++)
        {
            ct.ThrowIfCancellationRequested();
            RowMatrix? psi = null;
            double[]? noise = null;
            if (!double.IsPositiveInfinity(_s.P))
            {
                if (_o.SharedData && sharedPsi is not null) { psi = sharedPsi; noise = sharedNoise; }
                else
                {
                    var rng = new GaussianStream(seed, (ulong)(_o.SharedData ? 0 : i) * 4 + 1);
                    (psi, noise) = DrawData(rng);
                    if (_o.SharedData) { sharedPsi = psi; sharedNoise = noise; }
                }
            }
            members[i] = BuildMember(seed, i, psi, noise, wstar, times.Count, ct);
            // Building a member (data, kernel, eigendecomposition) is most of the work; the times are cheap after it.
            progress?.Report((i + 1.0) / (e + 1.0));
        }
        double maxRate = double.NaN;
        if (_s.Optimizer != RandomFeatureOptimizer.GradientFlow)
            maxRate = members.Max(mb => mb.Eigen.Length == 0 ? 0 : mb.Eigen.Max()) * _s.Eta * _s.TimeFactor;

        int nt = times.Count;
        var test = new double[nt];
        var train = new double[nt];
        var predictors = _o.KeepPredictor ? new double[nt][] : null;
        double diverged = double.NaN;
        // Time points in chunks: each member's predictors for a chunk come as one block (matrix products instead of
        // one matrix–vector product per time point), and so do the train residuals Ψ v.
        int chunk = Math.Min(TimeChunk, Math.Max(nt, 1));
        var beta = new double[chunk * _m];
        var part = new double[chunk * _m];
        var sq = new double[_m];
        for (int t0 = 0; t0 < nt; t0 += chunk)
        {
            ct.ThrowIfCancellationRequested();
            int tc = Math.Min(chunk, nt - t0);
            var ts = new double[tc];
            for (int t = 0; t < tc; t++) ts[t] = times[t0 + t];
            var betas = beta.AsSpan(0, tc * _m);
            betas.Clear();
            foreach (var mb in members)
            {
                PredictorBlock(mb, ts, part, ct);
                TensorPrimitives.MultiplyAdd(part.AsSpan(0, tc * _m), 1.0 / e, betas, betas);
            }
            // Residuals v_t = w* − β_t in place of β (row t of the block).
            for (int t = 0; t < tc; t++)
            {
                var row = betas.Slice(t * _m, _m);
                if (predictors is not null) predictors[t0 + t] = row.ToArray();
                TensorPrimitives.Subtract(wstar, row, row);
            }
            var lt = new double[tc];
            if (!double.IsPositiveInfinity(_s.P))
                foreach (var mb in members)
                {
                    // R = V Ψᵀ (tc × P): row t is Ψ v_t.
                    int p = mb.Psi!.Rows;
                    var r = new double[tc * p];
                    Numerics.Gemm.Multiply(tc, p, _m, 1, beta, _m, 1, mb.Psi.Data, 1, _m, r, p, false, ct, Sampling.SimdLevels.Best);
                    for (int t = 0; t < tc; t++)
                    {
                        var rt = r.AsSpan(t * p, p);
                        TensorPrimitives.Add(rt, mb.Noise!, rt);
                        lt[t] += TensorPrimitives.Dot(rt, rt) / p / e;
                    }
                }
            for (int t = 0; t < tc; t++)
            {
                var vt = betas.Slice(t * _m, _m);
                TensorPrimitives.Multiply(vt, vt, sq);
                double l = TensorPrimitives.Dot(sq, _lambda);
                if (double.IsPositiveInfinity(_s.P)) lt[t] = l + _s.Sigma * _s.Sigma;
                if (_s.NoisyTestLabels) l += _s.Sigma * _s.Sigma;
                test[t0 + t] = l;
                train[t0 + t] = lt[t];
                if (double.IsNaN(diverged) && (!double.IsFinite(l) || l > 1e6 * Math.Max(_loss0, 1e-300))) diverged = ts[t];
            }
        }
        return new SimulationRun { Seed = seed, Times = times.ToArray(), TestLoss = test, TrainLoss = train, MaxStepRate = maxRate, DivergedAt = diverged, Predictor = predictors };
    }

    /// <summary>P rows ψ_μ = Λ^{1/2} z_μ and the label noise σε.</summary>
    private (RowMatrix Psi, double[] Noise) DrawData(GaussianStream rng)
    {
        int p = (int)_s.P;
        var psi = new RowMatrix(p, _m);
        rng.Fill(psi.Data);
        for (int mu = 0; mu < p; mu++) TensorPrimitives.Multiply(psi.Row(mu), _sqrtLambda, psi.Row(mu));
        var noise = new double[p];
        rng.Fill(noise);
        TensorPrimitives.Multiply(noise, _s.Sigma, noise);
        return (psi, noise);
    }

    private RowMatrix DrawProjection(GaussianStream rng)
    {
        var a = new RowMatrix((int)_s.N, _m);
        rng.Fill(a.Data);
        return a;
    }

    private Member BuildMember(int seed, int index, RowMatrix? psi, double[]? noise, double[] wstar, int timeCount, CancellationToken ct)
    {
        bool nInf = double.IsPositiveInfinity(_s.N), pInf = double.IsPositiveInfinity(_s.P);
        if (nInf && pInf)
        {
            var c = new double[_m];
            TensorPrimitives.Multiply(_lambda, wstar, c);
            return new Member { Eigen = (double[])_lambda.Clone(), Coef = c };
        }
        RowMatrix? a = nInf ? null : DrawProjection(new GaussianStream(seed, (ulong)index * 4 + 2));
        // Training from w(0) = w0 is training from 0 towards the residual source b − G w0, plus w0:
        // w(t) = w0 + φ_t(G)(b − G w0) for gradient flow, GD and heavy ball alike (the homogeneous part is 1 − gφ).
        double[]? w0 = null, offset = null;
        if (_o.InitScale > 0)
        {
            w0 = new double[(int)_s.N];
            new GaussianStream(seed, (ulong)index * 4).Fill(w0);
            TensorPrimitives.Multiply(w0, _o.InitScale, w0);
            offset = new double[_m];
            DenseKernels.Atx(a!, w0, offset);
            TensorPrimitives.Multiply(offset, 1 / Math.Sqrt(_s.N), offset);
        }
        double[]? y = null;
        if (!pInf)
        {
            y = new double[psi!.Rows];
            DenseKernels.Ax(psi, wstar, y);
            TensorPrimitives.Add(y, noise!, y);
        }
        double n = _s.N, p = _s.P;
        if (!nInf && (pInf || n <= p))
        {
            // N×N kernel G and gradient-flow source b: w(t) = U φ_t(g) Uᵀ b, β = Aᵀ w/√N.
            RowMatrix g;
            var b = new double[(int)n];
            if (pInf)
            {
                var al = ScaleColumns(a!, _sqrtLambda);
                g = DenseKernels.ABt(al, al, 1 / n, ct);
                var lw = new double[_m];
                TensorPrimitives.Multiply(_lambda, wstar, lw);
                DenseKernels.Ax(a!, lw, b);
                TensorPrimitives.Multiply(b, 1 / Math.Sqrt(n), b);
            }
            else
            {
                var xt = DenseKernels.ABt(a!, psi!, 1, ct); // N×P = (ΨAᵀ)ᵀ
                g = DenseKernels.ABt(xt, xt, 1 / (n * p), ct);
                DenseKernels.Ax(xt, y!, b);
                TensorPrimitives.Multiply(b, 1 / (p * Math.Sqrt(n)), b);
            }
            if (w0 is not null)
            {
                var gw = new double[b.Length];
                DenseKernels.Ax(g, w0, gw);
                TensorPrimitives.Subtract(b, gw, b);
            }
            if (FormsBasis(timeCount, n, n * n * (double)_m, n * (double)_m))
            {
                var (u, eig) = Eigen(g, ct);
                var coef = new double[eig.Length];
                DenseKernels.Atx(u, b, coef);
                return new Member { BasisT = DenseKernels.AtB(u, a!, 1 / Math.Sqrt(n), ct), Eigen = eig, Coef = coef, Psi = psi, Noise = noise, Offset = offset };
            }
            return ImplicitMember(g, b, [a!], 1 / Math.Sqrt(n), psi, noise, offset, ct);
        }
        else
        {
            // P×P Gram (same non-zero spectrum): w(t) = Xᵀ φ_t(K) y/(P√N), so β = AᵀXᵀ U (φ ⊙ Uᵀy)/(NP); N = ∞: Ψᵀ U (φ ⊙ Uᵀy)/P.
            if (nInf)
            {
                var k = DenseKernels.ABt(psi!, psi!, 1 / p, ct);
                if (!FormsBasis(timeCount, p, p * p * (double)_m, p * (double)_m))
                    return ImplicitMember(k, y!, [psi!], 1 / p, psi, noise, null, ct);
                var (u, eig) = Eigen(k, ct);
                var basisT = DenseKernels.AtB(u, psi!, 1 / p, ct);
                var coef = new double[eig.Length];
                DenseKernels.Atx(u, y!, coef);
                return new Member { BasisT = basisT, Eigen = eig, Coef = coef, Psi = psi, Noise = noise };
            }
            else
            {
                var x = DenseKernels.ABt(psi!, a!, 1, ct); // P×N
                if (w0 is not null)
                {
                    // Residual labels y − f₀(x_μ), f₀ = X w0/√N.
                    var f0 = new double[y!.Length];
                    DenseKernels.Ax(x, w0, f0);
                    TensorPrimitives.MultiplyAdd(f0, -1 / Math.Sqrt(n), y, y);
                }
                var k = DenseKernels.ABt(x, x, 1 / (n * p), ct);
                if (!FormsBasis(timeCount, p, p * p * n + p * n * (double)_m, p * n + n * (double)_m))
                    return ImplicitMember(k, y!, [x, a!], 1 / (n * p), psi, noise, offset, ct);
                var (u, eig) = Eigen(k, ct);
                var xtu = DenseKernels.AtB(x, u, 1, ct);  // N×P = Xᵀ U
                var basisT = DenseKernels.AtB(xtu, a!, 1 / (n * p), ct);
                var coef = new double[eig.Length];
                DenseKernels.Atx(u, y!, coef);
                return new Member { BasisT = basisT, Eigen = eig, Coef = coef, Psi = psi, Noise = noise, Offset = offset };
            }
        }
    }

    /// <summary>A member whose eigenvectors stay factored: coefficients Uᵀy, β(t) mapped back through <paramref name="maps"/>.</summary>
    private static Member ImplicitMember(RowMatrix kernel, double[] y, RowMatrix[] maps, double scale, RowMatrix? psi, double[]? noise, double[]? offset, CancellationToken ct)
    {
        var (f, values) = ImplicitEigen(kernel, ct);
        var c = new double[values.Length];
        f.ToEigenbasis(y, c);
        return new Member { Implicit = f, Maps = maps, MapScale = scale, Eigen = values, Coef = c, Psi = psi, Noise = noise, Offset = offset };
    }

    /// <summary>The factored eigendecomposition, eigenvalues clamped at 0 against round-off as in <see cref="Eigen"/>.</summary>
    private static (Numerics.ImplicitEigenvectors F, double[] G) ImplicitEigen(RowMatrix symmetric, CancellationToken ct)
    {
        var f = Numerics.SymmetricEigen.DecomposeImplicit(symmetric.Data, symmetric.Rows, ct);
        return (f, ClampedAtZero(f.Values));
    }

    /// <summary>Eigenvalues of a Gram matrix are ≥ 0; round-off can leave tiny negative ones.</summary>
    private static double[] ClampedAtZero(ReadOnlySpan<double> values)
    {
        var g = new double[values.Length];
        for (int i = 0; i < g.Length; i++) g[i] = Math.Max(0, values[i]);
        return g;
    }

    private static RowMatrix ScaleColumns(RowMatrix a, double[] scale)
    {
        var r = new RowMatrix(a.Rows, a.Cols);
        for (int i = 0; i < a.Rows; i++) TensorPrimitives.Multiply(a.Row(i), scale, r.Row(i));
        return r;
    }

    /// <summary>
    /// Symmetric eigendecomposition (Numerics.SymmetricEigen: single-threaded because seeds run in parallel, and
    /// cancellable): U with the eigenvectors as columns, eigenvalues clamped at 0 against round-off.
    /// </summary>
    private static (RowMatrix U, double[] G) Eigen(RowMatrix symmetric, CancellationToken ct)
    {
        int n = symmetric.Rows;
        var (values, vectors) = Numerics.SymmetricEigen.Decompose(symmetric.Data, n, ct);
        var g = ClampedAtZero(values.AsSpan(0, n));
        var u = new RowMatrix(n, n);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++) u[i, j] = vectors[j * n + i];
        return (u, g);
    }

    /// <summary>Time points per block of predictors (a block holds TimeChunk × M doubles per member).</summary>
    private const int TimeChunk = 32;

    /// <summary>
    /// β(t) of one member at each of <paramref name="times"/>: row t of <paramref name="betas"/> (times.Length × M,
    /// row-major). The coefficients φ_t(g) ⊙ Coef form a k×T block, mapped back in matrix products.
    /// </summary>
    private void PredictorBlock(Member mb, double[] times, double[] betas, CancellationToken ct)
    {
        int r = mb.Eigen.Length, nt = times.Length;
        var level = Sampling.SimdLevels.Best;
        betas.AsSpan(0, nt * _m).Clear();
        if (mb.Implicit is null && mb.BasisT is null)
        {
            // N = P = ∞: the predictor is diagonal in feature space.
            for (int t = 0; t < nt; t++)
                for (int i = 0; i < r; i++) betas[t * _m + i] = Phi(mb.Eigen[i], times[t]) * mb.Coef[i];
        }
        else
        {
            var c = new double[r * nt];                      // c[i·T + t] = φ_t(g_i) Coef_i
            for (int i = 0; i < r; i++)
                for (int t = 0; t < nt; t++) c[i * nt + t] = Phi(mb.Eigen[i], times[t]) * mb.Coef[i];
            if (mb.Implicit is not null)
            {
                // W = U C (k×T), then through the maps: W ← mapᵀ W, and finally β (T×M) = MapScale · Wᵀ map_last.
                var w = new double[r * nt];
                mb.Implicit.FromEigenbasis(c, w, nt);
                for (int k = 0; k < mb.Maps!.Length - 1; k++)
                {
                    var map = mb.Maps[k];
                    var next = new double[map.Cols * nt];
                    Numerics.Gemm.Multiply(map.Cols, nt, map.Rows, 1, map.Data, 1, map.Cols, w, nt, 1, next, nt, false, ct, level);
                    w = next;
                }
                var last = mb.Maps[^1];
                Numerics.Gemm.Multiply(nt, _m, last.Rows, mb.MapScale, w, 1, nt, last.Data, _m, 1, betas, _m, false, ct, level);
            }
            else Numerics.Gemm.Multiply(nt, _m, r, 1, c, 1, nt, mb.BasisT!.Data, _m, 1, betas, _m, false, ct, level);
        }
        if (mb.Offset is not null)
            for (int t = 0; t < nt; t++)
            {
                var row = betas.AsSpan(t * _m, _m);
                TensorPrimitives.Add(row, mb.Offset, row);
            }
    }

    /// <summary>
    /// The filter φ with w(t) = φ(G) b: gradient flow (1 − e^{−tg})/g; GD (1 − (1 − ηg)^n)/g with
    /// n = round(t/η); heavy ball the solution of φ_{n+1} = (1+μ−ηg)φ_n − μφ_{n−1} + η, φ₀ = φ₋₁ = 0.
    /// The MSE objective doubles the rate (t and η × 2).
    /// </summary>
    internal double Phi(double g, double time)
    {
        double f = _s.TimeFactor;
        switch (_s.Optimizer)
        {
            case RandomFeatureOptimizer.GradientFlow:
            {
                double t = time * f;
                double x = t * g;
                return x < 1e-12 ? t : -double.ExpM1(-x) / g;
            }
            case RandomFeatureOptimizer.GD:
            {
                double eta = _s.Eta * f;
                long n = (long)Math.Round(time / _s.Eta);
                double eg = eta * g;
                if (eg < 1e-300) return n * eta;
                if (eg < 1) return -double.ExpM1(n * double.LogP1(-eg)) / g;
                return (1 - Math.Pow(1 - eg, n)) / g;
            }
            default:
                return HeavyBall(g, (long)Math.Round(time / _s.Eta), _s.Eta * f, _s.Momentum);
        }
    }

    /// <summary>φ_n by repeated squaring of the 3×3 transfer matrix of (φ_n, φ_{n−1}, 1).</summary>
    private static double HeavyBall(double g, long n, double eta, double mu)
    {
        Span<double> t = [1 + mu - eta * g, -mu, eta, 1, 0, 0, 0, 0, 1];
        Span<double> acc = [1, 0, 0, 0, 1, 0, 0, 0, 1];
        Span<double> tmp = stackalloc double[9];
        while (n > 0)
        {
            if ((n & 1) == 1) { Mul3(acc, t, tmp); tmp.CopyTo(acc); }
            Mul3(t, t, tmp);
            tmp.CopyTo(t);
            n >>= 1;
        }
        return acc[2]; // (acc · (0, 0, 1))[0]
    }

    private static void Mul3(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c)
    {
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                c[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
    }
}
