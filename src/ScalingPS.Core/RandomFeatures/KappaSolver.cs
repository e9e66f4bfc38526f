using System.Numerics;

namespace ScalingPS.Core.RandomFeatures;

/// <summary>
/// The renormalised ridge κ(s) of spec/random-features.md §2.3: the root of
/// g(κ) = κ(1 − df(κ)/P)(1 − df(κ)/N) − s with df(κ) = Σ_k λ_k/(λ_k+κ), on the physical branch:
/// for real s > 0 the largest real root, bracketed in [max(κ_c, s), ∞) where df(κ_c) = min(N, P);
/// for complex s, Newton continuation from a neighbouring solution (κ ≈ s as |s| → ∞).
/// N or P = +∞ enters as 1/N = 0 or 1/P = 0.
/// </summary>
public sealed class KappaSolver
{
    private readonly double[] _lambda;

    public KappaSolver(double[] lambda, double n, double p)
    {
        _lambda = lambda ?? throw new ArgumentNullException(nameof(lambda));
        N = n;
        P = p;
        InvN = double.IsPositiveInfinity(n) ? 0 : 1 / n;
        InvP = double.IsPositiveInfinity(p) ? 0 : 1 / p;
        KappaCritical = Critical();
    }

    public double N { get; }
    public double P { get; }
    public double InvN { get; }
    public double InvP { get; }

    /// <summary>κ_c with df(κ_c) = min(N, P), or 0 when min(N, P) ≥ M (df never reaches it). Also κ(s → 0).</summary>
    public double KappaCritical { get; }

    /// <summary>True when N = P = ∞, where κ = s exactly.</summary>
    public bool IsKernelLimit => InvN == 0 && InvP == 0;

    public double Df(double kappa) => ResolventKernels.Real(_lambda, kappa).Df;

    private double Critical()
    {
        double target = Math.Min(N, P);
        if (!(target < _lambda.Length)) return 0;
        // df decreases from M (κ → 0) to 0 (κ → ∞): bisection in log κ over [1e-300, 1e300].
        double lo = Math.Log(1e-300), hi = Math.Log(1e300);
        for (int it = 0; it < 200 && hi - lo > 1e-15 * Math.Max(1, Math.Abs(lo)); it++)
        {
            double mid = 0.5 * (lo + hi);
            if (Df(Math.Exp(mid)) > target) lo = mid; else hi = mid;
        }
        return Math.Exp(0.5 * (lo + hi));
    }

    private double G(double kappa, out double dg)
    {
        var (df, d2) = ResolventKernels.Real(_lambda, kappa);
        double f1 = 1 - df * InvP, f3 = 1 - df * InvN;
        // df' = −d2, so g' = f1 f3 + κ d2 (f3/P + f1/N).
        dg = f1 * f3 + kappa * d2 * (f3 * InvP + f1 * InvN);
        return kappa * f1 * f3;
    }

    /// <summary>The largest real root at real s > 0.</summary>
    public double SolveReal(double s)
    {
        if (!(s > 0) || !double.IsFinite(s)) throw new ArgumentOutOfRangeException(nameof(s), s, "s must be finite and > 0.");
        if (IsKernelLimit) return s;
        double lo = Math.Max(KappaCritical, s);
        if (G(lo, out _) - s >= 0) return lo; // g(lo) ≤ 0 analytically; equality up to round-off
        double hi = 2 * Math.Max(1, Math.Max(s, lo));
        while (G(hi, out _) - s < 0) hi *= 2;
        // Bisect (geometrically: the bracket can span decades) until it is within a factor 1.05, then
        // bracket-safeguarded Newton converges quadratically.
        for (int it = 0; it < 200 && hi > 1.05 * lo; it++)
        {
            double mid = lo > 0 ? Math.Sqrt(lo * hi) : 0.5 * hi;
            if (G(mid, out _) - s < 0) lo = mid; else hi = mid;
        }
        double k = Math.Sqrt(lo * hi);
        if (!(k > 0)) k = 0.5 * hi;
        for (int it = 0; it < 200; it++)
        {
            double g = G(k, out double dg) - s;
            if (g == 0) return k;
            if (g < 0) lo = k; else hi = k; // the root stays bracketed
            double next = k - g / dg;
            bool newton = next > lo && next < hi;
            if (!newton) next = 0.5 * (lo + hi); // a Newton step leaving the bracket is replaced by bisection
            double step = Math.Abs(next - k);
            k = next;
            if ((newton && step < 1e-14 * k) || hi - lo < 1e-15 * hi) break;
        }
        return k;
    }

    /// <summary>g(κ) − s and g'(κ) for complex κ.</summary>
    public Complex Residual(Complex kappa, Complex s, out Complex dg)
    {
        var (df, d2) = ResolventKernels.Complex(_lambda, kappa);
        Complex f1 = 1 - df * InvP, f3 = 1 - df * InvN;
        dg = f1 * f3 + kappa * d2 * (f3 * InvP + f1 * InvN);
        return kappa * f1 * f3 - s;
    }

    /// <summary>
    /// κ at complex <paramref name="s"/>, continued from the solution <paramref name="kappaFrom"/> at
    /// <paramref name="sFrom"/>: Euler predictor then Newton; if Newton fails the path is halved (recursively),
    /// so the branch is followed and never jumps to the spurious root.
    /// </summary>
    public Complex Continue(Complex sFrom, Complex kappaFrom, Complex s)
    {
        if (IsKernelLimit) return s;
        return ContinueRec(sFrom, kappaFrom, s, 0);
    }

    private Complex ContinueRec(Complex sFrom, Complex kappaFrom, Complex s, int depth)
    {
        Residual(kappaFrom, sFrom, out var dg0);
        var guess = kappaFrom + (s - sFrom) / dg0; // dκ/ds = 1/g'(κ)
        if (TryNewton(s, guess, out var k)) return k;
        if (depth >= 20) throw new InvalidOperationException($"κ continuation failed at s = {s}.");
        var mid = 0.5 * (sFrom + s);
        var km = ContinueRec(sFrom, kappaFrom, mid, depth + 1);
        return ContinueRec(mid, km, s, depth + 1);
    }

    private bool TryNewton(Complex s, Complex guess, out Complex kappa)
    {
        kappa = guess;
        double scale = Math.Max(Complex.Abs(guess), 1e-300);
        for (int it = 0; it < 40; it++)
        {
            var g = Residual(kappa, s, out var dg);
            var step = g / dg;
            if (!double.IsFinite(step.Real) || !double.IsFinite(step.Imaginary)) return false;
            // A Newton step that moves κ by more than its own size means we are outside the basin.
            if (Complex.Abs(step) > 0.5 * scale && it < 3) return false;
            kappa -= step;
            scale = Complex.Abs(kappa);
            if (Complex.Abs(step) < 1e-14 * scale) return true;
        }
        var last = Residual(kappa, s, out var dgl);
        return Complex.Abs(last / dgl) < 1e-10 * Complex.Abs(kappa);
    }
}
