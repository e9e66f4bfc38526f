using System.Globalization;

namespace ScalingPS.Core.Analysis;

/// <summary>
/// Fits scaling laws in log space: multi-start least squares (MathNet BFGS) to find the basin, then the Huber
/// loss from there, then a bootstrap (points or whole seeds, in parallel, one reproducible stream per
/// resample) that refits from the optimum with the same δ. Refuses, with a <see cref="FitRefusedException"/>,
/// rather than return a number that the data do not determine.
/// </summary>
public static class ScalingLawFitter
{
    /// <summary>Huber's tuning constant: 95 % efficiency under Gaussian noise.</summary>
    public const double HuberK = 1.345;

    /// <summary>
    /// Fits <paramref name="form"/> to (x, y[, z]): x is N and z is D for Chinchilla; <paramref name="clusters"/>
    /// holds cluster labels (seeds) for the cluster bootstrap, or null.
    /// </summary>
    public static ScalingLawFit Fit(ScalingForm form, double[] x, double[] y, double[]? z, double[]? clusters,
        ScalingFitOptions options, IProgress<EngineProgress>? progress = null, CancellationToken ct = default)
    {
        options.Validate();
        var model = LogModel.For(form);
        if (model.UsesZ && z is null) throw new ParameterException("Z", null, $"-Form {form} needs -Z (the second variable, D).");
        int n = x.Length;
        CheckPositive(x, "x"); CheckPositive(y, "y");
        if (model.UsesZ) CheckPositive(z!, "z");

        var valueId = DistinctIds(x, model.UsesZ ? z : null, out int distinct);
        int k = model.ParameterCount;
        if (distinct < k + 1)
            throw new FitRefusedException(FitRefusal.TooFewPoints,
                $"{form} has {k} parameters and needs at least {k + 1} distinct points; got {distinct}.", distinct);
        CheckRange(x, options.MinDecades, "x");
        if (model.UsesZ) CheckRange(z!, options.MinDecades, "z");

        var d = new LogData(n) { Count = n };
        d.CenterX = x.Average(Math.Log);
        d.CenterZ = model.UsesZ ? z!.Average(Math.Log) : 0;
        for (int i = 0; i < n; i++)
        {
            d.U[i] = Math.Log(x[i]) - d.CenterX;
            d.W[i] = model.UsesZ ? Math.Log(z![i]) - d.CenterZ : 0;
            d.V[i] = Math.Log(y[i]);
        }

        var ls = RobustFitter.MultiStart(model, d, model.Starts(d), double.PositiveInfinity, ct);
        if (!ls.Converged) throw new FitRefusedException(FitRefusal.NoInteriorMinimum, $"{form}: the optimiser found no minimum from any start.");
        RobustSolution best;
        double delta = options.HuberDelta;
        if (double.IsNaN(delta))
        {
            // δ = 1.345 σ̂ with σ̂ the MAD scale of the residuals, re-estimated from the Huber fit itself: outliers
            // inflate the least-squares residuals (and so a δ taken from them), not the robust fit's.
            best = ls;
            for (int it = 0; it < 3; it++)
            {
                double scale = 1.4826 * Median(RobustFitter.Residuals(model, d, best.Theta).Select(Math.Abs));
                double next = Math.Max(HuberK * scale, 1e-9);
                if (it > 0 && Math.Abs(next - delta) <= 1e-3 * delta) break;
                delta = next;
                best = RobustFitter.Minimize(model, d, best.Theta, delta);
                if (!best.Converged) break;
            }
        }
        else best = RobustFitter.Minimize(model, d, ls.Theta, delta);
        if (!best.Converged) throw new FitRefusedException(FitRefusal.NoInteriorMinimum, $"{form}: the Huber fit did not converge.");
        double yMin = y.Min();
        if (model.CollapsedTerm(best.Theta, d, yMin) is { } why)
            throw new FitRefusedException(FitRefusal.NoInteriorMinimum, $"{form}: no interior minimum: {why}.");
        var pub = Public(form, best.Theta, d);
        int used = form switch { ScalingForm.PowerLaw => 2, ScalingForm.PowerLawOffset => 3, _ => 5 };
        if (Math.Abs(pub[0]) > 100 || (form == ScalingForm.Chinchilla && Math.Abs(pub[3]) > 100) || !pub.Take(used).All(double.IsFinite))
            throw new FitRefusedException(FitRefusal.NoInteriorMinimum,
                $"{form}: the parameters ran away (exponent {pub[0]:G3}, coefficient {pub[1]:G3}): the loss has no interior minimum.");

        var res = RobustFitter.Residuals(model, d, best.Theta);
        double mean = d.V.Average(), ssTot = 0, ssRes = 0;
        for (int i = 0; i < n; i++) { ssRes += res[i] * res[i]; ssTot += (d.V[i] - mean) * (d.V[i] - mean); }

        var resampler = new Resampler(n, clusters, options.Resample);
        var draws = Bootstrap(model, form, d, best.Theta, delta, resampler, valueId, distinct, options, progress, ct);
        double widen = Percentile.SmallSampleFactor(resampler.Units, resampler.Mode == ResampleMode.Clusters ? 1 : k, options.Confidence);
        (double, double) Ci(int j) => Percentile.Widen(Percentile.Interval(draws.Select(r => r[j]), options.Confidence), pub[j], widen);
        int ok = draws.Count(r => r.Length > 0 && double.IsFinite(r[0]));
        var (pl, pu) = Ci(0); var (al, au) = Ci(1); var (el, eu) = Ci(2); var (bl, bu) = Ci(3); var (cl, cu) = Ci(4);

        return new ScalingLawFit
        {
            Draws = new BootstrapDraws(draws, widen),
            Form = form.ToString(),
            Exponent = pub[0], ExponentLower = pl, ExponentUpper = pu,
            Coefficient = pub[1], CoefficientLower = al, CoefficientUpper = au,
            Offset = pub[2], OffsetLower = form == ScalingForm.PowerLaw ? double.NaN : el, OffsetUpper = form == ScalingForm.PowerLaw ? double.NaN : eu,
            SecondExponent = pub[3], SecondExponentLower = bl, SecondExponentUpper = bu,
            SecondCoefficient = pub[4], SecondCoefficientLower = cl, SecondCoefficientUpper = cu,
            Confidence = options.Confidence,
            XMin = x.Min(), XMax = x.Max(),
            ZMin = model.UsesZ ? z!.Min() : double.NaN, ZMax = model.UsesZ ? z!.Max() : double.NaN,
            Points = n,
            Resampled = resampler.Mode.ToString(), ResampleUnits = resampler.Units, Resamples = ok,
            HuberDelta = delta,
            ResidualRms = Math.Sqrt(ssRes / n),
            RSquared = ssTot > 0 ? 1 - ssRes / ssTot : double.NaN,
        };
    }

