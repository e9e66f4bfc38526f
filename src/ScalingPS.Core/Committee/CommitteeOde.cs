using ScalingPS.Core.Numerics;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.Committee;

/// <summary>Which terms of the order-parameter ODE to keep (spec/committee.md §2.4, §9 item 8).</summary>
public enum OdeOrder
{
    /// <summary>Keep the η² (noise) term: the exact N → ∞ dynamics of one-pass SGD.</summary>
    Full,
    /// <summary>Drop it: the O(η) truncation, in which α and η enter only through ηα.</summary>
    Eta,
}

/// <summary>How the ODE's initial order parameters are made.</summary>
public enum OdeInitial
{
    /// <summary>From random weights J ~ N(0, σ_J²), B ~ N(0, 1) drawn with the seed at finite N (the asymmetry that ends the plateau).</summary>
    Random,
    /// <summary>Exactly symmetric: R_τ = 0, Q_τ = σ_J² I, T_τ = I. Never leaves the plateau.</summary>
    Symmetric,
}

/// <summary>The initial per-group order parameters of an ODE run (arrays row-major as in <see cref="CommitteeOrderParameters"/>).</summary>
public sealed record CommitteeOdeStart
{
    public required double[] Eigenvalues { get; init; }
    public required double[] GroupWeights { get; init; }
    /// <summary>L×K×M.</summary>
    public required double[] RTau { get; init; }
    /// <summary>L×K×K.</summary>
    public required double[] QTau { get; init; }
    /// <summary>L×M×M.</summary>
    public required double[] TTau { get; init; }
    public int N { get; init; }
    public int K { get; init; }
    public int M { get; init; }
    public int Seed { get; init; }
    public double Alpha { get; init; }
    public double? Beta { get; init; }
    /// <summary>
    /// Integrate on the symmetric subspace (all R_in equal, all Q_ii equal, all Q_i≠k equal in each group). Set by
    /// <see cref="Symmetric"/>: the plateau is unstable, so without this the rounding differences between
    /// components, amplified by e^{γ_esc α}, would end it after α ≈ 36/γ_esc.
    /// </summary>
    public bool ExactlySymmetric { get; init; }
    public int L => Eigenvalues.Length;

    /// <summary>Exactly symmetric start: R_τ = 0, Q_τ = σ_J²I, T_τ = I in every group.</summary>
    public static CommitteeOdeStart Symmetric(Spectrum spectrum, int k, int m, double sigmaJ)
    {
        CheckShape(spectrum, k, m, sigmaJ);
        int l = spectrum.DistinctCount;
        var q = new double[l * k * k];
        var t = new double[l * m * m];
        for (int g = 0; g < l; g++)
        {
            for (int i = 0; i < k; i++) q[g * k * k + i * k + i] = sigmaJ * sigmaJ;
            for (int n = 0; n < m; n++) t[g * m * m + n * m + n] = 1;
        }
        return new CommitteeOdeStart
        {
            Eigenvalues = spectrum.CopyEigenvalues(), GroupWeights = Weights(spectrum),
            RTau = new double[l * k * m], QTau = q, TTau = t, N = spectrum.Dimension, K = k, M = m, Beta = spectrum.Beta,
            ExactlySymmetric = true,
        };
    }

    /// <summary>From random weights drawn with <paramref name="seed"/> (the same draw as the simulation's).</summary>
    public static CommitteeOdeStart Random(Spectrum spectrum, int k, int m, double sigmaJ, int seed)
    {
        CheckShape(spectrum, k, m, sigmaJ);
        var (student, teacher) = CommitteeWeights.Draw(seed, spectrum.Dimension, k, m, sigmaJ);
        return FromWeights(spectrum, k, m, student, teacher, seed);
    }

    /// <summary>Per-group overlaps X_τ = (1/m_τ) Σ_{a∈E_τ} of given weights (student K×N, teacher M×N, row-major).</summary>
    public static CommitteeOdeStart FromWeights(Spectrum spectrum, int k, int m, ReadOnlySpan<double> student, ReadOnlySpan<double> teacher, int seed)
    {
        int n = spectrum.Dimension, l = spectrum.DistinctCount;
        var mult = spectrum.CopyMultiplicities();
        var r = new double[l * k * m];
        var q = new double[l * k * k];
        var t = new double[l * m * m];
        int offset = 0;
        for (int g = 0; g < l; g++)
        {
            int len = mult[g];
            double inv = 1.0 / len;
            for (int i = 0; i < k; i++)
            {
                var ji = student.Slice(i * n + offset, len);
                for (int p = 0; p < m; p++) r[(g * k + i) * m + p] = inv * Dot(ji, teacher.Slice(p * n + offset, len));
                for (int j = 0; j < k; j++) q[(g * k + i) * k + j] = inv * Dot(ji, student.Slice(j * n + offset, len));
            }
            for (int p = 0; p < m; p++)
                for (int s = 0; s < m; s++) t[(g * m + p) * m + s] = inv * Dot(teacher.Slice(p * n + offset, len), teacher.Slice(s * n + offset, len));
            offset += len;
        }
        return new CommitteeOdeStart
        {
            Eigenvalues = spectrum.CopyEigenvalues(), GroupWeights = Weights(spectrum),
            RTau = r, QTau = q, TTau = t, N = n, K = k, M = m, Seed = seed, Beta = spectrum.Beta,
        };
    }

