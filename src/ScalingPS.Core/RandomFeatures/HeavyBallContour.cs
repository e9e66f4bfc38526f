using System.Numerics;

namespace ScalingPS.Core.RandomFeatures;

/// <summary>
/// Contours for the heavy-ball (momentum μ, step η) theory. The iteration v_{n+1} = (1+μ−ηK)v_n − μv_{n−1} with
/// v₋₁ = v₀ has the generating function Σ xⁿ v_n = (1−μx)/(ηx) · (z + K)⁻¹ v₀ with z = (1−x)(1−μx)/(ηx)
/// (spec random-features §2.9), so every quantity is the same resolvent function F(z) as for gradient flow,
/// evaluated at z(x). Writing x = e^{−ηs} turns the inverse z-transform into a Bromwich integral in s at
/// t = η·steps over one period |Im s| &lt; π/η, with z(s) = (e^{ηs} − 1)(1 − μe^{−ηs})/η and Jacobian e^{ηs} − μ.
///
/// Where are the singularities in s? A mode of rate u (an eigenvalue of FΣ̂ in [0, λ_hi]) has the two roots
/// ρ± of ρ² − (1+μ−ηu)ρ + μ = 0 and puts poles at s = ln(ρ±)/η. Overdamped modes (ηu &lt; (1−√μ)²) sit on the
/// negative real axis, as for GD; underdamped ones ((1−√μ)² &lt; ηu &lt; (1+√μ)²) sit on the vertical segment
/// Re s = −a = ln μ/(2η), |Im s| ≤ Y = arccos((1+μ−ηλ_hi)/(2√μ))/η. The fixed-Talbot contour crosses that
/// segment at late times; what it leaves out there is weighted by e^{−at} = μ^{steps/2}.
///
/// The contour used, s(θ) = rθ cot θ + i w θ (θ ∈ (−π, π), trapezoid with n_c nodes per half), is therefore:
/// the fixed Talbot (w = r = 2n/(5t)) when there is no underdamped mode or a·t ≥ 40 (the omitted part is below
/// e^{−40} ≈ 4e−18 of L(0)); otherwise a contour widened (w &gt; r) so that it crosses Re s = −a above the
/// segment and still stays below its periodic copy at 2π/η − Y, with n_c grown with the phase t·w it must resolve.
/// Few steps (≤ 6) use the trapezoid rule on the circle |x| = ½ (exact up to 2^{−33}).
/// </summary>
internal static class HeavyBallContour
{
    /// <summary>a·t beyond which the fixed Talbot contour is used even across the underdamped segment.</summary>
    private const double LateDecay = 40;
    /// <summary>Most nodes per half contour: the 2-D contraction costs O(n_c² M) time and four (2n_c)² Gram matrices (128 MB at 1000); μ = 0.99 at η/(1 − μ) = 1 needs about 780.</summary>
    public const int MaxNodes = 1000;
    public const int CircleMaxSteps = 6;
    /// <summary>Nodes per unit of the phase t·w (before widening for a narrow band).</summary>
    private const double NodesPerPhase = 2.5;

