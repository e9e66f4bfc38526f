using ScalingPS.Core.Data;

namespace ScalingPS.Core.Tests.Data;

/// <summary>Data with a known covariance diag(λ), drawn from System.Random with a fixed seed (independent of the engine's generator).</summary>
internal static class SyntheticData
{
    public enum Shape { Gaussian, Laplace }

    /// <summary>Rows x_k = √λ_k t_k with t_k i.i.d., mean 0, variance 1: Gaussian, or Laplace (heavy tails, excess kurtosis 3).</summary>
    public static FeatureMatrix Draw(double[] lambda, int rows, int seed, Shape shape)
    {
        var rng = new Random(seed);
        int d = lambda.Length;
        var v = new double[rows * d];
        for (int r = 0; r < rows; r++)
            for (int k = 0; k < d; k++)
            {
                double t;
                if (shape == Shape.Gaussian)
                {
                    double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
                    t = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                }
                else
                {
                    double u = rng.NextDouble() - 0.5;
                    t = -Math.Sign(u) * Math.Log(1 - 2 * Math.Abs(u)) / Math.Sqrt(2); // Laplace with unit variance
                }
                v[r * d + k] = Math.Sqrt(lambda[k]) * t;
            }
        return FeatureMatrix.FromValues(v, rows, d);
    }

    public static double[] PowerLaw(int d, double exponent) => Enumerable.Range(1, d).Select(k => Math.Pow(k, -exponent)).ToArray();
}