    /// <summary>From order parameters emitted elsewhere (e.g. by the SGD simulator), validated for shape.</summary>
    public static CommitteeOdeStart FromOrderParameters(CommitteeOrderParameters op)
    {
        ArgumentNullException.ThrowIfNull(op);
        int l = op.Eigenvalues.Length, k = op.K, m = op.M;
        if (k < 1 || m < 1 || l < 1)
            throw new ParameterException("InitialState", $"K={k}, M={m}, L={l}", "The order parameters need K, M ≥ 1 and at least one eigenvalue.");
        if (op.RTau.Length != l * k * m || op.QTau.Length != l * k * k || op.TTau.Length != l * m * m)
            throw new ParameterException("InitialState", $"RTau {op.RTau.Length}, QTau {op.QTau.Length}, TTau {op.TTau.Length}",
                $"Per-group arrays must be L×K×M = {l * k * m}, L×K×K = {l * k * k}, L×M×M = {l * m * m} long.");
        var w = op.GroupWeights.Length == l ? (double[])op.GroupWeights.Clone() : Enumerable.Repeat(1.0 / l, l).ToArray();
        return new CommitteeOdeStart
        {
            Eigenvalues = (double[])op.Eigenvalues.Clone(), GroupWeights = w,
            RTau = (double[])op.RTau.Clone(), QTau = (double[])op.QTau.Clone(), TTau = (double[])op.TTau.Clone(),
            N = op.N, K = k, M = m, Seed = op.Seed, Alpha = op.Alpha,
        };
    }

    /// <summary>K, M and σ_J in range, and the ODE state (L·(KM + K² + M²) doubles) and, for a random start, the
    /// drawn weights ((K + M)·N doubles) within memory — checked before anything is allocated.</summary>
    private static void CheckShape(Spectrum spectrum, int k, int m, double sigmaJ)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        Check.Range(k, 1, CommitteeLimits.MaxUnits, "K");
        Check.Range(m, 1, CommitteeLimits.MaxUnits, "M");
        CommitteeLimits.CheckSigmaJ(sigmaJ);
        double state = (double)spectrum.DistinctCount * ((double)k * m + (double)k * k + (double)m * m);
        Check.Memory(8 * (4 * state + (double)(k + m) * spectrum.Dimension), "N", spectrum.Dimension,
            "the ODE holds L·(KM + K² + M²) order parameters (several copies in the integrator) and draws (K + M)·N weights; use a smaller N, L, K or M.");
    }

    private static double[] Weights(Spectrum s)
    {
        var w = new double[s.DistinctCount];
        for (int g = 0; g < w.Length; g++) w[g] = (double)s.Multiplicities[g] / s.Dimension;
        return w;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}

/// <summary>Settings of an ODE run other than the initial state.</summary>
public sealed record CommitteeOdeSettings
{
    public double Eta { get; init; } = 0.1;
    public Activation Activation { get; init; } = Activation.Erf;
    public OutputNormalization OutputNormalization { get; init; } = OutputNormalization.InverseSqrt;
    public OdeOrder Order { get; init; } = OdeOrder.Full;
    public OdeOptions Solver { get; init; } = new();
}

/// <summary>Integrates the eigen-component order-parameter ODE (spec/committee.md §2.2) from a start to a list of α.</summary>
public static class CommitteeOde
{
    /// <summary>The ODE system for a start and settings.</summary>
    public static CommitteeOdeSystem CreateSystem(CommitteeOdeStart start, CommitteeOdeSettings settings) =>
        new(start.K, start.M, start.Eigenvalues, start.GroupWeights, start.TTau, settings.Eta, settings.Activation,
            settings.OutputNormalization, settings.Order == OdeOrder.Full) { Symmetric = start.ExactlySymmetric };

