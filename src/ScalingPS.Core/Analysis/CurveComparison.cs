namespace ScalingPS.Core.Analysis;

/// <summary>
/// One measured point against a reference curve (Compare-ScalingCurve). Y is the mean of the measured values at
/// this X; StdErr their standard error (the input's own when one value was given, the seed spread when several);
/// Reference the reference curve at X (interpolated on log axes); Z the standardised difference, calibrated so
/// that it is standard normal when the measurement is unbiased (see <see cref="CurveComparer"/>).
/// </summary>
public sealed record ComparisonPoint
{
    public string Group { get; init; } = "";
    public double X { get; init; }
    public double Y { get; init; }
    public double StdErr { get; init; } = double.NaN;
    /// <summary>How many input values were averaged at this X (seeds, when per-seed points were given).</summary>
    public int Count { get; init; } = 1;
    public double Reference { get; init; } = double.NaN;
    /// <summary>Y / Reference.</summary>
    public double Ratio { get; init; } = double.NaN;
    /// <summary>Y − Reference.</summary>
    public double Difference { get; init; } = double.NaN;
    /// <summary>Standardised difference (NaN when X is outside the reference or no standard error is known).</summary>
    public double Z { get; init; } = double.NaN;
    /// <summary>False when X lies outside the reference's X range: reported, not compared.</summary>
    public bool InRange { get; init; }
    public string XProperty { get; init; } = "";
    public string YProperty { get; init; } = "";
}

/// <summary>Per-group verdict of a comparison: worst |z|, χ²/dof and its p-value, ranges covered.</summary>
public sealed record ComparisonSummary
{
    public string Group { get; init; } = "";
    /// <summary>Distinct X values of the measurement in this group.</summary>
    public int Points { get; init; }
    /// <summary>Points inside the reference's range with a finite z (they make up χ²).</summary>
    public int Compared { get; init; }
    /// <summary>Points outside the reference's X range (reported with InRange = false).</summary>
    public int OutsideRange { get; init; }
    /// <summary>Points inside the range without a standard error (ratio known, z NaN).</summary>
    public int WithoutStdErr { get; init; }
    /// <summary>The z of largest magnitude (signed), and where it is.</summary>
    public double WorstZ { get; init; } = double.NaN;
    public double WorstZX { get; init; } = double.NaN;
    public double ChiSquare { get; init; } = double.NaN;
    /// <summary>Degrees of freedom of χ² = Compared (the reference has no fitted parameters).</summary>
    public int Dof { get; init; }
    public double ChiSquarePerDof { get; init; } = double.NaN;
    /// <summary>P(χ²_dof ≥ ChiSquare): small when the points scatter more than their errors allow.</summary>
    public double PValue { get; init; } = double.NaN;
    /// <summary>Smallest and largest ratio Y/Reference over the points in range.</summary>
    public double RatioMin { get; init; } = double.NaN;
    public double RatioMax { get; init; } = double.NaN;
    /// <summary>X range of the points compared (in range).</summary>
    public double XMin { get; init; } = double.NaN;
    public double XMax { get; init; } = double.NaN;
    /// <summary>X range of the reference.</summary>
    public double ReferenceXMin { get; init; } = double.NaN;
    public double ReferenceXMax { get; init; } = double.NaN;
    public string XProperty { get; init; } = "";
    public string YProperty { get; init; } = "";
    public ComparisonPoint[] Detail { get; init; } = [];
}

/// <summary>Options of a comparison.</summary>
public sealed record ComparisonOptions
{
    /// <summary>Relative systematic allowance (e.g. 0.02 for 2 % of the reference) added in quadrature to the standard error.</summary>
    public double RelativeTolerance { get; init; }

    public void Validate()
    {
        if (!(RelativeTolerance >= 0 && RelativeTolerance < 1e6))
            throw new ParameterException("RelativeTolerance", RelativeTolerance, "The relative tolerance must be ≥ 0 (0.02 allows 2 % of the reference in quadrature with the standard error).");
    }
}

