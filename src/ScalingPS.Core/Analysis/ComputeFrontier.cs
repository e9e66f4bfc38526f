namespace ScalingPS.Core.Analysis;

/// <summary>Options of the compute-optimal frontier (public cmdlet parameter names in the validation messages).</summary>
public sealed record ComputeFrontierOptions
{
    /// <summary>Compute C = ComputeFactor · Size · Time (1 for C = N·t; e.g. 6 for the 6ND FLOP count).</summary>
    public double ComputeFactor { get; init; } = 1;
    /// <summary>Compute bins per decade (log-spaced, at 10^(k/BinsPerDecade)).</summary>
    public int BinsPerDecade { get; init; } = 4;
    /// <summary>Subtracted from L* before its exponent is fitted (an irreducible loss E); 0 fits L* itself.</summary>
    public double LossOffset { get; init; }
    public double Confidence { get; init; } = 0.95;
    public int Bootstrap { get; init; } = 1000;
    public int Seed { get; init; }
    public ResampleMode Resample { get; init; } = ResampleMode.Auto;
    /// <summary>Minimum compute range of the interior frontier, in decades, for its exponents.</summary>
    public double MinDecades { get; init; } = 1;
    public int MaxDegreeOfParallelism { get; init; } = -1;

    public void Validate()
    {
        Check.Positive(ComputeFactor, "ComputeFactor");
        Check.Range(BinsPerDecade, 1, 1000, "BinsPerDecade");
        Check.Finite(LossOffset, "LossOffset");
        Check.Between(Confidence, 0, 1, "Confidence");
        Check.Range(Bootstrap, 0, 1_000_000, "Bootstrap");
        Check.NonNegative(MinDecades, "MinDecades");
    }
}

/// <summary>
/// The best allocation at one compute budget C: the size N* and time t* = C/(factor·N*) of least loss L*.
/// Interior is true when the best size has a smaller and a larger size beside it at this C, so that N* is a
/// minimum (refined by a parabola through the three on log axes); otherwise it is the edge of the sizes given.
/// </summary>
public sealed record ComputeFrontierPoint
{
    public string Group { get; init; } = "";
    public double Compute { get; init; }
    public double Size { get; init; }
    public double Time { get; init; }
    public double Loss { get; init; }
    public bool Interior { get; init; }
    /// <summary>Sizes whose loss curve reaches this compute.</summary>
    public int SizesAvailable { get; init; }
}

/// <summary>
/// Power-law fits of the interior frontier: N* ∝ C^SizeExponent, t* ∝ C^TimeExponent,
/// L* − LossOffset ∝ C^LossExponent, with bootstrap intervals.
/// </summary>
public sealed record ComputeOptimalSummary
{
    public string Group { get; init; } = "";
    public double? SizeExponent { get; init => field = Optional.Of(value); }
    public double? SizeExponentLower { get; init => field = Optional.Of(value); }
    public double? SizeExponentUpper { get; init => field = Optional.Of(value); }
    public double? TimeExponent { get; init => field = Optional.Of(value); }
    public double? TimeExponentLower { get; init => field = Optional.Of(value); }
    public double? TimeExponentUpper { get; init => field = Optional.Of(value); }
    public double? LossExponent { get; init => field = Optional.Of(value); }
    public double? LossExponentLower { get; init => field = Optional.Of(value); }
    public double? LossExponentUpper { get; init => field = Optional.Of(value); }
    public double LossOffset { get; init; }
    public double ComputeFactor { get; init; }
    public double ComputeMin { get; init; }
    public double ComputeMax { get; init; }
    public int FrontierPoints { get; init; }
    public int InteriorPoints { get; init; }
    public double Confidence { get; init; }
    /// <summary>A <see cref="ResampleMode"/> name (a string so exported data carries the name).</summary>
    public string Resampled { get; init; } = "";
    public int Resamples { get; init; }
}

