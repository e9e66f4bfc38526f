namespace ScalingPS.Core.Spectra;

/// <summary>Which paper's power-law convention produced a spectrum.</summary>
public enum SpectrumConvention
{
    /// <summary>Worschech–Rosenow: L distinct eigenvalues λ_l ∝ l^-(1+β), each N/L times.</summary>
    Committee,
    /// <summary>Bordelon–Atanasov–Pehlevan: λ_k = k^-b, k = 1..M, with target power (w*_k)² = k^-(a-b).</summary>
    RandomFeature,
    /// <summary>Eigenvalues given explicitly (e.g. measured from data).</summary>
    Empirical,
}

/// <summary>How a committee spectrum is scaled (spec/committee.md §9 item 1).</summary>
public enum SpectrumNormalization
{
    /// <summary>Mean eigenvalue ν₁ = 1, so λ_+ = L / H_L(1+β) (default, inferred convention).</summary>
    MeanOne,
    /// <summary>Top eigenvalue λ_+ = 1.</summary>
    TopOne,
    /// <summary>No rescaling (random-feature convention λ_1 = 1 by construction, or empirical values).</summary>
    None,
}

/// <summary>
/// An immutable covariance spectrum: distinct eigenvalues (descending) with their multiplicities,
/// and, for random-feature spectra, the target power (w*_k)² per eigen-direction.
/// Moments are ν_k = (1/N) Tr Σ^k with N = Σ multiplicities.
/// </summary>
public sealed class Spectrum
{
    private readonly double[] _eigenvalues;
    private readonly int[] _multiplicities;
    private readonly double[]? _targetPower;

    public Spectrum(double[] eigenvalues, int[] multiplicities, SpectrumConvention convention,
        SpectrumNormalization normalization, double beta = double.NaN, double a = double.NaN,
        double b = double.NaN, double[]? targetPower = null)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        ArgumentNullException.ThrowIfNull(multiplicities);
        if (eigenvalues.Length == 0)
            throw new ArgumentException("A spectrum needs at least one eigenvalue.", nameof(eigenvalues));
        if (eigenvalues.Length != multiplicities.Length)
            throw new ArgumentException("Eigenvalues and multiplicities differ in length.", nameof(multiplicities));
        if (targetPower is not null && targetPower.Length != eigenvalues.Length)
            throw new ArgumentException("Target power and eigenvalues differ in length.", nameof(targetPower));
        for (int i = 0; i < eigenvalues.Length; i++)
        {
            // ν₂ = (1/N) Σ λ² must stay finite: eigenvalues up to 1e150.
            if (!(eigenvalues[i] > 0 && eigenvalues[i] <= 1e150))
                throw new ParameterException("Eigenvalue", eigenvalues[i], $"Every eigenvalue must be in (0, 1e150] (item {i}).");
            if (targetPower is not null && !(targetPower[i] >= 0 && targetPower[i] <= 1e150))
                throw new ParameterException("TargetPower", targetPower[i], $"Every target power must be in [0, 1e150] (item {i}).");
            if (multiplicities[i] < 1)
                throw new ParameterException("Multiplicity", multiplicities[i], $"Every multiplicity must be ≥ 1 (item {i}).");
        }
        _eigenvalues = (double[])eigenvalues.Clone();
        _multiplicities = (int[])multiplicities.Clone();
        _targetPower = (double[]?)targetPower?.Clone();
        Convention = convention;
        Normalization = normalization;
        Beta = Optional.Of(beta);
        A = Optional.Of(a);
        B = Optional.Of(b);
        long n = 0;
        foreach (var m in _multiplicities) n += m;
        if (n > MaxDimension)
            throw new ParameterException("Multiplicity", n, $"The dimension N = Σ multiplicities must be ≤ {MaxDimension}.");
        Dimension = (int)n;
        Nu1 = Moment(1);
        Nu2 = Moment(2);
    }

    /// <summary>Largest total dimension N (2³⁰): a weight vector of this length still fits a .NET array of doubles.</summary>
    public const int MaxDimension = 1 << 30;

    public SpectrumConvention Convention { get; }
    /// <summary>How an empirical spectrum was measured from data, with its fitted exponents and intervals; null otherwise.</summary>
    public Data.SpectrumMeasurement? Measurement { get; init; }
    public SpectrumNormalization Normalization { get; }
    /// <summary>Committee exponent β (λ_l ∝ l^-(1+β)); null when not applicable.</summary>
    public double? Beta { get; }
    /// <summary>Random-feature task exponent a (λ_k (w*_k)² = k^-a); null when not applicable.</summary>
    public double? A { get; }
    /// <summary>Random-feature spectral exponent b (λ_k = k^-b); null when not applicable.</summary>
    public double? B { get; }
    /// <summary>Total dimension N (sum of multiplicities).</summary>
    public int Dimension { get; }
    /// <summary>Number of distinct eigenvalues L.</summary>
    public int DistinctCount => _eigenvalues.Length;
    /// <summary>Distinct eigenvalues, descending.</summary>
    public IReadOnlyList<double> Eigenvalues => Array.AsReadOnly(_eigenvalues);
    /// <summary>Multiplicity of each distinct eigenvalue (N/L for the committee convention).</summary>
    public IReadOnlyList<int> Multiplicities => Array.AsReadOnly(_multiplicities);
    /// <summary>(w*_k)² per distinct eigenvalue; empty when the spectrum carries no target.</summary>
    public IReadOnlyList<double> TargetPower => Array.AsReadOnly(_targetPower ?? []);
    public bool HasTarget => _targetPower is not null;
    public double Nu1 { get; }
    public double Nu2 { get; }
    public double LambdaMax => _eigenvalues.Max();
    public double LambdaMin => _eigenvalues.Min();

    /// <summary>ν_k = (1/N) Σ_l m_l λ_l^k.</summary>
    public double Moment(int k)
    {
        double s = 0;
        for (int i = 0; i < _eigenvalues.Length; i++) s += _multiplicities[i] * Math.Pow(_eigenvalues[i], k);
        return s / Dimension;
    }

    /// <summary>Eigenvalue of every coordinate 0..N-1 (each distinct value repeated by its multiplicity, in order).</summary>
    public double[] ExpandEigenvalues()
    {
        var full = new double[Dimension];
        int o = 0;
        for (int i = 0; i < _eigenvalues.Length; i++)
        {
            Array.Fill(full, _eigenvalues[i], o, _multiplicities[i]);
            o += _multiplicities[i];
        }
        return full;
    }

    public double[] CopyEigenvalues() => (double[])_eigenvalues.Clone();
    public int[] CopyMultiplicities() => (int[])_multiplicities.Clone();
    public double[]? CopyTargetPower() => (double[]?)_targetPower?.Clone();
}
