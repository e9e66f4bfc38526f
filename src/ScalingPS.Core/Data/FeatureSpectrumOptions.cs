using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.Data;

/// <summary>How Get-FeatureSpectrum measures a spectrum; property names are the cmdlet's parameter names.</summary>
public sealed record FeatureSpectrumOptions
{
    /// <summary>Subtract each feature's mean (the covariance); false gives the uncentred second-moment matrix.</summary>
    public bool Center { get; init; } = true;
    /// <summary>Divide each feature by its standard deviation (the correlation matrix); constant features become zero.</summary>
    public bool Standardize { get; init; }
    /// <summary>Rescale the eigenvalues: MeanOne (ν₁ = 1, the committee convention), TopOne, or None (data units).</summary>
    public SpectrumNormalization Normalization { get; init; } = SpectrumNormalization.MeanOne;
    /// <summary>First rank of the power-law fit window (1-based); 0 = automatic.</summary>
    public int RankMin { get; init; }
    /// <summary>Last rank of the fit window; 0 = automatic.</summary>
    public int RankMax { get; init; }
    /// <summary>One label per row: adds the task-power spectrum and the task exponent a.</summary>
    public double[]? Labels { get; init; }
    /// <summary>Coverage of the exponent interval.</summary>
    public double Confidence { get; init; } = 0.95;
    /// <summary>Row groups of the delete-a-group jackknife behind the interval (0: no interval).</summary>
    public int Groups { get; init; } = 20;
    /// <summary>Fit the power law (false: the eigenvalues and task power alone, exponents NaN).</summary>
    public bool Fit { get; init; } = true;
    /// <summary>Refuse the window as "not a power law" when its two halves' exponents differ by more than this fraction of the whole window's.</summary>
    public double MaxSlopeChange { get; init; } = 0.5;

    public void Validate(int rows, int columns)
    {
        Check.Range(RankMin, 0, int.MaxValue, "Rank");
        Check.Range(RankMax, 0, int.MaxValue, "Rank");
        if (RankMin > 0 && RankMax > 0 && RankMax <= RankMin)
            throw new ParameterException("Rank", $"{RankMin}..{RankMax}", "The rank window needs its last rank above its first.");
        Check.Between(Confidence, 0, 1, "Confidence");
        if (Groups != 0) Check.Range(Groups, 3, Math.Min(1000, Math.Max(3, rows)), "Groups");
        if (Groups > rows) throw new ParameterException("Groups", Groups, $"Groups must not exceed the {rows} rows.");
        Check.Positive(MaxSlopeChange, "MaxSlopeChange");
        if (!Enum.IsDefined(Normalization)) throw new ParameterException("Normalization", Normalization, "Allowed: MeanOne, TopOne, None.");
        if (rows < 2) throw new ParameterException("Matrix", rows, "A spectrum needs at least 2 rows (samples).");
        if (Labels is not null)
        {
            if (Labels.Length != rows) throw new ParameterException("Labels", Labels.Length, $"Give one label per row ({rows}).");
            foreach (var y in Labels) if (!double.IsFinite(y)) throw new ParameterException("Labels", y, "Every label must be finite.");
        }
    }
}

/// <summary>
/// How an empirical spectrum was measured and what its power-law fit gave. Exponents: the eigenvalues fall as
/// λ_k ∝ k^-s over the fit window; the committee β = s − 1 (λ ∝ l^-(1+β)) and the random-feature b = s; the task
/// exponent a from the tail of the task power, Σ_{l&gt;k} p_l / Σ p ∝ k^-(a-1). Intervals: delete-a-group jackknife
/// over the data rows (NaN when not computed).
/// </summary>
public sealed record SpectrumMeasurement
{
    public string Source { get; init; } = "";
    public int Samples { get; init; }
    public int Features { get; init; }
    /// <summary>Eigenvalues kept (numerically non-zero): the spectrum's dimension.</summary>
    public int Rank { get; init; }
    /// <summary>Eigenvalues dropped as numerical zeros (below 1e-10 λ_max: constant features, fewer samples than features).</summary>
    public int Dropped { get; init; }
    /// <summary>"Covariance" (features ≤ samples) or "Gram" (the samples × samples route).</summary>
    public string Route { get; init; } = "";
    public bool Centered { get; init; }
    public bool Standardized { get; init; }
    public SpectrumNormalization Normalization { get; init; }
    /// <summary>Factor the data-unit eigenvalues were multiplied by (1 for None).</summary>
    public double Scale { get; init; }
    public int RankMin { get; init; }
    public int RankMax { get; init; }
    public double DecayExponent { get; init; }
    public double DecayExponentLower { get; init; } = double.NaN;
    public double DecayExponentUpper { get; init; } = double.NaN;
    public double Beta => DecayExponent - 1;
    public double BetaLower => DecayExponentLower - 1;
    public double BetaUpper => DecayExponentUpper - 1;
    public double B => DecayExponent;
    public double BLower => DecayExponentLower;
    public double BUpper => DecayExponentUpper;
    /// <summary>Exponents fitted separately over the lower and upper halves of the window (the power-law check).</summary>
    public double LowerHalfExponent { get; init; }
    public double UpperHalfExponent { get; init; }
    /// <summary>RMS of ln λ_k about the fitted law over the window.</summary>
    public double ResidualRms { get; init; }
    public double A { get; init; } = double.NaN;
    /// <summary>Why no task exponent was fitted, when labels were given but the fit was refused.</summary>
    public string TaskNote { get; init; } = "";
    public double Confidence { get; init; }
    /// <summary>With labels: their variance (centred), and the part Σ_k p_k the features explain linearly; NaN without labels.</summary>
    public double LabelVariance { get; init; } = double.NaN;
    public double ExplainedVariance { get; init; } = double.NaN;
    /// <summary>Jackknife groups used for the interval (0: none).</summary>
    public int Groups { get; init; }
}