    /// <summary>
    /// Runs the ODE and calls <paramref name="onPoint"/>(α, ε_g, system, state) at each α of
    /// <paramref name="alphas"/> (ascending, after the start's α). Progress is by log α.
    /// </summary>
    /// <param name="start">Initial order parameters.</param>
    /// <param name="settings">η, activation, normalisation, order and solver options.</param>
    /// <param name="alphas">Output α, ascending, after the start's α.</param>
    /// <param name="onPoint">Called with (α, ε_g, system, state) at each output.</param>
    /// <param name="progress">Progress by log α (optional).</param>
    /// <param name="cancellation">Checked every step.</param>
    /// <param name="emitStart">Also report the initial state (at the start's α) before integrating.</param>
    public static OdeStatistics Run(CommitteeOdeStart start, CommitteeOdeSettings settings, IReadOnlyList<double> alphas,
        Action<double, double, CommitteeOdeSystem, double[]> onPoint, IProgress<EngineProgress>? progress, CancellationToken cancellation,
        bool emitStart = false)
    {
        ArgumentNullException.ThrowIfNull(alphas);
        settings.Solver.Validate();
        Check.Positive(settings.Eta, "Eta");
        if (emitStart)
        {
            var sys0 = CreateSystem(start, settings);
            var y0 = sys0.Pack(start.RTau, start.QTau);
            onPoint(start.Alpha, sys0.GeneralizationErrorOf(y0), sys0, y0);
        }
        if (alphas.Count == 0) return new OdeStatistics();
        for (int i = 0; i < alphas.Count; i++)
        {
            if (!(alphas[i] > start.Alpha) || !double.IsFinite(alphas[i]))
                throw new ParameterException("Alpha", alphas[i], $"Output α must be finite and after the start α = {start.Alpha}.");
            if (i > 0 && alphas[i] <= alphas[i - 1]) throw new ArgumentException("Output α must be strictly ascending.", nameof(alphas));
        }
        var system = CreateSystem(start, settings);
        var y = system.Pack(start.RTau, start.QTau);
        var solver = new AdaptiveOdeSolver(system, settings.Solver);
        double first = Math.Max(alphas[0], 1e-300), last = alphas[^1];
        double logSpan = Math.Log(last / first);
        solver.Integrate(y, start.Alpha, alphas,
            (a, state) =>
            {
                double eps = system.GeneralizationErrorOf(state);
                if (!double.IsFinite(eps)) throw new OdeDivergedException(a, "ε_g is not finite");
                // Once the student has converged, ε_g is a difference of O(1) terms below the integrator's absolute
                // resolution and can come out as −1e-12; it is reported as 0 (ε_g ≥ 0 by definition).
                if (eps < 0) eps = 0;
                onPoint(a, eps, system, state);
            },
            cancellation,
            progress is null ? null : a =>
            {
                double f = a <= first ? 0 : logSpan > 0 ? Math.Log(a / first) / logSpan : 1;
                progress.Report(new EngineProgress(f, $"α = {a:G4} of {last:G4}"));
            });
        return solver.Statistics;
    }

    /// <summary>The order parameters of an ODE state, in the same record the simulator emits.</summary>
    public static CommitteeOrderParameters OrderParameters(CommitteeOdeStart start, CommitteeOdeSystem system, double[] y, double alpha, double epsG)
    {
        var (rTau, qTau) = system.Unpack(y);
        var (q, r) = system.FirstOrder(y);
        return new CommitteeOrderParameters
        {
            Source = CurveSource.Ode, Seed = start.Seed, Alpha = alpha, N = start.N, K = start.K, M = start.M, L = start.L,
            Eigenvalues = (double[])start.Eigenvalues.Clone(), GroupWeights = (double[])start.GroupWeights.Clone(),
            R = r, Q = q, T = system.FirstOrderT.ToArray(), RTau = rTau, QTau = qTau, TTau = (double[])start.TTau.Clone(), EpsG = epsG,
        };
    }

    /// <summary>
    /// <paramref name="points"/> log-spaced α from <paramref name="alphaMin"/> to <paramref name="alphaMax"/> inclusive.
    /// With <paramref name="n"/> &gt; 0 each α is rounded to a whole number of SGD steps (α = step/N, duplicates
    /// dropped), exactly as the simulator places its checkpoints, so ODE and SGD points share their α.
    /// </summary>
    public static double[] LogGrid(double alphaMin, double alphaMax, int points, int n = 0)
    {
        Check.Positive(alphaMax, "Alpha");
        Check.Positive(alphaMin, "AlphaMin");
        Check.Range(points, 1, CommitteeLimits.MaxPoints, "Points");
        if (alphaMin > alphaMax) throw new ParameterException("AlphaMin", alphaMin, $"AlphaMin must not exceed Alpha = {alphaMax}.");
        var g = new List<double>(points);
        for (int p = 0; p < points; p++)
        {
            double a = points == 1 ? alphaMax : p == points - 1 ? alphaMax : alphaMin * Math.Pow(alphaMax / alphaMin, (double)p / (points - 1));
            if (n > 0) a = Math.Round(a * n) / n;
            if (a > 0 && (g.Count == 0 || a > g[^1])) g.Add(a);
        }
        return [.. g];
    }
}