/// <summary>
/// The compute-optimal frontier read the standard way: one loss-vs-time curve per model size; at each compute
/// budget C every size is read off its curve at t = C/(factor·N) by linear interpolation on log–log axes, the
/// least loss wins, and an interior winner is refined by a parabola in (log N, log L) through it and its two
/// neighbours. The exponents are least-squares slopes on log axes over the interior points. The bootstrap
/// recomputes the whole frontier from resampled points (or whole seeds) and refits the slopes.
/// </summary>
public static class ComputeFrontier
{
    public static (IReadOnlyList<ComputeFrontierPoint> Frontier, ComputeOptimalSummary Summary) Compute(
        double[] size, double[] time, double[] loss, double[]? clusters, ComputeFrontierOptions options,
        IProgress<EngineProgress>? progress = null, CancellationToken ct = default)
    {
        options.Validate();
        int n = size.Length;
        for (int i = 0; i < n; i++)
            foreach (var (v, what) in new[] { (size[i], "size"), (time[i], "time"), (loss[i], "loss") })
                if (!(v > 0) || !double.IsFinite(v))
                    throw new FitRefusedException(FitRefusal.NonPositive, $"{what} = {v:G6} at point {i}: the frontier is read on log axes, which need finite, positive values.", v);

        var layout = new Layout(size, time);
        if (layout.Sizes.Length < 3)
            throw new FitRefusedException(FitRefusal.TooFewPoints, $"a compute-optimal frontier needs at least 3 model sizes; got {layout.Sizes.Length}.", layout.Sizes.Length);
        var grid = BudgetGrid(size, time, options.ComputeFactor, options.BinsPerDecade);
        var ones = Enumerable.Repeat(1.0, n).ToArray();
        var frontier = Frontier(layout, loss, ones, grid, options.ComputeFactor);
        var interior = frontier.Where(p => p.Interior).ToArray();
        if (interior.Length < 3)
            throw new FitRefusedException(FitRefusal.NoInteriorMinimum,
                $"only {interior.Length} compute budgets have their best size strictly inside the sizes given (at least 3 needed): extend the sizes or times.", interior.Length);
        double decades = Math.Log10(interior[^1].Compute / interior[0].Compute);
        if (decades < options.MinDecades)
            throw new FitRefusedException(FitRefusal.RangeTooNarrow, $"the interior frontier spans {decades:F2} decades of compute; exponents need at least {options.MinDecades:G3} (-MinDecades).", decades);
        var est = Slopes(interior, options.LossOffset);
        if (!double.IsFinite(est[2]))
            throw new FitRefusedException(FitRefusal.NonPositive, $"L* − LossOffset is not positive on the frontier (LossOffset {options.LossOffset:G4}, least L* {interior.Min(p => p.Loss):G4}).", options.LossOffset);

        var resampler = new Resampler(n, clusters, options.Resample);
        var draws = new double[options.Bootstrap][];
        int done = 0;
        Parallel.For(0, options.Bootstrap, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism },
            () => new double[n],
            (r, _, weights) =>
            {
                var rng = new ResampleRng(options.Seed, r);
                resampler.DrawWeights(ref rng, weights);
                var inner = Frontier(layout, loss, weights, grid, options.ComputeFactor).Where(p => p.Interior).ToArray();
                draws[r] = inner.Length >= 3 ? Slopes(inner, options.LossOffset) : [double.NaN, double.NaN, double.NaN];
                int c = Interlocked.Increment(ref done);
                if (progress is not null && c % 50 == 0) progress.Report(new EngineProgress((double)c / options.Bootstrap, $"bootstrap {c}/{options.Bootstrap}"));
                return weights;
            },
            _ => { });
        double widen = Percentile.SmallSampleFactor(resampler.Units, resampler.Mode == ResampleMode.Clusters ? 1 : 2, options.Confidence);
        (double, double) Ci(int j) => Percentile.Widen(Percentile.Interval(draws.Select(d => d[j]), options.Confidence), est[j], widen);
        var (sl, su) = Ci(0); var (tl, tu) = Ci(1); var (ll, lu) = Ci(2);
        var summary = new ComputeOptimalSummary
        {
            SizeExponent = est[0], SizeExponentLower = sl, SizeExponentUpper = su,
            TimeExponent = est[1], TimeExponentLower = tl, TimeExponentUpper = tu,
            LossExponent = est[2], LossExponentLower = ll, LossExponentUpper = lu,
            LossOffset = options.LossOffset, ComputeFactor = options.ComputeFactor,
            ComputeMin = interior[0].Compute, ComputeMax = interior[^1].Compute,
            FrontierPoints = frontier.Count, InteriorPoints = interior.Length,
            Confidence = options.Confidence, Resampled = resampler.Mode.ToString(),
            Resamples = draws.Count(d => double.IsFinite(d[0])),
        };
        return (frontier, summary);
    }

    /// <summary>
    /// The frontier alone, without exponents or bootstrap: the same estimator as <see cref="Compute"/>, for callers
    /// that already hold deterministic curves (e.g. the random-feature theory). Points must be finite and positive.
    /// </summary>
    public static IReadOnlyList<ComputeFrontierPoint> Read(double[] size, double[] time, double[] loss, int binsPerDecade, double computeFactor = 1)
    {
        var layout = new Layout(size, time);
        var grid = BudgetGrid(size, time, computeFactor, binsPerDecade);
        return Frontier(layout, loss, Enumerable.Repeat(1.0, loss.Length).ToArray(), grid, computeFactor);
    }

    /// <summary>Least-squares slope of ln y against ln x.</summary>
    public static double LogLogSlope(IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        ScalingLawFitter.Slope(x.Select(v => Math.Log(v)).ToArray(), y.Select(v => Math.Log(v)).ToArray(), null);

    /// <summary>Compute budgets at binsPerDecade per decade of C = factor·N·t, covering the points' range.</summary>
    private static double[] BudgetGrid(double[] size, double[] time, double factor, int binsPerDecade)
    {
        double cMin = double.PositiveInfinity, cMax = 0;
        for (int i = 0; i < size.Length; i++) { double c = factor * size[i] * time[i]; cMin = Math.Min(cMin, c); cMax = Math.Max(cMax, c); }
        int k0 = (int)Math.Ceiling(Math.Log10(cMin) * binsPerDecade - 1e-9), k1 = (int)Math.Floor(Math.Log10(cMax) * binsPerDecade + 1e-9);
        return Enumerable.Range(k0, Math.Max(0, k1 - k0 + 1)).Select(k => Math.Pow(10, (double)k / binsPerDecade)).ToArray();
    }

    /// <summary>
    /// Intervals of the compute-optimal exponents of a Chinchilla law L = E + A N^-a + B D^-b (D read as time):
    /// N* ∝ C^(b/(a+b)), t* ∝ C^(a/(a+b)), L* − E ∝ C^(−ab/(a+b)), evaluated on each of the fit's bootstrap draws
    /// of (a, b) jointly, as percentile intervals widened by the fit's small-sample factor about the fitted values.
    /// NaN when the fit has no draws.
    /// </summary>
    public static (double Lower, double Upper)[] LawExponentIntervals(ScalingLawFit law, double confidence)
    {
        Check.Between(confidence, 0, 1, "Confidence");
        if (law.Form != nameof(ScalingForm.Chinchilla)) throw new ParameterException("Law", law.Form, "needs a Chinchilla fit.");
        static double[] Exponents(double a, double b) => [b / (a + b), a / (a + b), -a * b / (a + b)];
        var est = Exponents(law.Exponent ?? double.NaN, law.SecondExponent ?? double.NaN);
        var draws = (law.Draws?.Values ?? []).Where(d => double.IsFinite(d[0]) && double.IsFinite(d[3])).Select(d => Exponents(d[0], d[3])).ToArray();
        double widen = law.Draws?.Widen ?? double.NaN;
        return Enumerable.Range(0, 3).Select(j => draws.Length < 2 ? (double.NaN, double.NaN)
            : Percentile.Widen(Percentile.Interval(draws.Select(d => d[j]), confidence), est[j], widen)).ToArray();
    }

    /// <summary>
    /// A log-spaced (size × time) grid covering [sizeMin, sizeMax] × [timeMin, timeMax], for reading the frontier
    /// of a loss given as a formula (a fitted law or a script block) with the same estimator as measured points.
    /// </summary>
    /// <summary>Most (size, time) points a formula's grid may have (each is one loss evaluation).</summary>
    public const double MaxFormulaGrid = 1e6;

    /// <summary>
    /// The formula path's grid from the cmdlet's two-value ranges, and the loss evaluated on it point by point
    /// (<paramref name="loss"/> runs on the caller's thread, as a PowerShell script block must).
    /// </summary>
    public static (double[] Size, double[] Time, double[] Loss) EvaluateGrid(double[] sizeRange, double[] timeRange, int sizesPerDecade, int timesPerDecade,
        Func<double, double, double> loss, CancellationToken cancellation, IProgress<EngineProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (sizeRange is not { Length: 2 }) throw new ParameterException("SizeRange", sizeRange?.Length ?? 0, "SizeRange needs two values, min < max, both finite and > 0.");
        if (timeRange is not { Length: 2 }) throw new ParameterException("TimeRange", timeRange?.Length ?? 0, "TimeRange needs two values, min < max, both finite and > 0.");
        var (size, time) = Grid(sizeRange[0], sizeRange[1], timeRange[0], timeRange[1], sizesPerDecade, timesPerDecade);
        var values = new double[size.Length];
        for (int i = 0; i < size.Length; i++)
        {
            values[i] = loss(size[i], time[i]);
            cancellation.ThrowIfCancellationRequested();
            // Every 16th cell: the receiver throttles anyway, this only keeps a fast law's loop from paying for it.
            if ((i & 15) == 15 || i == size.Length - 1)
                progress?.Report(new EngineProgress((i + 1.0) / size.Length, $"loss at {i + 1} of {size.Length} (N, t) grid points"));
        }
        return (size, time, values);
    }

    public static (double[] Size, double[] Time) Grid(double sizeMin, double sizeMax, double timeMin, double timeMax, int sizesPerDecade, int timesPerDecade)
    {
        Check.Positive(sizeMin, "SizeRange"); Check.Positive(timeMin, "TimeRange");
        // Compute C = factor·N·t must stay finite: both ranges within (0, 1e100].
        if (!(sizeMax > sizeMin) || !(sizeMax <= 1e100)) throw new ParameterException("SizeRange", sizeMax, "SizeRange needs two values, 0 < min < max ≤ 1e100.");
        if (!(timeMax > timeMin) || !(timeMax <= 1e100)) throw new ParameterException("TimeRange", timeMax, "TimeRange needs two values, 0 < min < max ≤ 1e100.");
        Check.Range(sizesPerDecade, 1, 1000, "SizesPerDecade");
        Check.Range(timesPerDecade, 1, 1000, "TimesPerDecade");
        static double Count(double lo, double hi, int perDecade) => Math.Max(2, Math.Ceiling(Math.Log10(hi / lo) * perDecade) + 1);
        double cells = Count(sizeMin, sizeMax, sizesPerDecade) * Count(timeMin, timeMax, timesPerDecade);
        if (!(cells <= MaxFormulaGrid))
            throw new ParameterException("SizeRange", $"{sizeMin:G3}..{sizeMax:G3} × {timeMin:G3}..{timeMax:G3}",
                $"the (size, time) grid would have {cells:G3} points (at most {MaxFormulaGrid:G3}); narrow -SizeRange/-TimeRange or lower -SizesPerDecade/-TimesPerDecade.");
        static double[] Axis(double lo, double hi, int perDecade)
        {
            int count = (int)Count(lo, hi, perDecade);
            return Enumerable.Range(0, count).Select(i => lo * Math.Pow(hi / lo, i / (count - 1.0))).ToArray();
        }
        var sizes = Axis(sizeMin, sizeMax, sizesPerDecade);
        var times = Axis(timeMin, timeMax, timesPerDecade);
        return (sizes.SelectMany(s => times.Select(_ => s)).ToArray(), sizes.SelectMany(_ => times).ToArray());
    }

    /// <summary>Slopes of ln N*, ln t*, ln(L* − offset) against ln C (NaN for the loss when L* ≤ offset somewhere).</summary>
    private static double[] Slopes(ComputeFrontierPoint[] pts, double offset)
    {
        var lc = pts.Select(p => Math.Log(p.Compute)).ToArray();
        bool lossOk = pts.All(p => p.Loss > offset);
        return
        [
            ScalingLawFitter.Slope(lc, pts.Select(p => Math.Log(p.Size)).ToArray(), null),
            ScalingLawFitter.Slope(lc, pts.Select(p => Math.Log(p.Time)).ToArray(), null),
            lossOk ? ScalingLawFitter.Slope(lc, pts.Select(p => Math.Log(p.Loss - offset)).ToArray(), null) : double.NaN,
        ];
    }

    /// <summary>Points grouped into one curve per size, times sorted; point i sits at (SizeOf[i], TimeOf[i]).</summary>
    private sealed class Layout
    {
        public Layout(double[] size, double[] time)
        {
            Sizes = size.Distinct().Order().ToArray();
            var sizeIndex = Sizes.Select((s, j) => (s, j)).ToDictionary(t => t.s, t => t.j);
            Times = new double[Sizes.Length][];
            SizeOf = new int[size.Length];
            TimeOf = new int[size.Length];
            for (int j = 0; j < Sizes.Length; j++)
            {
                double s = Sizes[j];
                Times[j] = Enumerable.Range(0, size.Length).Where(i => size[i] == s).Select(i => time[i]).Distinct().Order().ToArray();
            }
            for (int i = 0; i < size.Length; i++)
            {
                SizeOf[i] = sizeIndex[size[i]];
                TimeOf[i] = Array.BinarySearch(Times[SizeOf[i]], time[i]);
            }
        }

        public double[] Sizes;
        public double[][] Times;
        public int[] SizeOf;
        public int[] TimeOf;
    }

    private static List<ComputeFrontierPoint> Frontier(Layout layout, double[] loss, double[] weight, double[] grid, double factor)
    {
        int m = layout.Sizes.Length;
        // Weighted mean loss at each (size, time); a time whose points all have weight 0 drops out of the curve.
        var sum = new double[m][];
        var wsum = new double[m][];
        for (int j = 0; j < m; j++) { sum[j] = new double[layout.Times[j].Length]; wsum[j] = new double[layout.Times[j].Length]; }
        for (int i = 0; i < loss.Length; i++)
        {
            if (weight[i] == 0) continue;
            sum[layout.SizeOf[i]][layout.TimeOf[i]] += weight[i] * loss[i];
            wsum[layout.SizeOf[i]][layout.TimeOf[i]] += weight[i];
        }
        var curveT = new double[m][];
        var curveL = new double[m][];
        for (int j = 0; j < m; j++)
        {
            var keep = Enumerable.Range(0, sum[j].Length).Where(t => wsum[j][t] > 0).ToArray();
            curveT[j] = keep.Select(t => Math.Log(layout.Times[j][t])).ToArray();
            curveL[j] = keep.Select(t => Math.Log(sum[j][t] / wsum[j][t])).ToArray();
        }

        var result = new List<ComputeFrontierPoint>(grid.Length);
        var avail = new List<(int J, double LogN, double LogL)>(m);
        foreach (double c in grid)
        {
            avail.Clear();
            for (int j = 0; j < m; j++)
            {
                var lt = curveT[j];
                if (lt.Length == 0) continue;
                double t = Math.Log(c / (factor * layout.Sizes[j]));
                if (t < lt[0] - 1e-12 || t > lt[^1] + 1e-12) continue;
                avail.Add((j, Math.Log(layout.Sizes[j]), Interpolate(lt, curveL[j], t)));
            }
            if (avail.Count == 0) continue;
            int best = 0;
            for (int q = 1; q < avail.Count; q++) if (avail[q].LogL < avail[best].LogL) best = q;
            // Interior: the neighbours on both sides in the list of available sizes are the adjacent sizes.
            bool interior = best > 0 && best < avail.Count - 1 && avail[best - 1].J == avail[best].J - 1 && avail[best + 1].J == avail[best].J + 1;
            double logN = avail[best].LogN, logL = avail[best].LogL;
            if (interior) (logN, logL) = Vertex(avail[best - 1], avail[best], avail[best + 1]);
            double size = Math.Exp(logN);
            result.Add(new ComputeFrontierPoint
            {
                Compute = c, Size = size, Time = c / (factor * size), Loss = Math.Exp(logL), Interior = interior, SizesAvailable = avail.Count,
            });
        }
        return result;
    }

    private static double Interpolate(double[] x, double[] y, double t)
    {
        if (x.Length == 1) return y[0];
        int hi = Array.BinarySearch(x, t);
        if (hi >= 0) return y[hi];
        hi = Math.Clamp(~hi, 1, x.Length - 1);
        int lo = hi - 1;
        double w = (t - x[lo]) / (x[hi] - x[lo]);
        return y[lo] + w * (y[hi] - y[lo]);
    }

    /// <summary>Vertex of the parabola through three (log N, log L) points with the middle one lowest, clamped to their span.</summary>
    private static (double LogN, double LogL) Vertex((int J, double X, double Y) a, (int J, double X, double Y) b, (int J, double X, double Y) c)
    {
        double d1 = (b.Y - a.Y) / (b.X - a.X), d2 = (c.Y - b.Y) / (c.X - b.X);
        double curv = (d2 - d1) / (c.X - a.X); // half the second derivative
        if (!(curv > 0)) return (b.X, b.Y);
        // y = b.Y + s·(x − b.X) + curv·(x − b.X)², with s the slope at b.
        double s = d1 + curv * (b.X - a.X);
        double dx = Math.Clamp(-s / (2 * curv), a.X - b.X, c.X - b.X);
        return (b.X + dx, b.Y + s * dx + curv * dx * dx);
    }
}