/// <summary>
/// Compares measured points (simulations) with a reference curve (theory), as every check of a simulation against
/// theory does by hand:
/// <list type="bullet">
/// <item>The reference is interpolated linearly in (log x, log y) between its two neighbouring points: exact on a
/// power law. Where either neighbour has y ≤ 0, linearly in y over log x; where x ≤ 0 or x = ∞ only an exact match counts.</item>
/// <item>Several values at the same X in a group are seeds: their mean is compared and their spread gives the
/// standard error s/√n; the t statistic (n − 1 degrees of freedom) is mapped to the normal quantile with the same
/// tail probability, so z is standard normal for Gaussian seeds whatever n (|z| &gt; 2 in 4.55 % of points).
/// One value at an X uses the given standard error (z = (y − ref)/StdErr), mapped the same way when the number n of
/// seeds behind it is known (Count).</item>
/// <item>A relative tolerance τ widens the error to √(StdErr² + (τ·ref)²).</item>
/// <item>χ² = Σ z² over the compared points, with dof = their number, and p = P(χ²_dof ≥ χ²).</item>
/// </list>
/// </summary>
public static class CurveComparer
{
    /// <summary>
    /// Compares one group. <paramref name="measured"/> holds (x, y, stdErr) rows, stdErr NaN when unknown;
    /// <paramref name="reference"/> (x, y) rows in any order. Throws <see cref="ComparisonRefusedException"/> when
    /// the reference covers none of the measured X values.
    /// </summary>
    public static ComparisonSummary Compare(IReadOnlyList<(double X, double Y, double StdErr)> measured,
        IReadOnlyList<(double X, double Y)> reference, ComparisonOptions? options = null, string group = "") =>
        Compare(measured.Select(r => (r.X, r.Y, r.StdErr, double.NaN)).ToList(), reference, options, group);

    /// <summary>
    /// As above, with the number of seeds behind each single value (e.g. -Aggregate's Count; NaN when unknown): a mean
    /// of n ≥ 2 seeds with its own standard error is a t statistic with n − 1 degrees of freedom, mapped to z as for
    /// per-seed points.
    /// </summary>
    public static ComparisonSummary Compare(IReadOnlyList<(double X, double Y, double StdErr, double Count)> measured,
        IReadOnlyList<(double X, double Y)> reference, ComparisonOptions? options = null, string group = "")
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(reference);
        options ??= new ComparisonOptions();
        options.Validate();
        var curve = ReferenceCurve.Create(reference);
        var points = new List<ComparisonPoint>();
        foreach (var g in measured.Where(r => !double.IsNaN(r.X)).GroupBy(r => r.X).OrderBy(g => g.Key))
        {
            var ys = g.Select(r => r.Y).Where(double.IsFinite).ToArray();
            if (ys.Length == 0) continue;
            double x = g.Key, mean = ys.Average(), se = double.NaN;
            int dofT = 0;
            if (ys.Length >= 2)
            {
                double ss = ys.Sum(v => (v - mean) * (v - mean));
                se = Math.Sqrt(ss / (ys.Length - 1) / ys.Length);
                dofT = ys.Length - 1;
            }
            else
            {
                double given = g.First().StdErr, count = g.First().Count;
                if (double.IsFinite(given) && given >= 0) se = given;
                if (count >= 2 && count < int.MaxValue && count == Math.Floor(count)) dofT = (int)count - 1;
            }
            double reference0 = curve.At(x);
            bool inRange = !double.IsNaN(reference0);
            double z = double.NaN;
            if (inRange)
            {
                double err = Math.Sqrt(se * se + Math.Pow(options.RelativeTolerance * reference0, 2));
                if (err > 0 && double.IsFinite(err))
                {
                    double t = (mean - reference0) / err;
                    z = dofT > 0 && options.RelativeTolerance == 0 ? TToZ(t, dofT) : t;
                }
                else if (err == 0) z = mean == reference0 ? 0 : double.NaN;
            }
            points.Add(new ComparisonPoint
            {
                Group = group, X = x, Y = mean, StdErr = se, Count = ys.Length, Reference = reference0,
                Ratio = inRange ? mean / reference0 : double.NaN, Difference = inRange ? mean - reference0 : double.NaN,
                Z = z, InRange = inRange,
            });
        }
        var inside = points.Where(p => p.InRange).ToList();
        if (inside.Count == 0)
            throw new ComparisonRefusedException(
                $"The reference covers none of the {points.Count} measured points: reference x ∈ [{curve.XMin:G4}, {curve.XMax:G4}], "
                + (points.Count == 0 ? "no finite measured values." : $"measured x ∈ [{points[0].X:G4}, {points[^1].X:G4}]."),
                points.Count == 0 ? null : (object)points[0].X);
        var withZ = inside.Where(p => double.IsFinite(p.Z)).ToList();
        double chi2 = withZ.Sum(p => p.Z * p.Z);
        var worst = withZ.Count == 0 ? null : withZ.MaxBy(p => Math.Abs(p.Z));
        var ratios = inside.Select(p => p.Ratio).Where(double.IsFinite).ToArray();
        return new ComparisonSummary
        {
            Group = group,
            Points = points.Count,
            Compared = withZ.Count,
            OutsideRange = points.Count - inside.Count,
            WithoutStdErr = inside.Count - withZ.Count,
            WorstZ = worst?.Z ?? double.NaN,
            WorstZX = worst?.X ?? double.NaN,
            ChiSquare = withZ.Count == 0 ? double.NaN : chi2,
            Dof = withZ.Count,
            ChiSquarePerDof = withZ.Count == 0 ? double.NaN : chi2 / withZ.Count,
            PValue = withZ.Count == 0 ? double.NaN : ChiSquareUpperTail(chi2, withZ.Count),
            RatioMin = ratios.Length == 0 ? double.NaN : ratios.Min(),
            RatioMax = ratios.Length == 0 ? double.NaN : ratios.Max(),
            XMin = inside[0].X,
            XMax = inside[^1].X,
            ReferenceXMin = curve.XMin,
            ReferenceXMax = curve.XMax,
            Detail = points.ToArray(),
        };
    }

    /// <summary>
    /// Maps a t statistic with <paramref name="dof"/> degrees of freedom to the standard-normal quantile with the same
    /// tail probability (computed from the smaller tail, so large |t| keep their precision).
    /// </summary>
    public static double TToZ(double t, int dof)
    {
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsInfinity(t)) return t;
        double tail = MathNet.Numerics.Distributions.StudentT.CDF(0, 1, dof, -Math.Abs(t));
        if (tail <= 0) return Math.Sign(t) * 38.0; // beyond double precision: |z| ≥ 38
        return -Math.Sign(t) * MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, tail);
    }

    /// <summary>P(χ²_k ≥ x) = Q(k/2, x/2), the regularised upper incomplete gamma function.</summary>
    public static double ChiSquareUpperTail(double x, int k) =>
        x <= 0 ? 1 : MathNet.Numerics.SpecialFunctions.GammaUpperRegularized(k / 2.0, x / 2.0);
}

