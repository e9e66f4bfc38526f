using ScalingPS.Core.Committee;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.Tests.Committee;

/// <summary>States shared by the ODE tests.</summary>
internal static class OdeTestStates
{
    /// <summary>The O(η) symmetric fixed point of §4.1: R_τ = R*, Q_τ = Q* in every entry, T_τ = I.</summary>
    public static CommitteeOdeStart FixedPoint(Spectrum s, int k)
    {
        var start = CommitteeOdeStart.Symmetric(s, k, k, 0);
        double rs = 1 / Math.Sqrt(k * (2.0 * k - 1)), qs = 1 / (2.0 * k - 1);
        Array.Fill(start.RTau, rs);
        Array.Fill(start.QTau, qs);
        return start;
    }

    /// <summary>A generic asymmetric state (K ≠ M allowed) with positive-definite per-group Q.</summary>
    public static CommitteeOdeStart Generic(int n, int l, int k, int m, int seed)
    {
        var s = PowerLawSpectra.Committee(n, l, 1);
        return CommitteeOdeStart.FromWeights(s, k, m, Weights(seed, k * n, 0.7), Weights(seed + 1, m * n, 1.0), seed);
    }

    public static double[] Weights(int seed, int count, double scale)
    {
        var rng = new Random(seed);
        var w = new double[count];
        for (int i = 0; i < count; i++) w[i] = scale * (2 * rng.NextDouble() - 1) * Math.Sqrt(3);
        return w;
    }
}
