using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.Committee;

/// <summary>What sits inside the logarithm of the plateau length (spec/committee.md §9 item 10).</summary>
public enum PlateauLogArgument
{
    /// <summary>ln(c/S₀) with the initial asymmetry amplitude S₀ = σ_J √(ν₂/N) (default).</summary>
    Amplitude,
    /// <summary>ln(c/S₀²) with the variance σ_J²ν₂/N inside the log: twice the amplitude log for c = 1.</summary>
    Variance,
}

/// <summary>
/// The symmetric-plateau theory of an erf committee with K = M (spec/committee.md §4.1–§4.3), in the O(η)
/// idealisation with T_τ = I and the default 1/√K, 1/√M output factors.
/// </summary>
public sealed record CommitteePlateau
{
    public string Model { get; init; } = "Committee";
    public int K { get; init; }
    public int L { get; init; }
    public int N { get; init; }
    public double? Beta { get; init; }
    public double Eta { get; init; }
    public double SigmaJ { get; init; }
    /// <summary>ν₂ = (1/N) Tr Σ² of the spectrum.</summary>
    public double Nu2 { get; init; }
    /// <summary>R* = 1/√(K(2K−1)), in every eigen-group.</summary>
    public double RStar { get; init; }
    /// <summary>Q* = C* = 1/(2K−1), in every eigen-group.</summary>
    public double QStar { get; init; }
    /// <summary>Plateau ε_g = (π/6 − K asin(1/(2K)))/π (independent of L, β, η at O(η)).</summary>
    public double Height { get; init; }
    /// <summary>γ_esc = η ν₂ γ̂(K), γ̂ = (2/π)(2K−1)^(−1/2)(2K+1)^(−3/2): growth rate of the asymmetry per unit α.</summary>
    public double EscapeRate { get; init; }
    /// <summary>S₀ = σ_J √(ν₂/N): the initial first-order asymmetry.</summary>
    public double InitialAsymmetry { get; init; }
    /// <summary>Predicted escape α: ApproachTime + (1/γ_esc) ln(LogConstant/S₀) (or /S₀² with LogArgument Variance).</summary>
    public double Length { get; init; }
    public double LogConstant { get; init; }
    public PlateauLogArgument LogArgument { get; init; }
    /// <summary>α₀, the time to reach the plateau, added to the log term (0 unless given).</summary>
    public double ApproachTime { get; init; }
}

public static class PlateauTheory
{
    public static double RStar(int k) => 1 / Math.Sqrt(k * (2.0 * k - 1));

    public static double QStar(int k) => 1 / (2.0 * k - 1);

    /// <summary>(π/6 − K asin(1/(2K)))/π.</summary>
    public static double Height(int k) => (Math.PI / 6 - k * Math.Asin(1 / (2.0 * k))) / Math.PI;

    /// <summary>γ̂(K) = (2/π) / (√(2K−1) (2K+1)^{3/2}), so that γ_esc = η ν₂ γ̂(K).</summary>
    public static double EscapeRateFactor(int k) => 2 / Math.PI / (Math.Sqrt(2.0 * k - 1) * Math.Pow(2.0 * k + 1, 1.5));

    public static CommitteePlateau Compute(Spectrum spectrum, int k, double eta, double sigmaJ,
        double logConstant = 1, PlateauLogArgument logArgument = PlateauLogArgument.Amplitude, double approachTime = 0)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        Check.Range(k, 1, CommitteeLimits.MaxUnits, "K");
        // The plateau theory is a small-η expansion; η·ν₂ = 1000 is far past any run that does not diverge, and
        // refusing beyond it keeps η = 1e300 from coming back as an infinite escape rate.
        Check.Positive(eta, "Eta");
        if (!(eta * spectrum.Nu2 <= 1000))
            throw new ParameterException("Eta", eta, $"The plateau theory is a small-η expansion: η·ν₂ must be ≤ 1000 (ν₂ = {spectrum.Nu2:G4}, so η ≤ {1000 / spectrum.Nu2:G4}).");
        CommitteeLimits.CheckSigmaJ(sigmaJ, allowZero: false);
        if (!(logConstant > 0 && logConstant <= 1e100))
            throw new ParameterException("LogConstant", logConstant, "LogConstant must be in (0, 1e100] (it is O(1): the constant inside the escape-time logarithm).");
        if (!(approachTime >= 0 && approachTime <= 1e100))
            throw new ParameterException("ApproachTime", approachTime, "ApproachTime must be in [0, 1e100].");
        double nu2 = spectrum.Nu2;
        double gamma = eta * nu2 * EscapeRateFactor(k);
        double s0 = sigmaJ * Math.Sqrt(nu2 / spectrum.Dimension);
        double log = logArgument == PlateauLogArgument.Variance ? Math.Log(logConstant / (s0 * s0)) : Math.Log(logConstant / s0);
        return new CommitteePlateau
        {
            K = k, L = spectrum.DistinctCount, N = spectrum.Dimension, Beta = spectrum.Beta, Eta = eta, SigmaJ = sigmaJ, Nu2 = nu2,
            RStar = RStar(k), QStar = QStar(k), Height = Height(k), EscapeRate = gamma, InitialAsymmetry = s0,
            Length = approachTime + log / gamma, LogConstant = logConstant, LogArgument = logArgument, ApproachTime = approachTime,
        };
    }
}