/// <summary>A reference curve sorted by x, with duplicate x averaged, read by log-log interpolation.</summary>
public sealed class ReferenceCurve
{
    private readonly double[] _x;
    private readonly double[] _y;

    private ReferenceCurve(double[] x, double[] y)
    {
        _x = x;
        _y = y;
    }

    public double XMin => _x[0];
    public double XMax => _x[^1];
    public int Count => _x.Length;

    public static ReferenceCurve Create(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var rows = points.Where(p => !double.IsNaN(p.X) && double.IsFinite(p.Y))
            .GroupBy(p => p.X).OrderBy(g => g.Key).Select(g => (X: g.Key, Y: g.Average(p => p.Y))).ToArray();
        if (rows.Length == 0)
            throw new ComparisonRefusedException("The reference has no point with a number for both X and Y.", null);
        return new ReferenceCurve(rows.Select(r => r.X).ToArray(), rows.Select(r => r.Y).ToArray());
    }

    /// <summary>The reference at x: exact at a reference point, interpolated on log axes between two, NaN outside.</summary>
    public double At(double x)
    {
        int i = Array.BinarySearch(_x, x);
        if (i >= 0) return _y[i];
        int hi = ~i;
        if (hi == 0 || hi == _x.Length) return double.NaN;
        int lo = hi - 1;
        double x0 = _x[lo], x1 = _x[hi], y0 = _y[lo], y1 = _y[hi];
        if (!(x0 > 0) || double.IsInfinity(x1)) return double.NaN; // no log axis through 0 or ∞
        double u = Math.Log(x / x0) / Math.Log(x1 / x0);
        if (y0 > 0 && y1 > 0) return y0 * Math.Exp(u * Math.Log(y1 / y0));
        return y0 + u * (y1 - y0);
    }
}

/// <summary>A comparison that cannot be made (the reference covers no measured point, or has no points): id "ComparisonRefused.NoOverlap".</summary>
public sealed class ComparisonRefusedException(string message, object? offendingValue) : Exception(message)
{
    public object? OffendingValue { get; } = offendingValue;
    public const string ErrorId = "ComparisonRefused.NoOverlap";
}
