namespace ScalingPS.Core.Analysis;

/// <summary>
/// One fitted scaling law: the parameters, their bootstrap percentile intervals, the range fitted and the
/// goodness of fit (in log space, where the fit is done). Forms: PowerLaw y = A·x^-p (Offset is NaN);
/// PowerLawOffset y = E + A·x^-p; Chinchilla L = E + A·N^-a + B·D^-b with Exponent = a, Coefficient = A,
/// SecondExponent = b, SecondCoefficient = B (X = N, Z = D). Unused fields are NaN.
/// </summary>
public sealed record ScalingLawFit
{
    /// <summary>A <see cref="ScalingForm"/> name (a string so exported data carries the name).</summary>
    public string Form { get; init; } = "";
    /// <summary>The -GroupBy values of this fit, joined by ", " (empty without grouping).</summary>
    public string Group { get; init; } = "";
    public double? Exponent { get; init => field = Optional.Of(value); }
    public double? ExponentLower { get; init => field = Optional.Of(value); }
    public double? ExponentUpper { get; init => field = Optional.Of(value); }
    public double? Coefficient { get; init => field = Optional.Of(value); }
    public double? CoefficientLower { get; init => field = Optional.Of(value); }
    public double? CoefficientUpper { get; init => field = Optional.Of(value); }
    public double? Offset { get; init => field = Optional.Of(value); }
    public double? OffsetLower { get; init => field = Optional.Of(value); }
    public double? OffsetUpper { get; init => field = Optional.Of(value); }
    public double? SecondExponent { get; init => field = Optional.Of(value); }
    public double? SecondExponentLower { get; init => field = Optional.Of(value); }
    public double? SecondExponentUpper { get; init => field = Optional.Of(value); }
    public double? SecondCoefficient { get; init => field = Optional.Of(value); }
    public double? SecondCoefficientLower { get; init => field = Optional.Of(value); }
    public double? SecondCoefficientUpper { get; init => field = Optional.Of(value); }
    /// <summary>Coverage of every interval (e.g. 0.95).</summary>
    public double Confidence { get; init; }
    public double XMin { get; init; }
    public double XMax { get; init; }
    public double? ZMin { get; init => field = Optional.Of(value); }
    public double? ZMax { get; init => field = Optional.Of(value); }
    /// <summary>Number of points fitted.</summary>
    public int Points { get; init; }
    /// <summary>What the bootstrap resampled: Points or Clusters (whole seeds).</summary>
    public string Resampled { get; init; } = "";
    /// <summary>Number of resampling units (points, or distinct clusters).</summary>
    public int ResampleUnits { get; init; }
    /// <summary>Bootstrap resamples whose fit converged (the intervals are their percentiles).</summary>
    public int Resamples { get; init; }
    /// <summary>Huber threshold δ on ln-residuals (residuals beyond it count linearly).</summary>
    public double? HuberDelta { get; init => field = Optional.Of(value); }
    /// <summary>Root mean square of the residuals ln y − ln f(x).</summary>
    public double ResidualRms { get; init; }
    /// <summary>1 − SS_res/SS_tot of ln y.</summary>
    public double? RSquared { get; init => field = Optional.Of(value); }
    public string XProperty { get; init; } = "";
    public string YProperty { get; init; } = "";
    public string ZProperty { get; init; } = "";

    /// <summary>
    /// The bootstrap parameter draws behind the intervals, kept (not as a property, so Export-Csv stays tidy) for
    /// quantities derived from the fit, such as the compute-optimal exponents of a Chinchilla law. Two fits that
    /// differ only in their draws compare equal.
    /// </summary>
    internal BootstrapDraws? Draws { get; init; }

    /// <summary>The fitted law at x (PowerLaw, PowerLawOffset).</summary>
    public double Predict(double x) => Form switch
    {
        nameof(ScalingForm.PowerLaw) => Value(Coefficient) * Math.Pow(x, -Value(Exponent)),
        nameof(ScalingForm.PowerLawOffset) => Value(Offset) + Value(Coefficient) * Math.Pow(x, -Value(Exponent)),
        _ => throw new InvalidOperationException($"A {Form} law needs two arguments: Predict(x, z)."),
    };

    /// <summary>The fitted Chinchilla law at (N, D) = (x, z).</summary>
    public double Predict(double x, double z) => Form == nameof(ScalingForm.Chinchilla)
        ? Value(Offset) + Value(Coefficient) * Math.Pow(x, -Value(Exponent)) + Value(SecondCoefficient) * Math.Pow(z, -Value(SecondExponent))
        : throw new InvalidOperationException($"A {Form} law has one variable: use Predict(x).");

    /// <summary>A parameter for arithmetic: NaN where it does not apply (a refused fit's prediction is NaN, not an error).</summary>
    private static double Value(double? parameter) => parameter ?? double.NaN;
}

/// <summary>The local log–log slope d ln y / d ln x over one window of consecutive distinct x values.</summary>
public sealed record LocalSlopePoint
{
    public string Group { get; init; } = "";
    /// <summary>Geometric centre of the window's distinct x values.</summary>
    public double X { get; init; }
    public double XFrom { get; init; }
    public double XTo { get; init; }
    /// <summary>Least-squares slope of ln y on ln x in the window (negative for a decaying curve: the local exponent is −Slope).</summary>
    public double Slope { get; init; }
    public double? SlopeLower { get; init => field = Optional.Of(value); }
    public double? SlopeUpper { get; init => field = Optional.Of(value); }
    public double Confidence { get; init; }
    public int Points { get; init; }
    public string XProperty { get; init; } = "";
    public string YProperty { get; init; } = "";
}

/// <summary>Options of a scaling-law fit (public cmdlet parameter names in the validation messages).</summary>
public sealed record ScalingFitOptions
{
    /// <summary>Interval coverage, in (0, 1).</summary>
    public double Confidence { get; init; } = 0.95;
    /// <summary>Bootstrap resamples (0: no intervals).</summary>
    public int Bootstrap { get; init; } = 1000;
    public int Seed { get; init; }
    public ResampleMode Resample { get; init; } = ResampleMode.Auto;
    /// <summary>Minimum x (and z) range, in decades, for fitting an exponent.</summary>
    public double MinDecades { get; init; } = 1;
    /// <summary>Huber threshold on ln-residuals; NaN = 1.345 × the robust (MAD) scale of the residuals, re-estimated from the Huber fit.</summary>
    public double HuberDelta { get; init; } = double.NaN;
    /// <summary>LocalSlope window: number of consecutive distinct x values.</summary>
    public int Window { get; init; } = 5;
    public int MaxDegreeOfParallelism { get; init; } = -1;

    public void Validate()
    {
        Check.Between(Confidence, 0, 1, "Confidence");
        Check.Range(Bootstrap, 0, 1_000_000, "Bootstrap");
        Check.NonNegative(MinDecades, "MinDecades");
        if (!double.IsNaN(HuberDelta)) Check.Positive(HuberDelta, "HuberDelta");
        Check.Range(Window, 3, 100_000, "Window");
    }
}

/// <summary>
/// Bootstrap draws of [Exponent, Coefficient, Offset, SecondExponent, SecondCoefficient] and the small-sample
/// factor applied to their percentile intervals. Equal to any other instance, so that it does not take part in the
/// value equality of <see cref="ScalingLawFit"/>.
/// </summary>
internal sealed class BootstrapDraws(double[][] values, double widen)
{
    public double[][] Values { get; } = values;
    public double Widen { get; } = widen;
    public override bool Equals(object? obj) => obj is BootstrapDraws;
    public override int GetHashCode() => 0;
}
