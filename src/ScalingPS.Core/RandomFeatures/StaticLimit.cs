namespace ScalingPS.Core.RandomFeatures;

/// <summary>t → ∞ values of the theory: test and train loss, bias, and κ_∞.</summary>
public readonly record struct StaticLimitResult(double TestLoss, double TrainLoss, double Bias, double Kappa);

/// <summary>
/// The infinite-time (static) limit of spec/random-features.md §2.6, in closed form (no contour).
/// κ_∞ solves df(κ_∞) = min(N, P) (κ_∞ = 0 when min(N, P) ≥ M). With h_k = κ/(λ_k+κ),
/// γ₂ = Σ λ²/(λ+κ)², τ = Σ λ/(λ+κ)², q = κ²τ = κ(df − γ₂), B₀ = Σ λw*²h², B₂ = Σ λ²w*²/(λ+κ)²,
/// the limit X = lim s s' C₀(s,s') solves
///   (1 − γ₂/P) X − (q/N) W = B₀ + γ₂σ²/P,
///   −(τ/P) X + (1 − γ₂/N) W = B₂ + τσ²/P,
/// which for σ = 0 is the spec's system (its q/(Pκ²) is τ/P); the σ terms follow from the same s, s' → 0
/// limit of §2.4 (derived here, checked against the dynamic theory at t = 10¹⁰ in the tests).
/// Train loss: R₁(0)² (X + σ²) with R₁(0) = 1 − df(κ_∞)/P. Bias: B₀. N = P (finite, ≤ M) gives +∞.
/// </summary>
public static class StaticLimit
{
    public static StaticLimitResult Compute(RandomFeatureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var lam = settings.Lambda;
        var w2 = settings.EffectiveTargetPower();
        var solver = new KappaSolver(lam, settings.N, settings.P);
        double kappa = solver.KappaCritical;
        double invN = solver.InvN, invP = solver.InvP, s2 = settings.Sigma * settings.Sigma;
        double gamma2 = 0, tau = 0, b0 = 0, b2 = 0, df = 0;
        for (int k = lam.Length - 1; k >= 0; k--)
        {
            double l = lam[k], inv = 1 / (l + kappa), h = kappa * inv;
            df += l * inv;
            gamma2 += l * l * inv * inv;
            tau += l * inv * inv;
            b0 += l * w2[k] * h * h;
            b2 += l * l * w2[k] * inv * inv;
        }
        double q = kappa * kappa * tau;
        double noise = settings.NoisyTestLabels ? s2 : 0;
        bool peak = !double.IsPositiveInfinity(settings.N) && settings.N == settings.P && settings.N <= lam.Length;
        if (peak) return new StaticLimitResult(double.PositiveInfinity, 0, b0, kappa);
        double a11 = 1 - gamma2 * invP, a12 = -q * invN, a21 = -tau * invP, a22 = 1 - gamma2 * invN;
        double r1 = b0 + gamma2 * s2 * invP, r2 = b2 + tau * s2 * invP;
        double det = a11 * a22 - a12 * a21;
        double x = (r1 * a22 - a12 * r2) / det;
        double rho = 1 - df * invP;
        double train = rho * rho * (x + s2);
        return new StaticLimitResult(x + noise, train, b0, kappa);
    }
}
