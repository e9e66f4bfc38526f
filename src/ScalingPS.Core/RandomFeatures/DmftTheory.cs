using System.Numerics;
using ScalingPS.Core.Numerics;

namespace ScalingPS.Core.RandomFeatures;

/// <summary>Test loss, train loss and bias of the theory at one time.</summary>
public readonly record struct TheoryValue(double Time, double TestLoss, double TrainLoss, double Bias);

/// <summary>
/// The DMFT theory of spec/random-features.md §2 evaluated with the recipe of §2.10: per time a
/// fixed-Talbot contour of 2n−1 nodes, κ at every node (largest real root at the real node, Newton
/// continuation outward), the 2n−1 × 2n−1 matrices Q₁, Q₂, T₁, T₂ as weighted Gram sums over the M
/// modes, the 2×2 system of §2.4 per node pair, and the contraction with the contour weights.
/// Discrete GD uses the map of §2.9: the resolvent is evaluated at z = (e^{ηs̃} − 1)/η with Jacobian
/// e^{ηs̃}, which turns the inverse Z-transform into a Laplace inversion at t = η·steps (valid while
/// η λ_max(FΣ̂) &lt; 1, the monotone regime, and for ≥ 1 step; fewer than 4 steps use a smaller order).
/// </summary>
public sealed class DmftTheory
{
    private const int Chunk = 512;
    private readonly RandomFeatureSettings _settings;
    private readonly double[] _lambda;
    private readonly double[][] _weights; // λw², λ²w², λ, λ² — for Q₁, Q₂, T₁, T₂
    private readonly double[] _biasWeight; // λw²
    private readonly KappaSolver _solver;
    private readonly double _sigma2;
    private readonly double _loss0;

