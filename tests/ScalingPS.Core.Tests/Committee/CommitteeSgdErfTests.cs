using ScalingPS.Core.Sampling;
using ScalingPS.Core.Committee;
using ScalingPS.Core.Spectra;
using Xunit.Abstractions;

namespace ScalingPS.Core.Tests.Committee;

/// <summary>Erf committee, K = M = 2, isotropic: plateau (spec §4.1, §10 items 18–19) and escape (§4.3, items 22–23).</summary>
public class CommitteeSgdErfTests(ITestOutputHelper output)
{
    private const double PlateauOEta = 0.005805; // (π/6 − 2 arcsin ¼)/π, spec §10 item 18
    private const double InvGammaEsc = 304;      // 1/γ_esc for K = 2, η = 0.1, L = 1 (spec §10 item 22)

    [Theory]
    [InlineData(GaussianGenerator.Ziggurat)]
    [InlineData(GaussianGenerator.Wallace)]
    public void Plateau_height_and_overlaps_match_the_symmetric_fixed_point(GaussianGenerator generator)
    {
        // The O(η) plateau height is ½ E[g(u)²] − E[g(u)g(v)] for g(x) = erf(x/√2), u, v unit Gaussians with
        // correlation ½ (teacher self-overlap minus the student's pair overlap at the symmetric point). Check the
        // constant against a direct 2-D integration over that Gaussian, independent of the arcsin closed form.
        Approx.Abs(PlateauOEta, PairExpectation(1.0) / 2 - PairExpectation(0.5), 2e-6, "plateau constant vs 2-D Gaussian quadrature");
        var spectrum = PowerLawSpectra.Committee(256, 1, 1);
        // Orthonormal teacher: T = I exactly, so only the O(η) correction separates SGD from the fixed point.
        var small = new CommitteeSgdOptions
        {
            Spectrum = spectrum, Eta = 0.02, Alpha = 1600, AlphaMin = 1000, Points = 4, Seed = 1, OrthonormalTeacher = true, Generator = generator,
        };
        var (p1, _, _) = CommitteeSgd.Collect(small);
        double h1 = p1.Where(p => p.Alpha >= 1000).Average(p => p.EpsG);
        var big = small with { Eta = 0.1, Alpha = 800, AlphaMin = 300, OrderParameters = true };
        var (_, _, ops) = CommitteeSgd.Collect(big);
        double h2 = ops.Where(p => p.Alpha >= 300).Average(p => p.EpsG);
        var r = ops[^1].R;
        output.WriteLine($"{generator}: plateau η = 0.02: {h1:G5} ({(h1 / PlateauOEta - 1) * 100:F2} % above the O(η) value); η = 0.1: {h2:G5}; R = {string.Join(", ", r.Select(v => v.ToString("F4")))} (R* = {1 / Math.Sqrt(6):F4})");
        // The O(η) fixed point is approached from above as η → 0: 0.4 % at η = 0.02, five times that at η = 0.1.
        Assert.InRange(h1, PlateauOEta, PlateauOEta * 1.01);
        // η = 0.1: above the O(η) value by the η² terms, below the spec's random-teacher 6.1–6.2e-3 (which adds T_nn ≠ 1).
        Assert.InRange(h2, PlateauOEta * 1.005, 6.2e-3);
        Approx.Rel((h2 - PlateauOEta) / (h1 - PlateauOEta), 5, 0.35, "plateau shift linear in η");
        foreach (var v in r) Approx.Rel(1 / Math.Sqrt(6), v, 0.03, "R on the plateau vs R* = 1/√(K(2K−1))");
    }

    /// <summary>
    /// E[g(u)g(v)] with g(x) = erf(x/√2), u = z₁, v = ρz₁ + √(1−ρ²)z₂, z independent standard normals, by the
    /// trapezoid rule on [−10, 10]² with step 0.02 (spectrally accurate for a smooth Gaussian-weighted integrand;
    /// the tail beyond 10σ is below 1e-22). Error well under 1e-9, so the 2e-6 tolerance is set by the
    /// constant's six printed digits (0.005805 vs 0.0058054…).
    /// </summary>
    private static double PairExpectation(double rho)
    {
        const double h = 0.02, lim = 10;
        int n = (int)(2 * lim / h) + 1;
        double s = Math.Sqrt(1 - rho * rho), sum = 0;
        for (int i = 0; i < n; i++)
        {
            double z1 = -lim + i * h, w1 = Math.Exp(-z1 * z1 / 2), g1 = FastErf.Erf(z1 / Math.Sqrt(2)), inner = 0;
            for (int j = 0; j < n; j++)
            {
                double z2 = -lim + j * h;
                inner += Math.Exp(-z2 * z2 / 2) * FastErf.Erf((rho * z1 + s * z2) / Math.Sqrt(2));
            }
            sum += w1 * g1 * inner;
        }
        return sum * h * h / (2 * Math.PI);
    }

    [Theory]
    [InlineData(GaussianGenerator.Ziggurat)]
    [InlineData(GaussianGenerator.Wallace)]
    public void Escape_time_grows_like_ln_one_over_sigmaJ_over_gamma_esc(GaussianGenerator generator)
    {
        var spectrum = PowerLawSpectra.Committee(256, 1, 1);
        double Escape(double sigmaJ, int seed, double alphaMax)
        {
            var o = new CommitteeSgdOptions
            {
                Spectrum = spectrum, Eta = 0.1, SigmaJ = sigmaJ, Alpha = alphaMax, AlphaMin = 400, Points = 90, Seed = seed, Generator = generator,
            };
            var (pts, _, _) = CommitteeSgd.Collect(o);
            double plateau = pts.First(p => p.Alpha >= 400).EpsG;
            // α_S: first checkpoint below half the plateau (spec §8, escape detection).
            return pts.First(p => p.Alpha > 400 && p.EpsG < plateau / 2).Alpha;
        }
        var deltas = new List<double>();
        foreach (int seed in new[] { 1, 2 })
        {
            double a2 = Escape(1e-2, seed, 2800), a4 = Escape(1e-4, seed, 4400);
            double predicted = InvGammaEsc * Math.Log(Math.Sqrt(256) / 1e-2); // α_esc − α_0 with S_0 = σ_J √(ν₂/N), c = 1
            output.WriteLine($"{generator} seed {seed}: α_S = {a2:F0} (σ_J = 1e-2; (1/γ) ln(√N/σ_J) = {predicted:F0}), {a4:F0} (σ_J = 1e-4); difference {a4 - a2:F0} vs (1/γ) ln 100 = {InvGammaEsc * Math.Log(100):F0}");
            Assert.InRange(a2, 0.8 * predicted, 1.2 * predicted);
            deltas.Add(a4 - a2);
        }
        // The difference removes α_0 and the O(1) constant in the log: its slope against ln(1/σ_J) is 1/γ_esc.
        Approx.Rel(InvGammaEsc, deltas.Average() / Math.Log(100), 0.15, "slope of α_S against ln(1/σ_J)");
    }
}
