namespace ScalingPS.Core.Committee;

/// <summary>
/// ε_g = ½E[(σ−ζ)²] from the first-order order parameters (spec/committee.md §2.3): the pre-activations
/// (x, y) are jointly Gaussian with ⟨x_i x_k⟩ = Q_ik, ⟨x_i y_n⟩ = R_in, ⟨y_n y_m⟩ = T_nm.
/// Matrices are row-major: Q is K×K, R is K×M, T is M×M.
/// </summary>
public static class GeneralizationError
{
    /// <summary>ε_g for activations with pairwise closed forms E[g(u)h(v)].</summary>
    public static double Compute(Activation student, Activation teacher, OutputNormalization norm,
        ReadOnlySpan<double> q, ReadOnlySpan<double> r, ReadOnlySpan<double> t, int k, int m)
    {
        double a = norm.Factor(k), b = norm.Factor(m);
        double ss = 0, tt = 0, st = 0;
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
                ss += PairMoment(student, student, q[i * k + i], q[j * k + j], q[i * k + j]);
        for (int n = 0; n < m; n++)
            for (int p = 0; p < m; p++)
                tt += PairMoment(teacher, teacher, t[n * m + n], t[p * m + p], t[n * m + p]);
        for (int i = 0; i < k; i++)
            for (int n = 0; n < m; n++)
                st += PairMoment(student, teacher, q[i * k + i], t[n * m + n], r[i * m + n]);
        return 0.5 * (a * a * ss + b * b * tt - 2 * a * b * st);
    }

    /// <summary>
    /// E[g(u) h(v)] for (u, v) zero-mean Gaussian with variances cuu, cvv and covariance cuv.
    /// </summary>
    public static double PairMoment(Activation g, Activation h, double cuu, double cvv, double cuv)
    {
        if (g == Activation.Erf && h == Activation.Erf)
            return 2 / Math.PI * Math.Asin(cuv / Math.Sqrt((1 + cuu) * (1 + cvv)));
        if (g == Activation.Linear && h == Activation.Linear)
            return cuv;
        if (g == Activation.ReLU && h == Activation.ReLU)
        {
            // Arc-cosine kernel of order 1 (Cho & Saul): (σ_u σ_v / 2π)(sin θ + (π − θ) cos θ).
            double su = Math.Sqrt(cuu), sv = Math.Sqrt(cvv);
            if (su == 0 || sv == 0) return 0;
            double c = Math.Clamp(cuv / (su * sv), -1, 1);
            double theta = Math.Acos(c);
            return su * sv / (2 * Math.PI) * (Math.Sin(theta) + (Math.PI - theta) * c);
        }
        if (g == Activation.Erf && h == Activation.Linear || g == Activation.Linear && h == Activation.Erf)
        {
            // E[erf(u/√2) v] = cov(u,v) · E[g'(u)] = cuv · √(2/π) / √(1 + var u), with u the erf argument.
            double varErf = g == Activation.Erf ? cuu : cvv;
            return cuv * Math.Sqrt(2 / Math.PI) / Math.Sqrt(1 + varErf);
        }
        if (g == Activation.ReLU && h == Activation.Linear || g == Activation.Linear && h == Activation.ReLU)
            return 0.5 * cuv; // Stein: cov · E[relu'(u)] = cov · ½
        // erf–ReLU has no elementary closed form: 1-D Gauss–Hermite quadrature over the conditional Gaussian.
        return MixedQuadrature(g, h, cuu, cvv, cuv);
    }

    private static double MixedQuadrature(Activation g, Activation h, double cuu, double cvv, double cuv)
    {
        // E[g(u) h(v)] = E_v[h(v) E[g(u) | v]]; for g = erf the inner mean is closed form:
        // u | v ~ N(μ, s²) with μ = cuv v / cvv, s² = cuu − cuv²/cvv; E[erf(u/√2)] = erf(μ / √(2(1 + s²))).
        if (g != Activation.Erf) return MixedQuadrature(h, g, cvv, cuu, cuv);
        if (cvv <= 0) return 0;
        double s2 = Math.Max(cuu - cuv * cuv / cvv, 0);
        var (nodes, weights) = GaussHermite.Probabilists;
        double sum = 0, sv = Math.Sqrt(cvv);
        for (int i = 0; i < nodes.Length; i++)
        {
            double v = sv * nodes[i];
            double mu = cuv / cvv * v;
            sum += weights[i] * Activate(h, v) * MathNet.Numerics.SpecialFunctions.Erf(mu / Math.Sqrt(2 * (1 + s2)));
        }
        return sum;
    }

    public static double Activate(Activation g, double x) => g switch
    {
        Activation.Erf => MathNet.Numerics.SpecialFunctions.Erf(x / Math.Sqrt(2)),
        Activation.Linear => x,
        Activation.ReLU => Math.Max(0, x),
        _ => throw new ArgumentOutOfRangeException(nameof(g)),
    };
}

/// <summary>Gauss–Hermite rule for E[f(z)], z ~ N(0,1) (probabilists' weight e^{-z²/2}/√(2π)).</summary>
internal static class GaussHermite
{
    private static readonly Lazy<(double[] Nodes, double[] Weights)> s_rule = new(() => Build(96));

    public static (double[] Nodes, double[] Weights) Probabilists => s_rule.Value;

    // Golub–Welsch: eigenvalues of the Jacobi matrix of the probabilists' Hermite polynomials.
    private static (double[], double[]) Build(int n)
    {
        var jacobi = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n);
        for (int i = 1; i < n; i++)
        {
            double off = Math.Sqrt(i);
            jacobi[i, i - 1] = off;
            jacobi[i - 1, i] = off;
        }
        var evd = jacobi.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var nodes = new double[n];
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            nodes[i] = evd.EigenValues[i].Real;
            double v0 = evd.EigenVectors[0, i];
            weights[i] = v0 * v0;
        }
        return (nodes, weights);
    }
}
