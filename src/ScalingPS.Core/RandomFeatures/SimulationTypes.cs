namespace ScalingPS.Core.RandomFeatures;

/// <summary>Simulation choices that are not part of the model itself (spec §10 items 4 and 9).</summary>
public sealed record SimulationOptions
{
    /// <summary>Members E whose predictors are averaged (independent A; independent data unless <see cref="SharedData"/>).</summary>
    public int Ensemble { get; init; } = 1;
    /// <summary>All ensemble members train on one data set (spec §10 item 9 alternative).</summary>
    public bool SharedData { get; init; }
    /// <summary>Random signs of w*_k (drawn per seed) instead of all +.</summary>
    public bool RandomSigns { get; init; }
    /// <summary>
    /// Standard deviation of a random initialisation w_i(0) ~ N(0, InitScale²) (spec §10 item 3; default 0 = w(0) = 0).
    /// Not part of the §2 theory: it adds an initial-variance term InitScale² tr Λ at t = 0, which ensembling reduces.
    /// </summary>
    public double InitScale { get; init; }
    /// <summary>Keep the ensemble predictor β(t) of every time (needed for the bias estimate over seeds).</summary>
    public bool KeepPredictor { get; init; }
}

/// <summary>One simulated run (one seed, possibly an ensemble): losses at the requested times.</summary>
public sealed class SimulationRun
{
    public required int Seed { get; init; }
    public required double[] Times { get; init; }
    public required double[] TestLoss { get; init; }
    public required double[] TrainLoss { get; init; }
    /// <summary>Largest η·g over members' kernel eigenvalues (GD diverges when ≥ 2; momentum when ≥ 2(1+μ)); NaN for gradient flow.</summary>
    public double MaxStepRate { get; init; } = double.NaN;
    /// <summary>First reported time whose loss is not finite (or above 10⁶ L(0)); NaN when the run stayed bounded.</summary>
    public double DivergedAt { get; init; } = double.NaN;
    /// <summary>Ensemble predictor β(t) in feature space per time (only with <see cref="SimulationOptions.KeepPredictor"/>).</summary>
    public double[][]? Predictor { get; init; }
}
