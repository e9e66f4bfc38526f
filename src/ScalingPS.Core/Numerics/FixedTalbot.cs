using System.Numerics;

namespace ScalingPS.Core.Numerics;

/// <summary>
/// Fixed-Talbot numerical inverse Laplace transform (Abate–Valkó), in the full symmetric form of
/// spec/random-features.md §2.10: for a time t and order n the 2n−1 nodes
/// s_j = rθ_j(cot θ_j + i), θ_j = jπ/n, j = −(n−1)…(n−1), r = 2n/(5t), with weights
/// c_j = (r/2n) e^{s_j t}(1 + iσ_j), σ_j = θ_j + (θ_j cot θ_j − 1) cot θ_j, give
/// f(t) ≈ Re Σ_j c_j F(s_j) and, for a two-variable transform on the diagonal,
/// f(t,t) ≈ Re Σ_{j,j'} c_j c_{j'} F(s_j, s_{j'}).
/// The transform must be analytic to the right of the contour (singularities on or near the
/// negative real axis) and satisfy F(s̄) = conj F(s); then nodes −j are the conjugates of nodes j.
/// Accuracy is about 10^(−0.6n) in exact arithmetic; round-off grows like e^{2n/5}, so n ≈ 12–16 is
/// the sweet spot in double precision.
/// </summary>
public sealed class FixedTalbotContour
{
    /// <summary>Default order n = 16 (31 nodes), the validated choice of §2.10.</summary>
    public const int DefaultOrder = 16;

    private FixedTalbotContour(double time, int order, Complex[] nodes, Complex[] weights)
    {
        Time = time;
        Order = order;
        Nodes = nodes;
        Weights = weights;
    }

    public double Time { get; }
    public int Order { get; }

    /// <summary>Nodes s_j for j = 0…n−1 (the upper half; node −j is the conjugate of node j). s_0 = r is real.</summary>
    public Complex[] Nodes { get; }

    /// <summary>Weights c_j for j = 0…n−1 (weight −j is the conjugate of weight j).</summary>
    public Complex[] Weights { get; }

    /// <summary>Number of nodes in the full symmetric sum, 2n − 1.</summary>
    public int FullCount => 2 * Order - 1;

    public static FixedTalbotContour Create(double time, int order = DefaultOrder)
    {
        if (!(time > 0) || !double.IsFinite(time)) throw new ArgumentOutOfRangeException(nameof(time), time, "Time must be finite and > 0.");
        if (order < 2) throw new ArgumentOutOfRangeException(nameof(order), order, "Order must be ≥ 2.");
        double r = 2.0 * order / (5.0 * time);
        var nodes = new Complex[order];
        var weights = new Complex[order];
        nodes[0] = r;
        weights[0] = r / (2.0 * order) * Math.Exp(r * time);
        for (int j = 1; j < order; j++)
        {
            double theta = j * Math.PI / order;
            double cot = Math.Cos(theta) / Math.Sin(theta);
            var s = new Complex(r * theta * cot, r * theta);
            double sigma = theta + (theta * cot - 1) * cot;
            nodes[j] = s;
            weights[j] = r / (2.0 * order) * Complex.Exp(s * time) * new Complex(1, sigma);
        }
        return new FixedTalbotContour(time, order, nodes, weights);
    }

    /// <summary>Full node j ∈ [−(n−1), n−1].</summary>
    public Complex Node(int j) => j >= 0 ? Nodes[j] : Complex.Conjugate(Nodes[-j]);

    /// <summary>Full weight j ∈ [−(n−1), n−1].</summary>
    public Complex Weight(int j) => j >= 0 ? Weights[j] : Complex.Conjugate(Weights[-j]);

    /// <summary>f(t) ≈ Re Σ_j c_j F(s_j), using the conjugate symmetry (F is evaluated at the n upper nodes only).</summary>
    public double Invert(Func<Complex, Complex> transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        double sum = (Weights[0] * transform(Nodes[0])).Real;
        for (int j = 1; j < Order; j++) sum += 2 * (Weights[j] * transform(Nodes[j])).Real;
        return sum;
    }

    /// <summary>f(t,t) ≈ Re Σ_{j,j'} c_j c_{j'} F(s_j, s_{j'}) over the full symmetric node set.</summary>
    public double InvertDiagonal(Func<Complex, Complex, Complex> transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        double sum = 0;
        int n = Order;
        for (int j = -(n - 1); j < n; j++)
            for (int jp = -(n - 1); jp < n; jp++)
                sum += (Weight(j) * Weight(jp) * transform(Node(j), Node(jp))).Real;
        return sum;
    }

    /// <summary>One-shot inversion of F at time t.</summary>
    public static double Invert(Func<Complex, Complex> transform, double time, int order = DefaultOrder) =>
        Create(time, order).Invert(transform);
}
