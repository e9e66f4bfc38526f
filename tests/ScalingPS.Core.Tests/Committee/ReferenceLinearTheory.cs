using MathNet.Numerics.LinearAlgebra;

namespace ScalingPS.Core.Tests.Committee;

/// <summary>
/// The exact N→∞ linear-network learning curve of spec/committee.md §3.2, computed independently of the engine:
/// ε_g(α) = (1/2L) λᵀ exp(−Aα) d(0), A = 2η diag(λ) − (η²/L) λλᵀ (symmetric, so exp via its eigendecomposition).
/// </summary>
internal static class ReferenceLinearTheory
{
    public static double EpsG(double[] lambda, double eta, double d0, double alpha)
    {
        int l = lambda.Length;
        var a = Matrix<double>.Build.Dense(l, l, (i, j) => (i == j ? 2 * eta * lambda[i] : 0) - eta * eta / l * lambda[i] * lambda[j]);
        var evd = a.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var v = evd.EigenVectors;
        var expDiag = Matrix<double>.Build.DenseOfDiagonalArray(evd.EigenValues.Select(z => Math.Exp(-z.Real * alpha)).ToArray());
        var d = v * expDiag * v.Transpose() * Vector<double>.Build.Dense(l, d0);
        double s = 0;
        for (int i = 0; i < l; i++) s += lambda[i] * d[i];
        return s / (2 * l);
    }
}