    public DmftTheory(RandomFeatureSettings settings, int order = FixedTalbotContour.DefaultOrder)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (settings.Optimizer is RandomFeatureOptimizer.SGD)
            throw new ParameterException("Optimizer", settings.Optimizer, "The DMFT theory covers GradientFlow, GD and Momentum (spec §2.9 maps); use OnlineSgdTheory for SGD at N = ∞.");
        if (order < 4 || order > 24) throw new ParameterException("TalbotOrder", order, "The Talbot order n must be in [4, 24] (round-off grows like e^{2n/5}; 12–16 is the validated range).");
        if (settings.Optimizer == RandomFeatureOptimizer.GD && !(settings.Eta * settings.TimeFactor * settings.Lambda.Max() < 1))
            throw new ParameterException("Eta", settings.Eta, "The GD theory (Z-transform map) needs η·λ_max < 1 (monotone regime); the simulation handles 1 ≤ ηλ_max < 2.");
        _settings = settings;
        Order = order;
        _lambda = settings.Lambda;
        var w2 = settings.EffectiveTargetPower();
        int m = _lambda.Length;
        var q1 = new double[m];
        var q2 = new double[m];
        var t2 = new double[m];
        double l0 = 0;
        for (int k = 0; k < m; k++)
        {
            q1[k] = _lambda[k] * w2[k];
            q2[k] = q1[k] * _lambda[k];
            t2[k] = _lambda[k] * _lambda[k];
        }
        for (int k = m - 1; k >= 0; k--) l0 += q1[k];
        _weights = [q1, q2, (double[])_lambda.Clone(), t2];
        _biasWeight = q1;
        _loss0 = l0;
        _sigma2 = settings.Sigma * settings.Sigma;
        _solver = new KappaSolver(_lambda, settings.N, settings.P);
        if (settings.Optimizer == RandomFeatureOptimizer.Momentum)
        {
            // Heavy ball: every mode must have positive roots or a complex pair (ηu < (1+√μ)²); beyond, the roots are
            // negative and the iterate flips sign every step (a period-2 response no smooth contour represents).
            _lambdaHi = HeavyBallContour.SpectralEdge(_lambda, _solver.InvN, _solver.InvP);
            double eta = settings.Eta * settings.TimeFactor, mu = settings.Momentum;
            double limit = (1 + Math.Sqrt(mu)) * (1 + Math.Sqrt(mu));
            if (!(eta * _lambdaHi < limit))
                throw new ParameterException("Eta", settings.Eta,
                    $"The momentum theory needs η·λ_hi < (1+√μ)² = {limit:G4}, with λ_hi = {_lambdaHi:G4} the top of the spectrum of FΣ̂ at this N, P; the simulation handles up to η·λ < 2(1+μ).");
        }
    }

    private readonly double _lambdaHi;

    public int Order { get; }
    public RandomFeatureSettings Settings => _settings;
    public KappaSolver Solver => _solver;

    /// <summary>L(0) = Σ λ_k (w*_k)² (after target normalisation, without test noise).</summary>
    public double InitialLoss => _loss0;

    /// <summary>Test loss, train loss and bias at each time (t = 0 and t = +∞ are exact), in parallel over times.</summary>
    public TheoryValue[] Evaluate(IReadOnlyList<double> times, IProgress<EngineProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(times);
        foreach (var t in times)
        {
            if (!(t >= 0)) throw new ParameterException("Time", t, "Times must be ≥ 0 (Infinity gives the static limit).");
            // GD and momentum count whole steps (a long); beyond 1e15 steps use the t → ∞ limit.
            if (_settings.Optimizer is RandomFeatureOptimizer.GD or RandomFeatureOptimizer.Momentum && double.IsFinite(t) && t / _settings.Eta > MaxSteps)
                throw new ParameterException("Time", t, $"The {_settings.Optimizer} theory counts whole steps: at most {MaxSteps:G3} steps (t ≤ {MaxSteps * _settings.Eta:G4} at η = {_settings.Eta:G4}); use Infinity for the t → ∞ limit.");
            if (double.IsFinite(t) && t * _settings.TimeFactor > MaxTime)
                throw new ParameterException("Time", t, $"Times must be at most {MaxTime:G3} (or Infinity for the static limit).");
        }
        var result = new TheoryValue[times.Count];
        int done = 0;
        var options = new ParallelOptions { CancellationToken = cancellation };
        Parallel.For(0, times.Count, options, i =>
        {
            result[i] = EvaluateOne(times[i], cancellation);
            int d = Interlocked.Increment(ref done);
            progress?.Report(new EngineProgress((double)d / times.Count, $"t = {times[i]:G4} ({d}/{times.Count})"));
        });
        return result;
    }

    /// <summary>One time point.</summary>
    public TheoryValue EvaluateOne(double time, CancellationToken cancellation = default)
    {
        double noise = _settings.NoisyTestLabels ? _sigma2 : 0;
        if (time == 0) return new TheoryValue(0, _loss0 + noise, _loss0 + _sigma2, _loss0);
        if (double.IsPositiveInfinity(time))
        {
            var st = StaticLimit.Compute(_settings);
            return new TheoryValue(time, st.TestLoss, st.TrainLoss, st.Bias);
        }
        var (z, c) = Contour(time, out double reportedTime);
        var kappa = SolveKappa(z, cancellation);
        var (l, lt, b) = Contract(z, c, kappa, cancellation);
        // A train loss that has converged to 0 comes out of the contour as ±1e-16-sized round-off; report 0, not a
        // negative loss (anything more negative than the round-off level is left visible).
        double roundOff = 1e-11 * (_loss0 + _sigma2);
        if (lt < 0 && lt > -roundOff) lt = 0;
        if (l < 0 && l > -roundOff) l = 0;
        return new TheoryValue(reportedTime, l + noise, lt, b);
    }

    /// <summary>
    /// The mean transfer function H_k(t) = E[v_k(t)]/w*_k for every mode (spec §2.4 "mean dynamics").
    /// </summary>
    public double[] MeanTransfer(double time)
    {
        if (!(time > 0) || !double.IsFinite(time)) throw new ParameterException("Time", time, "Time must be finite and > 0.");
        var (z, c) = Contour(time, out _);
        var kappa = SolveKappa(z, default);
        int m = _lambda.Length, n = z.Length;
        var h = new double[m];
        var re = new double[m];
        var im = new double[m];
        for (int j = 0; j < n; j++)
        {
            ResolventKernels.Resolvent(_lambda, kappa[j], kappa[j] / z[j], re, im);
            double f = j == 0 ? 1 : 2;
            double cr = f * c[j].Real, ci = f * c[j].Imaginary;
            for (int k = 0; k < m; k++) h[k] += cr * re[k] - ci * im[k];
        }
        return h;
    }

    /// <summary>
    /// Timescale density of mode <paramref name="mode"/> (spec §2.9, Appendix F): ρ_k(u) = −(1/π) Im H_k(s = −u + iε),
    /// so that H_k(t) = ∫ ρ_k(u) e^{−ut} du. κ is continued from the real axis through the upper half plane
    /// (s₀ → s₀ + ih → −u + ih → −u + iε), never crossing the cut on the negative real axis. Point masses (at u = 0
    /// when min(N, P) &lt; M) appear as peaks of height ~1/(πε) and are not resolved.
    /// </summary>
    public double[] TimescaleDensity(int mode, IReadOnlyList<double> rates, double epsilon = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(rates);
        if (mode < 0 || mode >= _lambda.Length) throw new ParameterException("Mode", mode, $"Mode must be in [0, {_lambda.Length - 1}].");
        var result = new double[rates.Count];
        for (int i = 0; i < rates.Count; i++)
        {
            double u = rates[i];
            if (!(u > 0) || !double.IsFinite(u)) throw new ParameterException("Rate", u, "Rates u must be finite and > 0.");
            double s0 = 1 + u, h = 1 + u;
            Complex[] path = [new(s0, h), new(-u, h), new(-u, epsilon * (1 + u))];
            Complex sPrev = s0, kappa = _solver.SolveReal(s0);
            foreach (var s in path)
            {
                kappa = _solver.Continue(sPrev, kappa, s);
                sPrev = s;
            }
            var hk = kappa / sPrev / (_lambda[mode] + kappa);
            result[i] = -hk.Imaginary / Math.PI;
        }
        return result;
    }

    /// <summary>Upper-half contour nodes (resolvent arguments z_j) and weights for this optimiser.</summary>
    private (Complex[] Z, Complex[] C) Contour(double time, out double reportedTime)
    {
        double factor = _settings.TimeFactor;
        if (_settings.Optimizer == RandomFeatureOptimizer.GradientFlow)
        {
            reportedTime = time;
            var ct = FixedTalbotContour.Create(time * factor, Order);
            return (ct.Nodes, ct.Weights);
        }
        if (_settings.Optimizer == RandomFeatureOptimizer.Momentum)
        {
            long n = Math.Max(1, (long)Math.Round(time / _settings.Eta));
            reportedTime = StepTime(time, n);
            return HeavyBallContour.Create(n, _settings.Eta * factor, _settings.Momentum, _lambdaHi, Order);
        }
        // Discrete GD: steps = round(t/η); f(steps) = (1/2πi)∮(1+ηz)^steps F(z) dz; substituting
        // z = (e^{ηs̃}−1)/η gives a Laplace inversion in s̃ at t = η·steps with Jacobian e^{ηs̃}.
        // The contour must stay inside |Im s̃| < 2π/η (periodic copies): rπ < 2π/η ⇔ n < 5·steps.
        double eta = _settings.Eta * factor;
        long steps = Math.Max(1, (long)Math.Round(time / _settings.Eta));
        reportedTime = StepTime(time, steps);
        // Few steps: the inverse Z-transform on |x| = ½, the heavy-ball circle at zero momentum (G(x) = F(z)/(xη),
        // z = (1 − x)/(xη), whose image |z + 1/η| = 2/η encloses the spectrum [−λ_max, 0] for ηλ_max < 3).
        if (steps <= HeavyBallContour.CircleMaxSteps) return HeavyBallContour.Circle(steps, eta, mu: 0);
        int order = Order;
        var contour = FixedTalbotContour.Create(steps * eta, order);
        var z = new Complex[order];
        var c = new Complex[order];
        for (int j = 0; j < order; j++)
        {
            var e = Complex.Exp(eta * contour.Nodes[j]);
            z[j] = HeavyBallContour.ExpM1(eta * contour.Nodes[j]) / eta; // not e − 1: that loses digits as 1/steps
            c[j] = contour.Weights[j] * e;
        }
        z[0] = new Complex(z[0].Real, 0);
        return (z, c);
    }

    private const double MaxSteps = 1e15;
    private const double MaxTime = 1e250;

    /// <summary>
    /// The time of a whole number of steps: the requested time when it is that (up to rounding: 3 × 0.1 is
    /// 0.30000000000000004, which would no longer match a simulation's or a user's 0.3), else η·steps.
    /// </summary>
    private double StepTime(double requested, long steps)
    {
        double t = steps * _settings.Eta;
        return Math.Abs(t - requested) <= 1e-12 * t ? requested : t;
    }

    private Complex[] SolveKappa(Complex[] z, CancellationToken cancellation)
    {
        // κ on the principal sheet: continued through the closed upper half plane from the real node, and taken as
        // κ(z̄)‾ (Schwarz reflection) at nodes below the real axis. The continuation path then never crosses the cut on
        // [−λ_hi, 0], whichever side of the real axis a contour (momentum, or the GD circle) visits.
        var kappa = new Complex[z.Length];
        kappa[0] = _solver.SolveReal(z[0].Real);
        Complex prevZ = z[0], prevK = kappa[0];
        for (int j = 1; j < z.Length; j++)
        {
            cancellation.ThrowIfCancellationRequested();
            bool below = z[j].Imaginary < 0;
            var target = below ? Complex.Conjugate(z[j]) : z[j];
            prevK = _solver.Continue(prevZ, prevK, target);
            prevZ = target;
            kappa[j] = below ? Complex.Conjugate(prevK) : prevK;
        }
        return kappa;
    }

    /// <summary>Builds Q₁, Q₂, T₁, T₂ over the full symmetric node set, solves §2.4 and contracts with the weights.</summary>
    private (double Test, double Train, double Bias) Contract(Complex[] z, Complex[] c, Complex[] kappa, CancellationToken cancellation = default)
    {
        int n = z.Length, rows = 2 * n, m = _lambda.Length;
        // Gram sums G_w[a,b] = Σ_k w_k Y_a Y_b over rows Y = (Re H_0, Im H_0, Re H_1, Im H_1, …), chunked over k
        // so the 2n rows of a chunk stay in cache.
        var gram = new double[4][];
        for (int w = 0; w < 4; w++) gram[w] = new double[rows * rows];
        var y = new double[rows * Chunk];
        var wy = new double[rows * Chunk];
        var tmp = new double[Chunk];
        var hk = new double[Chunk];
        var a = new Complex[n];
        for (int j = 0; j < n; j++) a[j] = kappa[j] / z[j];
        double bias = 0;
        for (int k0 = 0; k0 < m; k0 += Chunk)
        {
            cancellation.ThrowIfCancellationRequested(); // wide momentum contours make one time point take seconds
            int len = Math.Min(Chunk, m - k0);
            var lam = _lambda.AsSpan(k0, len);
            for (int j = 0; j < n; j++)
                ResolventKernels.Resolvent(lam, kappa[j], a[j], y.AsSpan(2 * j * Chunk, len), y.AsSpan((2 * j + 1) * Chunk, len));
            // Bias: H_k(t) = Re Σ_J c_J H_Jk, nodes −j being conjugates of nodes j.
            var h = hk.AsSpan(0, len);
            h.Clear();
            for (int j = 0; j < n; j++)
            {
                double f = j == 0 ? 1 : 2;
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(y.AsSpan(2 * j * Chunk, len), f * c[j].Real, h, h);
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(y.AsSpan((2 * j + 1) * Chunk, len), -f * c[j].Imaginary, h, h);
            }
            var t = tmp.AsSpan(0, len);
            System.Numerics.Tensors.TensorPrimitives.Multiply(h, h, t);
            bias += System.Numerics.Tensors.TensorPrimitives.Dot(t, _biasWeight.AsSpan(k0, len));
            // In the kernel limit (N = P = ∞) C₀ = Q₁: the other three sums are multiplied by 1/N = 1/P = 0.
            int sums = _solver.IsKernelLimit ? 1 : 4;
            for (int w = 0; w < sums; w++)
            {
                var wk = _weights[w].AsSpan(k0, len);
                var g = gram[w];
                for (int r = 0; r < rows; r++)
                    System.Numerics.Tensors.TensorPrimitives.Multiply(y.AsSpan(r * Chunk, len), wk, wy.AsSpan(r * Chunk, len));
                // Lower triangle in blocks of four weighted rows against one plain row (register-blocked dots).
                // Row 1 (Im H₀) is identically 0 because κ₀ and s₀ are real; it costs 1/2n of the work and keeps the blocks aligned.
                int r0 = 0;
                for (; r0 + 4 <= rows; r0 += 4)
                    for (int q = 0; q < r0 + 4; q++)
                    {
                        DenseKernels.Dot4(wy.AsSpan(r0 * Chunk), Chunk, y.AsSpan(q * Chunk), len, out double d0, out double d1, out double d2, out double d3);
                        g[r0 * rows + q] += d0;
                        g[(r0 + 1) * rows + q] += d1;
                        g[(r0 + 2) * rows + q] += d2;
                        g[(r0 + 3) * rows + q] += d3;
                    }
                for (int r = r0; r < rows; r++)
                    for (int q = 0; q <= r; q++)
                        g[r * rows + q] += System.Numerics.Tensors.TensorPrimitives.Dot(wy.AsSpan(r * Chunk, len), y.AsSpan(q * Chunk, len));
            }
        }
        // Mirror the lower triangle (the 4-row blocks also filled a few upper entries with the same values).
        for (int w = 0; w < 4; w++)
            for (int r = 0; r < rows; r++)
                for (int q = 0; q < r; q++)
                    gram[w][q * rows + r] = gram[w][r * rows + q];

        // Per-node quantities on the full node set J = −(n−1)…(n−1).
        int full = 2 * n - 1;
        var zs = new Complex[full];
        var cs = new Complex[full];
        var r1 = new Complex[full];
        var r3 = new Complex[full];
        var dfs = new Complex[n];
        for (int j = 0; j < n; j++) dfs[j] = _solver.IsKernelLimit ? 0 : ResolventKernels.Complex(_lambda, kappa[j]).Df;
        for (int jj = 0; jj < full; jj++)
        {
            int j = jj - (n - 1);
            bool conj = j < 0;
            int u = Math.Abs(j);
            zs[jj] = conj ? Complex.Conjugate(z[u]) : z[u];
            cs[jj] = conj ? Complex.Conjugate(c[u]) : c[u];
            var df = conj ? Complex.Conjugate(dfs[u]) : dfs[u];
            var kap = conj ? Complex.Conjugate(kappa[u]) : kappa[u];
            (r1[jj], r3[jj]) = Responses(df, kap, zs[jj]);
        }
        double invP = _solver.InvP, invN = _solver.InvN, s2 = _sigma2;
        double test = 0, train = 0;
        for (int ja = 0; ja < full; ja++)
        {
            int j = ja - (n - 1), u = Math.Abs(j);
            double sg = j < 0 ? -1 : 1;
            for (int jb = 0; jb < full; jb++)
            {
                int jp = jb - (n - 1), v = Math.Abs(jp);
                double sgp = jp < 0 ? -1 : 1;
                var q1 = Product(gram[0], rows, u, sg, v, sgp);
                var q2 = Product(gram[1], rows, u, sg, v, sgp);
                var t1 = Product(gram[2], rows, u, sg, v, sgp);
                var t2 = Product(gram[3], rows, u, sg, v, sgp);
                var rho1 = r1[ja] * r1[jb];
                var rho3 = r3[ja] * r3[jb];
                var ss = zs[ja] * zs[jb];
                var rr = rho1 * rho3 * t2;
                var a11 = 1 - rr * invP;
                var a12 = -rho3 * t1 * invN;
                var a21 = -ss * rho1 * t1 * invP;
                var a22 = 1 - rr * invN;
                var b1 = q1 + rr * s2 * invP / ss;
                var b2 = rho1 * q2 + rho1 * t1 * s2 * invP;
                var c0 = (b1 * a22 - a12 * b2) / (a11 * a22 - a12 * a21);
                var c1 = rho1 * (c0 + s2 / ss);
                var ww = cs[ja] * cs[jb];
                test += (ww * c0).Real;
                train += (ww * c1).Real;
            }
        }
        return (test, train, bias);
    }

    /// <summary>
    /// R₁ = 1 − df/P and R₃ = 1 − df/N. At late times (|s| ≪ κ) one of them is O(s/κ) and computing it as
    /// 1 − df/·· loses digits to cancellation (the relative error grows like t); the smaller one is therefore
    /// taken from the exact identity R₁R₃ = s/κ, which holds to the precision of κ.
    /// </summary>
    private (Complex R1, Complex R3) Responses(Complex df, Complex kappa, Complex s)
    {
        Complex r1 = 1 - df * _solver.InvP, r3 = 1 - df * _solver.InvN;
        if (_solver.IsKernelLimit) return (1, 1);
        var product = s / kappa;
        if (_solver.InvN == _solver.InvP)
        {
            var root = Complex.Sqrt(product);
            if (Complex.Abs(root - r1) > Complex.Abs(root + r1)) root = -root;
            return (root, root);
        }
        if (Complex.Abs(r1) < Complex.Abs(r3)) r1 = product / r3; else r3 = product / r1;
        return (r1, r3);
    }

    /// <summary>Σ_k w_k H^σ_j H^σ'_j' with H^− = conj H, from the Gram sums of the real and imaginary rows.</summary>
    private static Complex Product(double[] g, int rows, int j, double sg, int jp, double sgp)
    {
        int rr = 2 * j, ri = 2 * j + 1, qr = 2 * jp, qi = 2 * jp + 1;
        double hrhr = g[rr * rows + qr];
        double hihi = j == 0 || jp == 0 ? 0 : g[ri * rows + qi];
        double hrhi = jp == 0 ? 0 : g[rr * rows + qi];
        double hihr = j == 0 ? 0 : g[ri * rows + qr];
        return new Complex(hrhr - sg * sgp * hihi, sgp * hrhi + sg * hihr);
    }
}