    /// <summary>[Exponent, Coefficient, Offset, SecondExponent, SecondCoefficient] in the user's units (NaN where unused).</summary>
    private static double[] Public(ScalingForm form, double[] th, LogData d) => form switch
    {
        ScalingForm.PowerLaw => [th[1], Math.Exp(th[0] + th[1] * d.CenterX), double.NaN, double.NaN, double.NaN],
        ScalingForm.PowerLawOffset => [th[1], Math.Exp(th[0] + th[1] * d.CenterX), Math.Exp(th[2]), double.NaN, double.NaN],
        _ => [th[2], Math.Exp(th[1] + th[2] * d.CenterX), Math.Exp(th[0]), th[4], Math.Exp(th[3] + th[4] * d.CenterZ)],
    };

    private static double[][] Bootstrap(LogModel model, ScalingForm form, LogData d, double[] theta, double delta,
        Resampler resampler, int[] valueId, int distinct, ScalingFitOptions options, IProgress<EngineProgress>? progress, CancellationToken ct)
    {
        int b = options.Bootstrap, k = model.ParameterCount;
        var draws = new double[b][];
        int done = 0;
        var po = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        Parallel.For(0, b, po,
            () => (Data: new LogData(d.Count * 2) { CenterX = d.CenterX, CenterZ = d.CenterZ }, Idx: new List<int>(d.Count * 2), Stamp: new int[distinct], Epoch: new int[1]),
            (r, _, local) =>
            {
                var rng = new ResampleRng(options.Seed, r);
                int m = resampler.Draw(ref rng, local.Idx);
                var bd = local.Data;
                if (bd.U.Length < m) { bd.U = new double[m]; bd.W = new double[m]; bd.V = new double[m]; }
                int epoch = ++local.Epoch[0], seen = 0;
                for (int j = 0; j < m; j++)
                {
                    int i = local.Idx[j];
                    bd.U[j] = d.U[i]; bd.W[j] = d.W[i]; bd.V[j] = d.V[i];
                    if (local.Stamp[valueId[i]] != epoch) { local.Stamp[valueId[i]] = epoch; seen++; }
                }
                bd.Count = m;
                // A resample with fewer distinct points than parameters does not identify the law: count it as failed.
                if (seen >= k)
                {
                    var sol = RobustFitter.Minimize(model, bd, theta, delta);
                    draws[r] = sol.Converged ? Public(form, sol.Theta, bd) : Failed;
                }
                else draws[r] = Failed;
                int c = Interlocked.Increment(ref done);
                if (progress is not null && c % 50 == 0) progress.Report(new EngineProgress((double)c / b, $"bootstrap {c}/{b}"));
                return local;
            },
            _ => { });
        return draws;
    }

    private static readonly double[] Failed = [double.NaN, double.NaN, double.NaN, double.NaN, double.NaN];

