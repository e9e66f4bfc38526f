using ScalingPS.Core.Committee;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.Tests.Committee;

public class CommitteeWeightsTests
{
    [Fact]
    public void Draw_is_deterministic_and_the_teacher_does_not_depend_on_the_student_shape()
    {
        var (j1, b1) = CommitteeWeights.Draw(7, 64, 2, 3, 0.5);
        var (j2, b2) = CommitteeWeights.Draw(7, 64, 2, 3, 0.5);
        Assert.Equal(j1, j2);
        Assert.Equal(b1, b2);
        var (j3, b3) = CommitteeWeights.Draw(7, 64, 5, 3, 0.01);
        Assert.Equal(b1, b3);
        // The student is σ_J times the same normals, whatever σ_J.
        for (int i = 0; i < j1.Length; i++) Approx.Rel(j1[i] / 0.5, j3[i] / 0.01, 1e-12, "student normals");
        var (_, b4) = CommitteeWeights.Draw(8, 64, 2, 3, 0.5);
        Assert.NotEqual(b1, b4);
    }

    [Fact]
    public void Draw_has_the_stated_variances()
    {
        const int n = 4096, k = 4, m = 4;
        var (j, b) = CommitteeWeights.Draw(11, n, k, m, 0.3);
        double vj = j.Select(x => x * x).Average(), vb = b.Select(x => x * x).Average();
        // Var of a mean of z² over 16384 entries: 2/16384 → stderr 0.011 (relative).
        Approx.WithinStdErr(0.09, vj, 0.09 * Math.Sqrt(2.0 / j.Length), 4, "student variance");
        Approx.WithinStdErr(1.0, vb, Math.Sqrt(2.0 / b.Length), 4, "teacher variance");
    }

    [Fact]
    public void Draw_zeroes_or_keeps_untrained_entries()
    {
        var (full, _) = CommitteeWeights.Draw(3, 32, 2, 1, 1.0);
        var (zero, _) = CommitteeWeights.Draw(3, 32, 2, 1, 1.0, 8, UntrainedInputs.Zero);
        var (frozen, _) = CommitteeWeights.Draw(3, 32, 2, 1, 1.0, 8, UntrainedInputs.Frozen);
        Assert.Equal(full, frozen);
        for (int i = 0; i < 2; i++)
            for (int a = 0; a < 32; a++)
                Assert.Equal(a < 8 ? full[i * 32 + a] : 0.0, zero[i * 32 + a]);
    }

    [Fact]
    public void Overlaps_match_direct_sums_and_vanish_for_a_student_equal_to_the_teacher()
    {
        var spectrum = PowerLawSpectra.Committee(48, 4, 1);
        const int k = 2, m = 2, n = 48;
        var (j, b) = CommitteeWeights.Draw(5, n, k, m, 0.7);
        var lam = spectrum.ExpandEigenvalues();
        var op = CommitteeWeights.Overlaps(j, b, spectrum, k, m, Activation.Erf, Activation.Erf, OutputNormalization.InverseSqrt, seed: 5);
        for (int i = 0; i < k; i++)
            for (int p = 0; p < m; p++)
            {
                double r = 0, rTau2 = 0;
                for (int a = 0; a < n; a++) r += lam[a] * j[i * n + a] * b[p * n + a] / n;
                for (int a = 24; a < 36; a++) rTau2 += j[i * n + a] * b[p * n + a] / 12; // group τ = 2 (0-based) of size N/L = 12
                Approx.Rel(r, op.R[i * m + p], 1e-12, "R first order");
                Approx.Rel(rTau2, op.RTau[(2 * k + i) * m + p], 1e-12, "R_τ");
            }
        Assert.Equal(4, op.L);
        Assert.All(op.GroupWeights, w => Assert.Equal(0.25, w));
        Assert.True(op.EpsG > 0);

        var same = CommitteeWeights.Overlaps(b, b, spectrum, m, m, Activation.Erf, Activation.Erf, OutputNormalization.InverseSqrt);
        Approx.Abs(0, same.EpsG, 1e-14, "ε_g of the teacher against itself");
        Assert.Equal(same.Q, same.T);
        Assert.Equal(same.R, same.T);
    }
}
