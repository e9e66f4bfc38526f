namespace ScalingPS.Core.RandomFeatures;

/// <summary>One point of the compute-optimal frontier: the best loss at compute C = N·t and where it is reached.</summary>
public sealed record RandomFeatureFrontierPoint
{
    public string Model { get; init; } = "RandomFeature";
    public double Compute { get; init; }
    public double TestLoss { get; init; }
    /// <summary>Optimal width N*(C), refined between grid widths by a parabola in log N.</summary>
    public double N { get; init; }
    /// <summary>Optimal time t*(C) = C/N*.</summary>
    public double Time { get; init; }
    /// <summary>False when the optimum sits on the smallest or largest N of the grid (the frontier is then grid-limited).</summary>
    public bool Interior { get; init; }
    public double? A { get; init; }
    public double? B { get; init; }
    public double M { get; init; }
    public double P { get; init; }
    public double Sigma { get; init; }
}

/// <summary>
/// The compute-optimal frontier of spec §3.4 from learning curves at several widths: for each C on a
/// log grid, L*(C) = min_N L(t = C/N, N), read with the same estimator as Find-ComputeOptimal
/// (<see cref="Analysis.ComputeFrontier.Read"/>: curves interpolated on log axes, interior optima refined by a parabola).
/// </summary>
public static class RandomFeatureFrontier
{
    public static RandomFeatureFrontierPoint[] Find(IEnumerable<RandomFeaturePoint> points, int pointsPerDecade = 8)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (pointsPerDecade < 1) throw new ParameterException("PointsPerDecade", pointsPerDecade, "Must be ≥ 1.");
        var usable = points.Where(p => double.IsFinite(p.N) && p.N > 0 && p.Time > 0 && double.IsFinite(p.Time) && p.TestLoss > 0 && double.IsFinite(p.TestLoss)).ToArray();
        int widths = usable.GroupBy(p => p.N).Count(g => g.Select(p => p.Time).Distinct().Count() >= 2);
        if (widths < 3) throw new ParameterException("N", widths, "The frontier needs learning curves at ≥ 3 finite widths N, each with ≥ 2 times.");
        var like = usable[0];
        return Analysis.ComputeFrontier.Read(usable.Select(p => p.N).ToArray(), usable.Select(p => p.Time).ToArray(),
                usable.Select(p => p.TestLoss).ToArray(), pointsPerDecade)
            .Select(f => new RandomFeatureFrontierPoint
            {
                Compute = f.Compute, TestLoss = f.Loss, N = f.Size, Time = f.Time, Interior = f.Interior,
                A = like.A, B = like.B, M = like.M, P = like.P, Sigma = like.Sigma,
            })
            .ToArray();
    }

    /// <summary>Least-squares slope of log y against log x.</summary>
    public static double LogLogSlope(IReadOnlyList<double> x, IReadOnlyList<double> y) => Analysis.ComputeFrontier.LogLogSlope(x, y);
}
