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
/// The predicted power-law exponents of spec §3 for λ_k = k^-b and λ_k w*_k² = k^-a (all as positive decay rates
/// except the allocation exponents, which are growth rates).
/// </summary>
public readonly record struct ScalingExponents(double A, double B, ModelExponentConvention Convention = ModelExponentConvention.Derived)
{
    /// <summary>L ~ t^-(a−1)/b (time bottleneck, §3.2).</summary>
    public double Time => (A - 1) / B;
    /// <summary>L ~ P^-min(a−1, 2b) (data bottleneck, §3.3).</summary>
    public double Data => Math.Min(A - 1, 2 * B);
    /// <summary>L ~ N^-m (model bottleneck, §3.3), m per <see cref="Convention"/>.</summary>
    public double Model => Math.Min(A - 1, Convention == ModelExponentConvention.Derived ? B : 2 * B);
    /// <summary>True in the hard-task regime a − 1 &lt; b, where both conventions agree.</summary>
    public bool HardTask => A - 1 < B;
    /// <summary>N* ~ C^{r_t/(r_t + r_N)} (§3.4).</summary>
    public double OptimalWidth => Time / (Time + Model);
    /// <summary>t* ~ C^{r_N/(r_t + r_N)}.</summary>
    public double OptimalTime => Model / (Time + Model);
    /// <summary>L* ~ C^-(r_t r_N/(r_t + r_N)).</summary>
    public double OptimalLoss => Time * Model / (Time + Model);
}
