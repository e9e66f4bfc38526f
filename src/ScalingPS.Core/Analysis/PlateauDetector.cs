namespace ScalingPS.Core.Analysis;

/// <summary>Thresholds of the plateau criterion (public cmdlet parameter names in the validation messages).</summary>
public sealed record PlateauOptions
{
    /// <summary>Width, in decades of x, of the running median and of the local-slope window.</summary>
    public double Window { get; init; } = 0.3;
    /// <summary>A point is flat when |d log y / d log x| of the smoothed curve is below this.</summary>
    public double SlopeThreshold { get; init; } = 0.1;
    /// <summary>Shortest plateau kept, in decades of x.</summary>
    public double MinDecades { get; init; } = 0.5;
    /// <summary>Relative band around the height into which a flat run is extended: y within [h/(1+t), h(1+t)].</summary>
    public double Tolerance { get; init; } = 0.1;
    /// <summary>Escape when y first falls below this fraction of the height (spec/committee.md §8: ½).</summary>
    public double EscapeFraction { get; init; } = 0.5;
    /// <summary>Keep a flat run that starts at the first sample (by default it is the initial condition, not a plateau).</summary>
    public bool IncludeInitial { get; init; }
    /// <summary>
    /// Escape by specialisation (spec committee §9 item 10): SpecialisationX is the first x whose specialisation
    /// exceeds this (0.2 in the spec); NaN = not used. Needs a specialisation value per point.
    /// </summary>
    public double SpecialisationThreshold { get; init; } = double.NaN;

    public void Validate()
    {
        Check.Positive(Window, "Window");
        Check.Positive(SlopeThreshold, "SlopeThreshold");
        Check.NonNegative(MinDecades, "MinDecades");
        Check.Positive(Tolerance, "Tolerance");
        Check.Between(EscapeFraction, 0, 1, "EscapeFraction");
        if (!double.IsNaN(SpecialisationThreshold) && !(SpecialisationThreshold > 0 && SpecialisationThreshold < 1e6))
            throw new ParameterException("SpecialisationThreshold", SpecialisationThreshold, "The specialisation threshold must be > 0 (the spec's α_S uses 0.2).");
    }
}

/// <summary>
/// One plateau of a learning curve on log axes, or (HasPlateau = false, the rest NaN) the report that a curve has
/// none. Start/End are x values of the first and last sampled point on the plateau; Height is the median y there;
/// EscapeX is the first sampled x at or after Start with y &lt; EscapeFraction · Height (NaN when the curve never
/// gets there, e.g. a final floor).
/// </summary>
public sealed record Plateau
{
    public string Group { get; init; } = "";
    public bool HasPlateau { get; init; }
    /// <summary>1-based number of this plateau in its curve (0 when there is none).</summary>
    public int Index { get; init; }
    public double Start { get; init; } = double.NaN;
    public double End { get; init; } = double.NaN;
    /// <summary>End − Start, in units of x.</summary>
    public double Length { get; init; } = double.NaN;
    /// <summary>log10(End / Start).</summary>
    public double LengthDecades { get; init; } = double.NaN;
    public double Height { get; init; } = double.NaN;
    public double EscapeFraction { get; init; }
    public double EscapeX { get; init; } = double.NaN;
    public bool Escaped { get; init; }
    /// <summary>First x with specialisation above PlateauOptions.SpecialisationThreshold (the spec's α_S); NaN when not asked for or never reached.</summary>
    public double SpecialisationX { get; init; } = double.NaN;
    /// <summary>Sampled points on the plateau.</summary>
    public int Points { get; init; }
    public string XProperty { get; init; } = "";
    public string YProperty { get; init; } = "";
}

