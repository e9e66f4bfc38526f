namespace ScalingPS.Core.RandomFeatures;

/// <summary>Which model-bottleneck exponent the compute-optimal formulas use (spec §10 item 8).</summary>
public enum ModelExponentConvention
{
    /// <summary>m = min(a − 1, b): derived from the theory and confirmed by simulation (default, spec §3.3).</summary>
    Derived,
    /// <summary>m = min(a − 1, 2b), as the paper is quoted; identical to Derived when a − 1 &lt; b.</summary>
    Paper,
}

/// <summary>
/// The predicted power-law exponents of spec §3 for λ_k = k^-b and λ_k w*_k² = k^-a. Loss exponents are decay
/// rates (L ~ t^-TimeExponent); the compute-optimal allocation exponents are growth rates (N* ~ C^ComputeWidthExponent).
/// </summary>
public sealed record ScalingExponents(double A, double B, ModelExponentConvention ConventionKind = ModelExponentConvention.Derived)
{
    /// <summary>The <see cref="ModelExponentConvention"/> name (a string so exported data carries the name).</summary>
    public string Convention => ConventionKind.ToString();
    internal ModelExponentConvention ConventionKind { get; init; } = ConventionKind;
    public string Model { get; } = "RandomFeature";
    /// <summary>True in the hard-task regime a − 1 &lt; b, where both model-exponent conventions agree.</summary>
    public bool HardTask => A - 1 < B;
    /// <summary>L ~ t^-(a−1)/b (time bottleneck, §3.2).</summary>
    public double TimeExponent => (A - 1) / B;
    /// <summary>L ~ P^-min(a−1, 2b) (data bottleneck, §3.3).</summary>
    public double DataExponent => Math.Min(A - 1, 2 * B);
    /// <summary>L ~ N^-m (model bottleneck, §3.3), m per <see cref="Convention"/>.</summary>
    public double ModelExponent => Math.Min(A - 1, ConventionKind == ModelExponentConvention.Derived ? B : 2 * B);
    /// <summary>N* ~ C^{r_t/(r_t + r_N)} at C = N t, P = ∞ (§3.4).</summary>
    public double ComputeWidthExponent => TimeExponent / (TimeExponent + ModelExponent);
    /// <summary>t* ~ C^{r_N/(r_t + r_N)}.</summary>
    public double ComputeTimeExponent => ModelExponent / (TimeExponent + ModelExponent);
    /// <summary>L* ~ C^-(r_t r_N/(r_t + r_N)).</summary>
    public double ComputeLossExponent => TimeExponent * ModelExponent / (TimeExponent + ModelExponent);

    /// <summary>Validates a and b, naming the cmdlet parameters.</summary>
    public static ScalingExponents Create(double a, double b, ModelExponentConvention convention = ModelExponentConvention.Derived)
    {
        if (!(a > 1) || !double.IsFinite(a)) throw new ParameterException("A", a, "A (task exponent, λ_k (w*_k)² = k^-a) must be finite and > 1.");
        if (!(b > 0) || !double.IsFinite(b)) throw new ParameterException("B", b, "B (spectral exponent, λ_k = k^-b) must be finite and > 0.");
        return new ScalingExponents(a, b, convention);
    }
}
