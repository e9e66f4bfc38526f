using ScalingPS.Core.Committee;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.Tests.Committee;

/// <summary>
/// An independent, deliberately plain one-pass SGD for the ODE cross-check (spec/committee.md §1.3, §8):
/// Σ diagonal, ξ_a = √λ_a z_a, x_i = J_i·ξ/√N, y_n = B_n·ξ/√N, J_i += (η/√N) δ_i ξ with δ_i = a g'(x_i)(ζ − σ).
/// ε_g at a checkpoint comes from the exact first-order order parameters of the current weights.
/// </summary>
internal static class OdeReferenceSgd
{
    public static double[] Run(Spectrum spectrum, int k, int m, double eta, double[] student, double[] teacher,
        double[] checkpoints, int noiseSeed, Activation act = Activation.Erf)
    {
        int n = spectrum.Dimension;
        var lam = spectrum.ExpandEigenvalues();
        var sqrtLam = lam.Select(Math.Sqrt).ToArray();
        var j = (double[])student.Clone();
        double a = 1 / Math.Sqrt(k), b = 1 / Math.Sqrt(m), step = eta / Math.Sqrt(n), invSqrtN = 1 / Math.Sqrt(n);
        var rng = new Random(noiseSeed);
        var xi = new double[n];
        var x = new double[k]; var y = new double[m]; var delta = new double[k];
        var result = new double[checkpoints.Length];
        long done = 0;
        for (int c = 0; c < checkpoints.Length; c++)
        {
            long target = (long)Math.Round(checkpoints[c] * n);
            for (; done < target; done++)
            {
                for (int i = 0; i < n; i += 2)
                {
                    double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble(), r = Math.Sqrt(-2 * Math.Log(u1));
                    xi[i] = sqrtLam[i] * r * Math.Cos(2 * Math.PI * u2);
                    if (i + 1 < n) xi[i + 1] = sqrtLam[i + 1] * r * Math.Sin(2 * Math.PI * u2);
                }
                double sigma = 0, zeta = 0;
                for (int i = 0; i < k; i++)
                {
                    double s = 0;
                    for (int p = 0; p < n; p++) s += j[i * n + p] * xi[p];
                    x[i] = s * invSqrtN;
                    sigma += a * G(act, x[i]);
                }
                for (int q = 0; q < m; q++)
                {
                    double s = 0;
                    for (int p = 0; p < n; p++) s += teacher[q * n + p] * xi[p];
                    y[q] = s * invSqrtN;
                    zeta += b * G(act, y[q]);
                }
                for (int i = 0; i < k; i++) delta[i] = a * GPrime(act, x[i]) * (zeta - sigma);
                for (int i = 0; i < k; i++)
                {
                    double f = step * delta[i];
                    for (int p = 0; p < n; p++) j[i * n + p] += f * xi[p];
                }
            }
            result[c] = EpsG(lam, j, teacher, n, k, m, act);
        }
        return result;
    }

    private static double EpsG(double[] lam, double[] j, double[] bt, int n, int k, int m, Activation act)
    {
        double Ov(double[] u, int iu, double[] v, int iv)
        {
            double s = 0;
            for (int p = 0; p < n; p++) s += u[iu * n + p] * lam[p] * v[iv * n + p];
            return s / n;
        }
        var q = new double[k * k]; var r = new double[k * m]; var t = new double[m * m];
        for (int i = 0; i < k; i++) for (int i2 = 0; i2 < k; i2++) q[i * k + i2] = Ov(j, i, j, i2);
        for (int i = 0; i < k; i++) for (int p = 0; p < m; p++) r[i * m + p] = Ov(j, i, bt, p);
        for (int p = 0; p < m; p++) for (int p2 = 0; p2 < m; p2++) t[p * m + p2] = Ov(bt, p, bt, p2);
        return GeneralizationError.Compute(act, act, OutputNormalization.InverseSqrt, q, r, t, k, m);
    }

    private static double G(Activation act, double x) => act == Activation.Erf ? MathNet.Numerics.SpecialFunctions.Erf(x / Math.Sqrt(2)) : x;

    private static double GPrime(Activation act, double x) => act == Activation.Erf ? Math.Sqrt(2 / Math.PI) * Math.Exp(-x * x / 2) : 1;
}