/// <summary>
/// Plateau criterion (documented in Measure-Plateau's help):
/// 1. sort by x, average y over repeated x; work with u = log10 x, v = log10 y;
/// 2. smooth: s_i = median of v over the points with |u_j − u_i| ≤ Window/2 (a running median ignores outliers and
///    leaves a monotone curve unchanged);
/// 3. local slope: least-squares slope of s against u over the same window (at least three points);
/// 4. a flat core is a maximal run of points with |slope| &lt; SlopeThreshold;
/// 5. the core is extended on both sides while the smoothed curve stays within a factor (1 + Tolerance) of the
///    core's median height (which pins the ends to where the curve meets the plateau, not to where the slope
///    window stops straddling a corner); overlapping extended runs merge;
/// 6. a plateau must span at least MinDecades; its height is the median of y over it;
/// 7. a run that begins at the first sample is the curve's initial condition (before any decrease), not a
///    plateau, and is dropped unless IncludeInitial; a run that reaches the last sample is kept (a final floor,
///    Escaped = false).
/// </summary>
public static class PlateauDetector
{
    /// <summary>Plateaus of the curve (x, y); <c>specialisation</c> (optional, one value per point, NaN skipped) feeds <see cref="PlateauOptions.SpecialisationThreshold"/>.</summary>
    public static IReadOnlyList<Plateau> Detect(double[] x, double[] y, PlateauOptions options, double[]? specialisation = null)
    {
        options.Validate();
        double specialisedAt = SpecialisedAt(x, specialisation, options.SpecialisationThreshold);
        for (int i = 0; i < x.Length; i++)
            if (!(x[i] > 0) || !(y[i] > 0) || !double.IsFinite(x[i]) || !double.IsFinite(y[i]))
                throw new FitRefusedException(FitRefusal.NonPositive,
                    $"point {i}: ({x[i]:G6}, {y[i]:G6}); plateaus are found on log axes, which need finite, positive values.", x[i] > 0 ? y[i] : x[i]);
        var groups = x.Select((v, i) => (v, y[i])).GroupBy(p => p.v).OrderBy(g => g.Key).ToArray();
        var xs = groups.Select(g => g.Key).ToArray();
        var ys = groups.Select(g => g.Average(p => p.Item2)).ToArray();
        int n = xs.Length;
        if (n < 5) throw new FitRefusedException(FitRefusal.TooFewPoints, $"plateau detection needs at least 5 distinct x values; got {n}.", n);

        var u = xs.Select(Math.Log10).ToArray();
        var v = ys.Select(Math.Log10).ToArray();
        double half = options.Window / 2;
        var s = new double[n];
        for (int i = 0; i < n; i++)
        {
            var (lo, hi) = WindowOf(u, i, half, 1);
            s[i] = ScalingLawFitter.Median(v[lo..(hi + 1)]);
        }
        var flat = new bool[n];
        for (int i = 0; i < n; i++)
        {
            var (lo, hi) = WindowOf(u, i, half, 3);
            flat[i] = Math.Abs(ScalingLawFitter.Slope(u[lo..(hi + 1)], s[lo..(hi + 1)], null)) < options.SlopeThreshold;
        }

        double band = Math.Log10(1 + options.Tolerance);
        var runs = new List<(int A, int B)>();
        for (int i = 0; i < n;)
        {
            if (!flat[i]) { i++; continue; }
            int a = i;
            while (i < n && flat[i]) i++;
            int b = i - 1;
            double level = Math.Log10(ScalingLawFitter.Median(ys[a..(b + 1)]));
            while (a > 0 && Math.Abs(s[a - 1] - level) <= band) a--;
            while (b < n - 1 && Math.Abs(s[b + 1] - level) <= band) b++;
            if (runs.Count > 0 && a <= runs[^1].B + 1) runs[^1] = (runs[^1].A, Math.Max(b, runs[^1].B));
            else runs.Add((a, b));
        }

        var result = new List<Plateau>();
        foreach (var (a, b) in runs)
        {
            double decades = u[b] - u[a];
            if (decades < options.MinDecades || (a == 0 && !options.IncludeInitial)) continue;
            double height = ScalingLawFitter.Median(ys[a..(b + 1)]);
            double escape = double.NaN;
            for (int i = a; i < n; i++)
                if (ys[i] < options.EscapeFraction * height) { escape = xs[i]; break; }
            result.Add(new Plateau
            {
                HasPlateau = true, Index = result.Count + 1,
                Start = xs[a], End = xs[b], Length = xs[b] - xs[a], LengthDecades = decades, Height = height,
                EscapeFraction = options.EscapeFraction, EscapeX = escape, Escaped = double.IsFinite(escape), Points = b - a + 1,
                SpecialisationX = specialisedAt,
            });
        }
        if (result.Count == 0) result.Add(new Plateau { HasPlateau = false, EscapeFraction = options.EscapeFraction, SpecialisationX = specialisedAt });
        return result;
    }

    /// <summary>The first x (in increasing x) whose specialisation exceeds the threshold; NaN when off, absent or never.</summary>
    public static double SpecialisedAt(double[] x, double[]? specialisation, double threshold)
    {
        if (double.IsNaN(threshold) || specialisation is null) return double.NaN;
        if (specialisation.Length != x.Length) throw new ArgumentException("One specialisation value per point is needed.", nameof(specialisation));
        double first = double.NaN;
        for (int i = 0; i < x.Length; i++)
            if (specialisation[i] > threshold && !(x[i] >= first)) first = x[i];
        return first;
    }

    /// <summary>Indices [lo, hi] of the points within ±half decades of point i, widened symmetrically to at least <paramref name="min"/> points.</summary>
    private static (int Lo, int Hi) WindowOf(double[] u, int i, double half, int min)
    {
        int lo = i, hi = i;
        while (lo > 0 && u[i] - u[lo - 1] <= half + 1e-12) lo--;
        while (hi < u.Length - 1 && u[hi + 1] - u[i] <= half + 1e-12) hi++;
        while (hi - lo + 1 < min)
        {
            if (lo > 0) lo--;
            if (hi - lo + 1 < min && hi < u.Length - 1) hi++;
            if (lo == 0 && hi == u.Length - 1) break;
        }
        return (lo, hi);
    }
}
