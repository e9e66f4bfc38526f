using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.RandomFeatures;

/// <summary>How the random-feature model is trained (spec/random-features.md §1.4, §2.9, §10 item 6).</summary>
public enum RandomFeatureOptimizer
{
    /// <summary>Gradient flow on the reused data set (exact; theory time = η × steps with η = 1).</summary>
    GradientFlow,
    /// <summary>Full-batch discrete gradient descent with step η; time = η × steps.</summary>
    GD,
    /// <summary>Heavy-ball momentum μ on full-batch GD; time = η × steps.</summary>
    Momentum,
    /// <summary>One-pass (online) SGD with batch size B on fresh samples (P = ∞); time = η × steps.</summary>
    SGD,
}

/// <summary>Objective whose gradient is followed (spec §10 item 2).</summary>
public enum TrainingObjective
{
    /// <summary>ẇ = −η ∇ ½L̂ (default, inferred convention of the reference numbers).</summary>
    HalfMse,
    /// <summary>ẇ = −η ∇ L̂: the dynamics run twice as fast (time × 2).</summary>
    Mse,
}

/// <summary>Target normalisation (spec §10 item 1).</summary>
public enum TargetNormalization
{
    /// <summary>y = w*·ψ + σε (default).</summary>
    None,
    /// <summary>y = w*·ψ/√M + σε, as the paper writes it: noiseless losses × 1/M.</summary>
    InverseSqrtM,
}

/// <summary>
/// One point of a random-feature learning curve: the same flat shape for the DMFT theory and the
/// simulation, so both pipe, fit and plot together. Losses are mean squared errors (no ½):
/// TestLoss = vᵀΛv (+σ² with noisy test labels), TrainLoss = (1/P)‖y − f‖², Bias = Σ λ_k w*_k² H_k(t)²
/// (the loss of the infinitely ensembled predictor). N and P are +∞ in the limits. Time is gradient-flow
/// time = η × steps. For aggregated simulation points TestLoss/TrainLoss are means over <see cref="Count"/>
/// seeds with standard errors; a single run or the theory has StdErr = null and Count = 1.
/// </summary>
public sealed record RandomFeaturePoint
{
    public string Model { get; init; } = "RandomFeature";
    public CurveSource Source { get; init; }
    public int Seed { get; init; }
    public double Time { get; init; }
    public double TestLoss { get; init; }
    public double TrainLoss { get; init; }
    /// <summary>The infinitely ensembled predictor's loss; null where it is not computed (single simulated seeds, random signs).</summary>
    public double? Bias { get; init; }
    /// <summary>Standard errors of aggregated simulation points; null for a single run or the theory.</summary>
    public double? StdErr { get; init; }
    public double? TrainStdErr { get; init; }
    public int Count { get; init; } = 1;
    /// <summary>The power law's exponents; null for an empirical spectrum.</summary>
    public double? A { get; init; }
    public double? B { get; init; }
    public double M { get; init; }
    public double N { get; init; }
    public double P { get; init; }
    public double Sigma { get; init; }
    public double Eta { get; init; } = 1;
    public RandomFeatureOptimizer Optimizer { get; init; }
    public double Momentum { get; init; }
    public int BatchSize { get; init; }
    public int Ensemble { get; init; } = 1;
    /// <summary>Gaussian features (synthetic), or Data: rows of a data matrix with their labels (TestLoss on held-out rows).</summary>
    public string Inputs { get; init; } = "Gaussian";
    /// <summary>Compute C = N × Time (spec §1.4); +∞ when N = ∞.</summary>
    public double Compute => N * Time;
}

/// <summary>
/// Everything that defines a random-feature experiment: spectrum λ_k, target power (w*_k)², width N,
/// data P (either may be +∞), label noise σ, optimiser and the [R] conventions of spec §10.
/// </summary>
public sealed record RandomFeatureSettings
{
    public required double[] Lambda { get; init; }
    /// <summary>(w*_k)² per mode, before the target normalisation.</summary>
    public required double[] TargetPower { get; init; }
    public double A { get; init; } = double.NaN;
    public double B { get; init; } = double.NaN;
    public double N { get; init; } = double.PositiveInfinity;
    public double P { get; init; } = double.PositiveInfinity;
    public double Sigma { get; init; }
    public RandomFeatureOptimizer Optimizer { get; init; } = RandomFeatureOptimizer.GradientFlow;
    public double Eta { get; init; } = 1;
    public double Momentum { get; init; }
    public int BatchSize { get; init; } = 1;
    public TrainingObjective Objective { get; init; } = TrainingObjective.HalfMse;
    public TargetNormalization TargetNormalization { get; init; } = TargetNormalization.None;
    /// <summary>Add σ² to the test loss (noisy test labels, spec §10 item 5).</summary>
    public bool NoisyTestLabels { get; init; }

