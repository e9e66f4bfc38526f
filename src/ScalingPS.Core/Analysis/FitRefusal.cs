namespace ScalingPS.Core.Analysis;

/// <summary>
/// Why a fit declined to produce a number. Each reason is a stable error id "FitRefused.&lt;Reason&gt;" in the shell.
/// </summary>
public enum FitRefusal
{
    /// <summary>Fewer distinct points than the form has parameters plus one.</summary>
    TooFewPoints,
    /// <summary>The abscissa (or a second variable) spans less than the minimum number of decades needed for an exponent.</summary>
    RangeTooNarrow,
    /// <summary>The loss has no stationary point inside the parameter space: a term collapses to zero or the optimiser found no minimum.</summary>
    NoInteriorMinimum,
    /// <summary>A non-finite or non-positive value where a logarithm is taken.</summary>
    NonPositive,
    /// <summary>The data bend inside the window: its halves give exponents too different for one power law.</summary>
    NotPowerLaw,
}

/// <summary>A fit refused honestly instead of returning a meaningless number.</summary>
public sealed class FitRefusedException : Exception
{
    public FitRefusedException(FitRefusal reason, string message, object? offendingValue = null) : base(message)
    {
        Reason = reason;
        OffendingValue = offendingValue;
    }

    public FitRefusal Reason { get; }

    /// <summary>The value that caused the refusal, when there is one (for the error record's target).</summary>
    public object? OffendingValue { get; }

    /// <summary>The stable error id, e.g. "FitRefused.TooFewPoints".</summary>
    public string ErrorId => "FitRefused." + Reason;
}
