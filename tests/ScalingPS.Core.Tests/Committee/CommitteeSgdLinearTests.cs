using ScalingPS.Core.Sampling;
using ScalingPS.Core.Committee;
using ScalingPS.Core.Spectra;
using Xunit.Abstractions;

namespace ScalingPS.Core.Tests.Committee;

/// <summary>Linear SGD against the exact linear theory (spec/committee.md §3.2, §3.4).</summary>
public class CommitteeSgdLinearTests(ITestOutputHelper output)
{
    [Fact]
    public void Theory_in_this_test_reproduces_the_spec_reference_curve()
    {
        // spec §10 item 14: N = L = 256, β = 0.75, η = 0.1, σ_J = 0.01.
        var lam = PowerLawSpectra.Committee(256, 256, 0.75).CopyEigenvalues();
        double d0 = 1 + 0.01 * 0.01;
        Approx.Rel(0.2046, ReferenceLinearTheory.EpsG(lam, 0.1, d0, 0.1), 5e-4, "α = 0.1");
        Approx.Rel(0.07298, ReferenceLinearTheory.EpsG(lam, 0.1, d0, 1), 5e-4, "α = 1");
        Approx.Rel(0.02376, ReferenceLinearTheory.EpsG(lam, 0.1, d0, 10), 5e-4, "α = 10");
        Approx.Rel(1.791e-3, ReferenceLinearTheory.EpsG(lam, 0.1, d0, 316), 5e-3, "α = 316");
        // L = 1 closed form (spec §10 item 10).
        Approx.Rel(0.5 * d0 * Math.Exp(-(2 * 0.5 - 0.25) * 3), ReferenceLinearTheory.EpsG([1.0], 0.5, d0, 3), 1e-12, "isotropic");
    }

    [Theory]
    [InlineData(1, 0.0, 0.5, 512, Precision.Double, GaussianGenerator.Ziggurat)]   // isotropic
    [InlineData(8, 1.0, 0.5, 1024, Precision.Double, GaussianGenerator.Ziggurat)]  // power law, λ_+ = 5.2 ≪ N
    [InlineData(8, 1.0, 0.5, 1024, Precision.Single, GaussianGenerator.Ziggurat)]
    [InlineData(1, 0.0, 0.5, 512, Precision.Double, GaussianGenerator.Wallace)]
    [InlineData(8, 1.0, 0.5, 1024, Precision.Double, GaussianGenerator.Wallace)]
    [InlineData(8, 1.0, 0.5, 1024, Precision.Single, GaussianGenerator.Wallace)]
    public void Mean_of_seeds_matches_exact_linear_theory(int l, double beta, double eta, int n, Precision precision, GaussianGenerator generator)
    {
        var spectrum = PowerLawSpectra.Committee(n, l, beta);
        var o = new CommitteeSgdOptions
        {
            Spectrum = spectrum, K = 2, M = 1, Eta = eta, SigmaJ = 0.5, Alpha = 16, AlphaMin = 0.25, Points = 7,
            Activation = Activation.Linear, TeacherActivation = Activation.Linear, Seed = 100, Repeat = 24, Precision = precision, Generator = generator,
        };
        var (points, div, _) = CommitteeSgd.Collect(o, aggregate: true);
        Assert.Empty(div);
        var lam = spectrum.CopyEigenvalues();
        foreach (var p in points)
        {
            double theory = ReferenceLinearTheory.EpsG(lam, eta, 1 + 0.25, p.Alpha);
            double z = (p.EpsG - theory) / p.StdErr!.Value;
            output.WriteLine($"{generator} {precision} L={l} α={p.Alpha:G4}: SGD {p.EpsG:G5} ± {p.StdErr!.Value:G3} (n={p.Count}), theory {theory:G5}, z = {z:F2}");
            Assert.Equal(24, p.Count);
            Approx.WithinStdErr(theory, p.EpsG, p.StdErr!.Value, 4, $"ε_g at α = {p.Alpha}");
        }
        Assert.Equal(8, points.Count);
    }
}