    public int M => Lambda.Length;

    /// <summary>The spec's power-law model: λ_k = k^-b, (w*_k)² = k^-(a-b), k = 1..M.</summary>
    public static RandomFeatureSettings PowerLaw(int m, double a, double b, double n, double p, double sigma = 0)
    {
        var s = PowerLawSpectra.RandomFeature(m, a, b);
        return new RandomFeatureSettings { Lambda = s.CopyEigenvalues(), TargetPower = s.CopyTargetPower()!, A = a, B = b, N = n, P = p, Sigma = sigma };
    }

    /// <summary>From a spectrum with a target (New-PowerLawSpectrum -M -A -B, or an empirical one with -TargetPower).</summary>
    public static RandomFeatureSettings FromSpectrum(Spectrum spectrum, double n, double p, double sigma = 0)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        if (!spectrum.HasTarget)
            throw new ParameterException("Spectrum", spectrum.Convention, "The spectrum carries no target power (w*_k)²: use New-PowerLawSpectrum -M -A -B, or -Eigenvalue with -TargetPower.");
        // Expand multiplicities: every eigen-direction is a mode of its own.
        var lam = new List<double>();
        var tp = new List<double>();
        for (int i = 0; i < spectrum.DistinctCount; i++)
            for (int r = 0; r < spectrum.Multiplicities[i]; r++)
            {
                lam.Add(spectrum.Eigenvalues[i]);
                tp.Add(spectrum.TargetPower[i]);
            }
        return new RandomFeatureSettings { Lambda = lam.ToArray(), TargetPower = tp.ToArray(), A = spectrum.A ?? double.NaN, B = spectrum.B ?? double.NaN, N = n, P = p, Sigma = sigma };
    }

    /// <summary>Time multiplier of the objective: 2 for MSE, 1 for half-MSE.</summary>
    public double TimeFactor => Objective == TrainingObjective.Mse ? 2 : 1;

    /// <summary>(w*_k)² after the target normalisation.</summary>
    public double[] EffectiveTargetPower()
    {
        double f = TargetNormalization == TargetNormalization.InverseSqrtM ? 1.0 / M : 1.0;
        var r = new double[M];
        for (int k = 0; k < M; k++) r[k] = TargetPower[k] * f;
        return r;
    }

    /// <summary>Validates every field, naming the public cmdlet parameter on failure.</summary>
    public void Validate()
    {
        if (Lambda is null || Lambda.Length == 0) throw new ParameterException("M", 0, "M must be ≥ 1.");
        if (TargetPower is null || TargetPower.Length != Lambda.Length) throw new ParameterException("Spectrum", TargetPower?.Length, "Give one target power per eigenvalue.");
        for (int k = 0; k < Lambda.Length; k++)
        {
            if (!(Lambda[k] > 0) || !double.IsFinite(Lambda[k])) throw new ParameterException("Spectrum", Lambda[k], $"Eigenvalue {k + 1} must be finite and > 0.");
            if (!(TargetPower[k] >= 0) || !double.IsFinite(TargetPower[k])) throw new ParameterException("Spectrum", TargetPower[k], $"Target power {k + 1} must be finite and ≥ 0.");
        }
        CheckSize(N, "N");
        CheckSize(P, "P");
        // σ² enters every loss; beyond 1e100 the sums overflow to ∞/NaN instead of answering.
        if (!(Sigma >= 0 && Sigma <= 1e100)) throw new ParameterException("Sigma", Sigma, "Sigma (label-noise standard deviation) must be in [0, 1e100].");
        if (!(Eta > 0 && Eta <= 1e100)) throw new ParameterException("Eta", Eta, "Eta must be in (0, 1e100].");
        if (!(Momentum >= 0 && Momentum < 1)) throw new ParameterException("Momentum", Momentum, "Momentum μ must be in [0, 1).");
        Check.Positive(BatchSize, "BatchSize");
        if (Optimizer == RandomFeatureOptimizer.SGD && !double.IsPositiveInfinity(P))
            throw new ParameterException("P", P, "One-pass SGD draws fresh samples every step: P must be Infinity.");
    }

    private static void CheckSize(double v, string name)
    {
        if (double.IsPositiveInfinity(v)) return;
        if (!(v >= 1) || double.IsNaN(v) || v != Math.Floor(v) || v > int.MaxValue)
            throw new ParameterException(name, v, $"{name} must be a whole number ≥ 1, or Infinity for the limit.");
    }
}
