namespace ScalingPS.Core.RandomFeatures;

/// <summary>One point of the compute-optimal frontier: the best loss at compute C = N·t and where it is reached.</summary>
public sealed record ComputeFrontierPoint
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
    public double A { get; init; } = double.NaN;
    public double B { get; init; } = double.NaN;
    public double M { get; init; }
    public double P { get; init; }
    public double Sigma { get; init; }
}

/// <summary>
/// The compute-optimal frontier of spec §3.4 from learning curves at several widths: for each C on a
/// log grid, L*(C) = min_N L(t = C/N, N), with each curve interpolated linearly in (log t, log L).
/// </summary>
public static class ComputeFrontier
{
    public static ComputeFrontierPoint[] Find(IEnumerable<RandomFeaturePoint> points, int pointsPerDecade = 8)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (pointsPerDecade < 1) throw new ParameterException("PointsPerDecade", pointsPerDecade, "Must be ≥ 1.");
        var curves = points
            .Where(p => double.IsFinite(p.N) && p.Time > 0 && double.IsFinite(p.Time) && p.TestLoss > 0)
            .GroupBy(p => p.N)
            .Select(g => (N: g.Key, T: g.OrderBy(p => p.Time).Select(p => Math.Log(p.Time)).ToArray(), L: g.OrderBy(p => p.Time).Select(p => Math.Log(p.TestLoss)).ToArray(), Source: g.First()))
            .Where(c => c.T.Length >= 2)
            .OrderBy(c => c.N)
            .ToArray();
        if (curves.Length < 3) throw new ParameterException("N", curves.Length, "The frontier needs learning curves at ≥ 3 finite widths N, each with ≥ 2 times.");
        double cmin = curves.Min(c => Math.Log(c.N) + c.T[0]);
        double cmax = curves.Max(c => Math.Log(c.N) + c.T[^1]);
        double step = Math.Log(10) / pointsPerDecade;
        var result = new List<ComputeFrontierPoint>();
        for (double lc = Math.Ceiling(cmin / step) * step; lc <= cmax + 1e-12; lc += step)
        {
            // log L(t = C/N) per width; NaN when C/N is outside that curve's time range.
            var ll = curves.Select(c => Interpolate(c.T, c.L, lc - Math.Log(c.N))).ToArray();
            int best = -1;
            for (int i = 0; i < ll.Length; i++)
                if (!double.IsNaN(ll[i]) && (best < 0 || ll[i] < ll[best])) best = i;
            if (best < 0) continue;
            bool interior = best > 0 && best < ll.Length - 1 && !double.IsNaN(ll[best - 1]) && !double.IsNaN(ll[best + 1]);
            double logN = Math.Log(curves[best].N), logL = ll[best];
            if (interior)
            {
                double x0 = Math.Log(curves[best - 1].N), x1 = logN, x2 = Math.Log(curves[best + 1].N);
                (logN, logL) = Vertex(x0, ll[best - 1], x1, ll[best], x2, ll[best + 1]);
            }
            var like = curves[best].Source;
            result.Add(new ComputeFrontierPoint
            {
                Compute = Math.Exp(lc), TestLoss = Math.Exp(logL), N = Math.Exp(logN), Time = Math.Exp(lc - logN), Interior = interior,
                A = like.A, B = like.B, M = like.M, P = like.P, Sigma = like.Sigma,
            });
        }
        return result.ToArray();
    }

    private static double Interpolate(double[] x, double[] y, double at)
    {
        if (at < x[0] - 1e-12 || at > x[^1] + 1e-12) return double.NaN;
        int i = Array.BinarySearch(x, at);
        if (i >= 0) return y[i];
        i = ~i;
        if (i == 0) return y[0];
        if (i >= x.Length) return y[^1];
        double f = (at - x[i - 1]) / (x[i] - x[i - 1]);
        return y[i - 1] + f * (y[i] - y[i - 1]);
    }

    /// <summary>Vertex of the parabola through three points (x increasing), clamped to [x0, x2].</summary>
    private static (double X, double Y) Vertex(double x0, double y0, double x1, double y1, double x2, double y2)
    {
        double d01 = (y1 - y0) / (x1 - x0), d12 = (y2 - y1) / (x2 - x1);
        double a = (d12 - d01) / (x2 - x0);
        if (!(a > 0)) return (x1, y1);
        double b = d01 - a * (x0 + x1);
        double x = Math.Clamp(-b / (2 * a), x0, x2);
        double y = y1 + (x - x1) * (b + a * (x + x1)); // y(x) − y(x1) = (x − x1)(b + a(x + x1))
        return (x, y);
    }

    /// <summary>Least-squares slope of log y against log x.</summary>
    public static double LogLogSlope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int n = x.Count;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += Math.Log(x[i]); my += Math.Log(y[i]); }
        mx /= n; my /= n;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = Math.Log(x[i]) - mx;
            sxy += dx * (Math.Log(y[i]) - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }
}