    /// <summary>The local log–log slope over sliding windows of <see cref="ScalingFitOptions.Window"/> consecutive distinct x values.</summary>
    public static IReadOnlyList<LocalSlopePoint> LocalSlope(double[] x, double[] y, double[]? clusters, ScalingFitOptions options, CancellationToken ct = default)
    {
        options.Validate();
        CheckPositive(x, "x"); CheckPositive(y, "y");
        var xs = x.Distinct().Order().ToArray();
        int w = options.Window;
        if (xs.Length < w)
            throw new FitRefusedException(FitRefusal.TooFewPoints, $"LocalSlope with -Window {w} needs at least {w} distinct x values; got {xs.Length}.", xs.Length);
        var lx = x.Select(v => Math.Log(v)).ToArray();
        var ly = y.Select(v => Math.Log(v)).ToArray();
        var result = new LocalSlopePoint[xs.Length - w + 1];
        Parallel.For(0, result.Length, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, j =>
        {
            double lo = xs[j], hi = xs[j + w - 1];
            var members = Enumerable.Range(0, x.Length).Where(i => x[i] >= lo && x[i] <= hi).ToArray();
            var wx = members.Select(i => lx[i]).ToArray();
            var wy = members.Select(i => ly[i]).ToArray();
            double slope = Slope(wx, wy, null);
            var labels = clusters is null ? null : members.Select(i => clusters[i]).ToArray();
            var resampler = new Resampler(members.Length, labels, options.Resample);
            var weights = new double[members.Length];
            var draws = new double[options.Bootstrap];
            for (int r = 0; r < draws.Length; r++)
            {
                var rng = new ResampleRng(options.Seed, (long)j * 1_000_003 + r);
                resampler.DrawWeights(ref rng, weights);
                draws[r] = Slope(wx, wy, weights);
            }
            double widen = Percentile.SmallSampleFactor(resampler.Units, resampler.Mode == ResampleMode.Clusters ? 1 : 2, options.Confidence);
            var (sl, su) = Percentile.Widen(Percentile.Interval(draws, options.Confidence), slope, widen);
            double centre = Math.Exp(xs.Skip(j).Take(w).Average(Math.Log));
            result[j] = new LocalSlopePoint
            {
                X = centre, XFrom = lo, XTo = hi, Slope = slope, SlopeLower = sl, SlopeUpper = su,
                Confidence = options.Confidence, Points = members.Length,
            };
        });
        return result;
    }

    /// <summary>Weighted least-squares slope (NaN when the weighted x values do not vary).</summary>
    internal static double Slope(double[] u, double[] v, double[]? weight)
    {
        double sw = 0, su = 0, sv = 0;
        for (int i = 0; i < u.Length; i++) { double wt = weight?[i] ?? 1; sw += wt; su += wt * u[i]; sv += wt * v[i]; }
        if (sw <= 0) return double.NaN;
        double mu = su / sw, mv = sv / sw, suu = 0, suv = 0;
        for (int i = 0; i < u.Length; i++) { double wt = weight?[i] ?? 1; suu += wt * (u[i] - mu) * (u[i] - mu); suv += wt * (u[i] - mu) * (v[i] - mv); }
        return suu > 1e-300 ? suv / suu : double.NaN;
    }

    private static void CheckPositive(double[] values, string what)
    {
        for (int i = 0; i < values.Length; i++)
            if (!(values[i] > 0) || !double.IsFinite(values[i]))
                throw new FitRefusedException(FitRefusal.NonPositive,
                    $"{what} = {values[i].ToString("G6", CultureInfo.InvariantCulture)} at point {i}: logarithms need finite, positive values.", values[i]);
    }

    private static void CheckRange(double[] values, double minDecades, string what)
    {
        double decades = Math.Log10(values.Max() / values.Min());
        if (decades < minDecades)
            throw new FitRefusedException(FitRefusal.RangeTooNarrow,
                $"{what} spans {decades:F2} decades ({values.Min():G4} to {values.Max():G4}); an exponent needs at least {minDecades:G3} (-MinDecades).", decades);
    }

    private static int[] DistinctIds(double[] x, double[]? z, out int distinct)
    {
        var ids = new Dictionary<(double, double), int>();
        var result = new int[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            var key = (x[i], z?[i] ?? 0);
            if (!ids.TryGetValue(key, out int id)) ids[key] = id = ids.Count;
            result[i] = id;
        }
        distinct = ids.Count;
        return result;
    }

    internal static double Median(IEnumerable<double> values)
    {
        var a = values.ToArray();
        if (a.Length == 0) return double.NaN;
        Array.Sort(a);
        return a.Length % 2 == 1 ? a[a.Length / 2] : 0.5 * (a[a.Length / 2 - 1] + a[a.Length / 2]);
    }
}
