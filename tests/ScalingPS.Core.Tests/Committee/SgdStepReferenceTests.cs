using ScalingPS.Core.Committee;
using ScalingPS.Core.Sampling;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.Tests.Committee;

/// <summary>
/// The SIMD step loop against a plain scalar transcription of the learning rule (spec/committee.md §1.3) fed the same
/// random numbers: every activation, output normalisation, trainable-input mode, row grouping and vector tail.
/// </summary>
public class SgdStepReferenceTests
{
    private static double G(Activation g, double x) => g switch
    {
        Activation.Erf => MathNet.Numerics.SpecialFunctions.Erf(x / Math.Sqrt(2)),
        Activation.Linear => x,
        _ => Math.Max(0, x),
    };

    private static double DG(Activation g, double x) => g switch
    {
        Activation.Erf => Math.Sqrt(2 / Math.PI) * Math.Exp(-x * x / 2),
        Activation.Linear => 1,
        _ => x > 0 ? 1 : 0,
    };

    [Theory]
    [InlineData(36, 4, 2, 2, Activation.Erf, Activation.Erf, OutputNormalization.InverseSqrt, 0, UntrainedInputs.Zero)]
    [InlineData(36, 1, 3, 2, Activation.ReLU, Activation.Erf, OutputNormalization.None, 0, UntrainedInputs.Zero)]
    [InlineData(40, 40, 1, 3, Activation.Linear, Activation.ReLU, OutputNormalization.Inverse, 0, UntrainedInputs.Zero)]
    [InlineData(48, 48, 2, 1, Activation.Erf, Activation.Linear, OutputNormalization.InverseSqrt, 13, UntrainedInputs.Frozen)]
    [InlineData(48, 6, 5, 4, Activation.Erf, Activation.Erf, OutputNormalization.InverseSqrt, 20, UntrainedInputs.Zero)]
    public void Engine_steps_equal_the_scalar_learning_rule(int n, int l, int k, int m, Activation g, Activation h,
        OutputNormalization norm, int trainable, UntrainedInputs untrained)
    {
        const int seed = 17, steps = 60;
        const double eta = 0.7, sigmaJ = 0.8;
        var spectrum = PowerLawSpectra.Committee(n, l, 1);
        var o = new CommitteeSgdOptions
        {
            Spectrum = spectrum, K = k, M = m, Eta = eta, SigmaJ = sigmaJ, Activation = g, TeacherActivation = h,
            OutputNormalization = norm, TrainableInputs = trainable, UntrainedInputs = untrained,
        };
        var engine = new SgdSeedState<double>(o, seed);
        engine.Advance(steps);
        var actual = engine.Weights();

        int nl = trainable == 0 ? n : trainable;
        var (j, b) = CommitteeWeights.Draw(seed, n, k, m, sigmaJ, nl, untrained);
        var lam = spectrum.ExpandEigenvalues();
        var gen = new NormalGenerator(seed, RandomStreams.Data);
        var z = new double[n];
        double a = norm.Factor(k), bb = norm.Factor(m);
        for (int s = 0; s < steps; s++)
        {
            gen.Fill(z.AsSpan());
            var xi = z.Select((v, i) => Math.Sqrt(lam[i]) * v).ToArray();
            var x = new double[k];
            double sigma = 0, zeta = 0;
            for (int i = 0; i < k; i++)
            {
                for (int c = 0; c < n; c++) x[i] += j[i * n + c] * xi[c];
                x[i] /= Math.Sqrt(n);
                sigma += a * G(g, x[i]);
            }
            for (int p = 0; p < m; p++)
            {
                double y = 0;
                for (int c = 0; c < n; c++) y += b[p * n + c] * xi[c];
                zeta += bb * G(h, y / Math.Sqrt(n));
            }
            for (int i = 0; i < k; i++)
            {
                double delta = a * DG(g, x[i]) * (zeta - sigma);
                for (int c = 0; c < nl; c++) j[i * n + c] += eta / Math.Sqrt(n) * delta * xi[c];
            }
        }
        for (int c = 0; c < k * n; c++) Approx.Abs(j[c], actual[c], 1e-11 * (1 + Math.Abs(j[c])), $"J[{c / n}, {c % n}]");
        for (int c = 0; c < m * n; c++) Assert.Equal(b[c], actual[k * n + c]); // the teacher never moves
        Assert.NotEqual(CommitteeWeights.Draw(seed, n, k, m, sigmaJ, nl, untrained).Student, j); // the student did
    }

    [Fact]
    public void Single_precision_steps_follow_the_same_rule_to_float_accuracy()
    {
        var spectrum = PowerLawSpectra.Committee(40, 4, 1);
        var o = new CommitteeSgdOptions { Spectrum = spectrum, K = 2, M = 2, Eta = 0.5, SigmaJ = 0.5 };
        var single = new SgdSeedState<float>(o, 3);
        // The reference in double, fed the float stream's numbers (widened), shows the float loop adds only rounding.
        var (j, b) = CommitteeWeights.Draw(3, 40, 2, 2, 0.5);
        var lam = spectrum.ExpandEigenvalues();
        var gen = new NormalGenerator(3, RandomStreams.Data);
        var zf = new float[40];
        double a = 1 / Math.Sqrt(2);
        for (int s = 0; s < 30; s++)
        {
            gen.Fill(zf.AsSpan());
            var xi = zf.Select((v, i) => Math.Sqrt(lam[i]) * v).ToArray();
            var x = new double[2];
            double sigma = 0, zeta = 0;
            for (int i = 0; i < 2; i++)
            {
                for (int c = 0; c < 40; c++) x[i] += j[i * 40 + c] * xi[c];
                x[i] /= Math.Sqrt(40);
                sigma += a * G(Activation.Erf, x[i]);
                double y = 0;
                for (int c = 0; c < 40; c++) y += b[i * 40 + c] * xi[c];
                zeta += a * G(Activation.Erf, y / Math.Sqrt(40));
            }
            for (int i = 0; i < 2; i++)
                for (int c = 0; c < 40; c++) j[i * 40 + c] += 0.5 / Math.Sqrt(40) * a * DG(Activation.Erf, x[i]) * (zeta - sigma) * xi[c];
        }
        single.Advance(30);
        var actual = single.Weights();
        for (int c = 0; c < 80; c++) Approx.Abs(j[c], actual[c], 2e-5 * (1 + Math.Abs(j[c])), $"J[{c / 40}, {c % 40}]");
    }
}
