namespace ScalingPS.Core.Committee;

/// <summary>
/// Limits shared by the committee models (simulation, ODE, closed forms): the engine refuses values outside
/// them up front, and the cmdlets mirror them in ValidateRange so that Get-Command -Syntax shows them.
/// </summary>
public static class CommitteeLimits
{
    /// <summary>Largest number of student (K) or teacher (M) units.</summary>
    public const int MaxUnits = 4096;

    /// <summary>
    /// Largest input dimension N (2³⁰): beyond it a single weight vector no longer fits a .NET array of doubles
    /// for K + M ≥ 2, and N·L overflows the ODE's index arithmetic.
    /// </summary>
    public const int MaxDimension = Spectra.Spectrum.MaxDimension;

    /// <summary>
    /// Largest initial weight scale σ_J. The order parameters start at Q = σ_J²: beyond 10³ the dynamics are
    /// nothing like the small-initialisation regime the models describe, and the ODE's first transient becomes
    /// so stiff that it crawls (σ_J = 10⁶ ran for minutes).
    /// </summary>
    public const double MaxSigmaJ = 1000;

    /// <summary>Largest number of output points of one learning curve.</summary>
    public const int MaxPoints = 100_000;

    /// <summary>σ_J in [0, <see cref="MaxSigmaJ"/>].</summary>
    public static void CheckSigmaJ(double sigmaJ, bool allowZero = true)
    {
        bool ok = allowZero ? sigmaJ >= 0 : sigmaJ > 0;
        if (!ok || !(sigmaJ <= MaxSigmaJ))
            throw new ParameterException("SigmaJ", sigmaJ, $"SigmaJ must be in {(allowZero ? "[" : "(")}0, {MaxSigmaJ}] (the initial weights' standard deviation).");
    }
}