    /// <summary>Upper-half nodes z_j (resolvent arguments) and weights c_j for step count <paramref name="steps"/>.</summary>
    public static (Complex[] Z, Complex[] C) Create(long steps, double eta, double mu, double lambdaHi, int order)
    {
        if (steps <= CircleMaxSteps) return Circle(steps, eta, mu);
        double t = steps * eta;
        double r = 2.0 * order / (5.0 * t), w = r;
        int nodes = order;
        double a = mu > 0 ? -Math.Log(mu) / (2 * eta) : double.PositiveInfinity;
        double y = UnderdampedHeight(eta, mu, lambdaHi);
        if (y > 0 && a * t < LateDecay)
        {
            // Widened contour: cross Re s = −a a gap g above the segment's top Y and stay g below its periodic copy
            // at 2π/η − Y. With n_c = k·t·w nodes the integrand's phase t·w·θ is sampled k/π times per radian; a
            // singularity at distance g from the contour (g/w in θ) then limits the trapezoid rule to an error
            // ~ e^{2rt} e^{−(g/w)(2n_c − t·w)} = e^{12.8 − (2k − 1)·g·t} of the result's scale (the e^{rt} = e^{6.4}
            // node weights enter squared): g = 45/((2k − 1)t) makes it ≈ e^{−32} ≈ 1e−14. If the band is too narrow
            // for both gaps, k grows (smaller gaps, more nodes).
            double k = NodesPerPhase, thetaC, top;
            while (true)
            {
                double gap = 45.0 / ((2 * k - 1) * t);
                double yNeed = y + gap;
                top = 2 * Math.PI / eta - y - gap;
                thetaC = CrossingAngle(r, a);
                if (yNeed * Math.PI / thetaC > top)
                {
                    double thetaReq = Math.PI * yNeed / top; // cross closer to θ = π: a smaller r
                    if (thetaReq < 0.98 * Math.PI)
                    {
                        r = Math.Min(r, -a * Math.Tan(thetaReq) / thetaReq);
                        thetaC = CrossingAngle(r, a);
                    }
                }
                if (yNeed * Math.PI / thetaC <= top * 1.0000001 || k > 64) { w = Math.Max(r, yNeed / thetaC); break; }
                k *= 1.5;
            }
            if (w * Math.PI > top * 1.0000001)
                throw new ParameterException("Eta", eta,
                    $"The momentum theory at t = {t:G4} cannot fit a contour between the underdamped modes (height {y:G4}) and their periodic copy (2π/η − {y:G4}); use a smaller η or larger μ.");
            double need = order + Math.Ceiling(k * t * w);
            if (need > MaxNodes)
                throw new ParameterException("Time", t,
                    $"The momentum theory at t = {t:G4} (μ = {mu:G4}, η = {eta:G4}) would need {need:G4} contour nodes (at most {MaxNodes}): "
                    + $"times with μ^(steps/2) > e^-40 and many oscillations are out of reach; use t ≥ {LateDecay / a:G4} or the simulation.");
            nodes = (int)need;
        }
        var z = new Complex[nodes];
        var c = new Complex[nodes];
        for (int j = 0; j < nodes; j++)
        {
            double theta = j * Math.PI / nodes;
            Complex s, ds;
            if (j == 0) { s = r; ds = new Complex(0, w); }
            else
            {
                double sin = Math.Sin(theta), cot = Math.Cos(theta) / sin;
                s = new Complex(r * theta * cot, w * theta);
                ds = new Complex(r * (cot - theta / (sin * sin)), w);
            }
            var e = Complex.Exp(eta * s);
            var jac = e - mu; // (1 − μx)/(ηx)·η with x = e^{−ηs}
            z[j] = ExpM1(eta * s) * jac / e / eta;
            c[j] = ds * Complex.Exp(s * t) * jac / new Complex(0, 2.0 * nodes);
        }
        z[0] = new Complex(z[0].Real, 0);
        c[0] = new Complex(c[0].Real, 0);
        return (z, c);
    }

    /// <summary>Y = θ_max/η, the top of the underdamped segment (0 when every mode is overdamped).</summary>
    public static double UnderdampedHeight(double eta, double mu, double lambdaHi)
    {
        if (mu <= 0) return 0;
        double lo = (1 - Math.Sqrt(mu)) * (1 - Math.Sqrt(mu));
        if (eta * lambdaHi <= lo) return 0;
        double cos = Math.Clamp((1 + mu - eta * lambdaHi) / (2 * Math.Sqrt(mu)), -1, 1);
        return Math.Acos(cos) / eta;
    }

