namespace ScalingPS.Core.Analysis;

/// <summary>How bootstrap resamples are drawn.</summary>
public enum ResampleMode
{
    /// <summary>Clusters when a cluster (seed) label with at least <see cref="Resampler.MinClusters"/> distinct values is given, else points.</summary>
    Auto,
    /// <summary>Resample individual points with replacement.</summary>
    Points,
    /// <summary>Resample whole clusters (e.g. all points of one seed) with replacement: the cluster bootstrap.</summary>
    Clusters,
}

/// <summary>
/// Draws bootstrap resamples as index lists, either of points or of whole clusters (seeds). Points of one
/// seed share its noise (one training run), so resampling seeds is the honest bootstrap for learning curves.
/// </summary>
public sealed class Resampler
{
    /// <summary>Fewer clusters than this make a cluster bootstrap too coarse; Auto then resamples points.</summary>
    public const int MinClusters = 5;

    private readonly int[][] _members; // point indices of each cluster (one point per cluster in point mode)

    public Resampler(int count, double[]? clusterLabels, ResampleMode mode)
    {
        Count = count;
        int distinct = clusterLabels is null ? 0 : clusterLabels.Distinct().Count();
        bool clusters = mode switch
        {
            ResampleMode.Clusters => clusterLabels is not null,
            ResampleMode.Auto => clusterLabels is not null && distinct >= MinClusters,
            _ => false,
        };
        if (mode == ResampleMode.Clusters && clusterLabels is null)
            throw new ParameterException("Resample", mode, "Clusters needs a cluster property (-ClusterBy) present on the input objects.");
        if (clusters)
        {
            _members = clusterLabels!.Select((label, i) => (label, i)).GroupBy(t => t.label).OrderBy(g => g.Key)
                .Select(g => g.Select(t => t.i).ToArray()).ToArray();
            Mode = ResampleMode.Clusters;
        }
        else
        {
            _members = Enumerable.Range(0, count).Select(i => new[] { i }).ToArray();
            Mode = ResampleMode.Points;
        }
    }

    public int Count { get; }

    /// <summary>Points or Clusters: what is actually resampled.</summary>
    public ResampleMode Mode { get; }

    public int Units => _members.Length;

    /// <summary>Fills <paramref name="indices"/> with one resample; returns how many point indices were written.</summary>
    public int Draw(ref ResampleRng rng, List<int> indices)
    {
        indices.Clear();
        for (int k = 0; k < _members.Length; k++)
            indices.AddRange(_members[rng.NextInt(_members.Length)]);
        return indices.Count;
    }

    /// <summary>Per-point multiplicities of one resample (for estimators that take weights).</summary>
    public void DrawWeights(ref ResampleRng rng, double[] weights)
    {
        Array.Clear(weights);
        for (int k = 0; k < _members.Length; k++)
            foreach (int i in _members[rng.NextInt(_members.Length)]) weights[i] += 1;
    }
}

/// <summary>Percentile intervals.</summary>
public static class Percentile
{
    /// <summary>
    /// The small-sample calibration of a percentile interval: sqrt(m/(m−k)) · t_{m−k}(q) / z(q), with m resampling
    /// units and k fitted parameters (k = 1 for clusters). The bootstrap spread estimates the sampling spread with the
    /// plug-in (1/m) variance and the normal quantile; this factor restores the usual degrees-of-freedom
    /// correction, which brings 95 % intervals from about 90 % to nominal coverage at m ≈ 30 (measured in the tests).
    /// </summary>
    public static double SmallSampleFactor(int units, int parameters, double confidence)
    {
        int dof = units - parameters;
        if (dof < 1) return double.NaN;
        double q = 0.5 + confidence / 2;
        return Math.Sqrt((double)units / dof) * MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, dof, q)
            / MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, q);
    }

    /// <summary>The percentile interval (lower, upper) widened about the estimate by <paramref name="factor"/>.</summary>
    public static (double Lower, double Upper) Widen((double Lower, double Upper) ci, double estimate, double factor) =>
        double.IsFinite(factor) && double.IsFinite(estimate)
            ? (estimate - factor * Math.Max(estimate - ci.Lower, 0), estimate + factor * Math.Max(ci.Upper - estimate, 0))
            : (double.NaN, double.NaN);

    /// <summary>Linear-interpolated quantile q ∈ [0, 1] of the finite values (NaN when there are none). Sorts a copy.</summary>
    public static double Quantile(IEnumerable<double> values, double q)
    {
        var sorted = values.Where(double.IsFinite).ToArray();
        if (sorted.Length == 0) return double.NaN;
        Array.Sort(sorted);
        return QuantileSorted(sorted, q);
    }

    public static double QuantileSorted(double[] sorted, double q)
    {
        double h = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>The central <paramref name="confidence"/> interval of the finite values.</summary>
    public static (double Lower, double Upper) Interval(IEnumerable<double> values, double confidence)
    {
        var sorted = values.Where(double.IsFinite).ToArray();
        if (sorted.Length < 2) return (double.NaN, double.NaN);
        Array.Sort(sorted);
        double a = (1 - confidence) / 2;
        return (QuantileSorted(sorted, a), QuantileSorted(sorted, 1 - a));
    }
}
