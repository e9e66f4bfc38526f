namespace ScalingPS.Core.Committee;

/// <summary>Hidden-unit activation g (spec/committee.md §1.2, §9 item 4).</summary>
public enum Activation
{
    /// <summary>g(x) = erf(x/√2), the Saad–Solla choice for which the arcsin closed forms hold.</summary>
    Erf,
    /// <summary>g(x) = x.</summary>
    Linear,
    /// <summary>g(x) = max(0, x).</summary>
    ReLU,
}

/// <summary>Second-layer output factor (spec/committee.md §9 item 3).</summary>
public enum OutputNormalization
{
    /// <summary>1/√K for the student and 1/√M for the teacher (default, inferred from the M²/L plateau scaling).</summary>
    InverseSqrt,
    /// <summary>No factor (plain Saad–Solla): plateau heights ×K, escape rates ×K.</summary>
    None,
    /// <summary>1/K and 1/M: escape time ∝ M³.</summary>
    Inverse,
}

public static class OutputNormalizationExtensions
{
    /// <summary>The second-layer weight of each of <paramref name="units"/> hidden units.</summary>
    public static double Factor(this OutputNormalization norm, int units) => norm switch
    {
        OutputNormalization.InverseSqrt => 1.0 / Math.Sqrt(units),
        OutputNormalization.None => 1.0,
        OutputNormalization.Inverse => 1.0 / units,
        _ => throw new ArgumentOutOfRangeException(nameof(norm)),
    };
}

/// <summary>
/// One point of a committee learning curve, the same shape for SGD, ODE and closed-form theory so that
/// they pipe, fit and plot together. α = examples / N; EpsG = ½E[(σ−ζ)²] (with the ½).
/// For aggregated points EpsG is the mean over <see cref="Count"/> seeds and StdErr its standard error;
/// for a single run StdErr is null and Count is 1.
/// </summary>
public sealed record CommitteePoint
{
    public string Model { get; init; } = "Committee";
    /// <summary>Theory, Ode or Simulation (a <see cref="CurveSource"/> name): a string so exported data carries the name.</summary>
    public string Source { get; init; } = "";
    public int Seed { get; init; }
    public double Alpha { get; init; }
    public long Step { get; init; }
    public double EpsG { get; init; }
    /// <summary>Standard error of an aggregated EpsG; null for a single run or a theory point.</summary>
    public double? StdErr { get; init; }
    public int Count { get; init; } = 1;
    public int N { get; init; }
    public int K { get; init; }
    public int M { get; init; }
    public int L { get; init; }
    /// <summary>The committee power law's β; null for a spectrum given otherwise.</summary>
    public double? Beta { get; init; }
    public double Eta { get; init; }
    /// <summary>The initial weight scale; null when the run started from given order parameters.</summary>
    public double? SigmaJ { get; init; }
    /// <summary>Names of an <see cref="Committee.Activation"/> and an <see cref="Committee.OutputNormalization"/> (strings, so exported data carries names).</summary>
    public string Activation { get; init; } = "";
    public string TeacherActivation { get; init; } = "";
    public string OutputNormalization { get; init; } = "";
    /// <summary>Number of trained input directions N_l (= N when all are trained).</summary>
    public int TrainableInputs { get; init; }
    /// <summary>Where the inputs came from: Gaussian (synthetic), or rows of a data matrix (Data, WhitenedData, RawData).</summary>
    public string Inputs { get; init; } = "Gaussian";
    /// <summary>
    /// For runs on data: ε_g of the same weights under Gaussian inputs with the training rows' covariance (what the
    /// empirical-spectrum theory describes), beside EpsG measured on the held-out rows. Null for Gaussian runs.
    /// </summary>
    public double? EpsGSpectral { get; init; }
    /// <summary>
    /// The normal generator of a simulation's Gaussian inputs (a <see cref="Sampling.GaussianGenerator"/> name:
    /// Ziggurat or Wallace), so a run can be reproduced; null for theory, ODE and data-row runs.
    /// </summary>
    public string? Generator { get; init; }
}