    /// <summary>θ in (π/2, π) where the Talbot curve r θ cot θ meets Re s = −a.</summary>
    private static double CrossingAngle(double r, double a)
    {
        double lo = Math.PI / 2, hi = Math.PI;
        for (int i = 0; i < 200; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (r * mid / Math.Tan(mid) > -a) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>e^{w} − 1 without cancellation for small |w| (late-time nodes have |ηs| ~ 1/steps).</summary>
    internal static Complex ExpM1(Complex w)
    {
        double sh = Math.Sin(0.5 * w.Imaginary);
        return new Complex(ExpM1(w.Real) * Math.Cos(w.Imaginary) - 2 * sh * sh, Math.Exp(w.Real) * Math.Sin(w.Imaginary));
    }

    /// <summary>
    /// e^x − 1 to full relative precision (Kahan's trick: (u − 1)·x / ln u with u = e^x rounded). .NET's
    /// double.ExpM1 is Exp(x) − 1, whose absolute error ε becomes a relative error ε/|x|: at 10¹² steps the
    /// late-time nodes lost three digits that way.
    /// </summary>
    internal static double ExpM1(double x)
    {
        if (Math.Abs(x) > 0.5) return Math.Exp(x) - 1;
        double u = Math.Exp(x);
        if (u == 1) return x;
        double um1 = u - 1;
        if (um1 == -1) return -1;
        return um1 * x / Math.Log(u);
    }

    /// <summary>
    /// Few steps: f(n) = (1/2πi)∮ G(x) x^{−n−1} dx on |x| = ½ by the trapezoid rule with K = 33 points,
    /// G(x) = (1 − μx)/(ηx) F(z(x)). The circle lies inside |x| &lt; 1, where G is analytic (its singularities are
    /// at |x| = 1/|ρ±| ≥ 1).
    /// </summary>
    internal static (Complex[] Z, Complex[] C) Circle(long steps, double eta, double mu)
    {
        const int half = 16, k = 2 * half + 1;
        const double rho = 0.5;
        var z = new Complex[half + 1];
        var c = new Complex[half + 1];
        for (int j = 0; j <= half; j++)
        {
            var x = Complex.FromPolarCoordinates(rho, 2 * Math.PI * j / k);
            z[j] = (1 - x) * (1 - mu * x) / (x * eta);
            c[j] = Complex.Pow(x, -(double)steps) * (1 - mu * x) / (x * eta * k);
        }
        z[0] = new Complex(z[0].Real, 0);
        c[0] = new Complex(c[0].Real, 0);
        return (z, c);
    }

    /// <summary>
    /// λ_hi, the top edge of the spectrum of FΣ̂ in the deterministic equivalent: for real κ &lt; −λ₁ the map
    /// z(κ) = κ(1 − df/P)(1 − df/N) rises from −∞ to a maximum and falls back; the maximum is −λ_hi. λ₁ itself in
    /// the kernel limit (N = P = ∞).
    /// </summary>
    public static double SpectralEdge(double[] lambda, double invN, double invP)
    {
        double l1 = lambda.Max();
        if (invN == 0 && invP == 0) return l1;
        double Z(double u)
        {
            double kappa = -l1 - Math.Exp(u), df = 0;
            foreach (var l in lambda) df += l / (l + kappa);
            return kappa * (1 - df * invP) * (1 - df * invN);
        }
        // Golden-section search for the maximum over u = ln(−κ − λ₁).
        double lo = Math.Log(l1 * 1e-14), hi = Math.Log(l1 * 1e8 + lambda.Sum());
        double g = (Math.Sqrt(5) - 1) / 2;
        double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo), f1 = Z(x1), f2 = Z(x2);
        for (int i = 0; i < 200 && hi - lo > 1e-10; i++)
        {
            if (f1 > f2) { hi = x2; x2 = x1; f2 = f1; x1 = hi - g * (hi - lo); f1 = Z(x1); }
            else { lo = x1; x1 = x2; f1 = f2; x2 = lo + g * (hi - lo); f2 = Z(x2); }
        }
        return Math.Max(l1, -Math.Max(f1, f2));
    }
}
