using System.Numerics.Tensors;
using MathNet.Numerics.Distributions;
using ScalingPS.Core.Analysis;
using ScalingPS.Core.Numerics;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.Data;

/// <summary>
/// Empirical spectra of data matrices (Get-FeatureSpectrum): covariance eigenvalues, the power-law fit of λ_k over a
/// rank window through <see cref="ScalingLawFitter"/> (the fitter of Measure-ScalingLaw), its interval from a
/// delete-a-group jackknife over the rows, and with labels the task-power spectrum and exponent a
/// (spec random-features §7.2: centred labels projected on the eigenvectors).
/// </summary>
public static class FeatureSpectra
{
    public static Spectrum Measure(FeatureMatrix matrix, FeatureSpectrumOptions o, IProgress<EngineProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(o);
        o.Validate(matrix.Rows, matrix.Columns);
        int n = matrix.Rows, d = matrix.Columns;
        var all = Enumerable.Range(0, n).ToArray();
        var x = EmpiricalDecomposition.Prepare(matrix, all, o.Center, o.Standardize, out _, out _);
        progress?.Report(new EngineProgress(0.05, "covariance"));
        var dec = EmpiricalDecomposition.FromPrepared(x, n, d, ct);
        if (dec.Rank < 2)
            throw new ParameterException("Matrix", matrix.Shape, $"The data have rank {dec.Rank}: no spectrum to fit (constant or nearly constant features?).");
        double scale = NormalizationScale(dec.Values, o.Normalization);
        var lambda = dec.Values.Select(v => v * scale).ToArray();
        int rmin = 0, rmax = 0;
        var decay = new DecayFit(double.NaN, double.NaN, double.NaN, double.NaN);
        if (o.Fit)
        {
            (rmin, rmax) = Window(o, dec.Rank);
            try { decay = FitDecay(lambda, rmin, rmax, o.MaxSlopeChange); }
            catch (FitRefusedException ex) when (ex.Reason is FitRefusal.RangeTooNarrow or FitRefusal.TooFewPoints)
            {
                throw new FitRefusedException(ex.Reason, ex.Message + " Widen the -Rank window, or use -NoFit for the spectrum without exponents.", ex.OffendingValue);
            }
        }
        double lo = double.NaN, hi = double.NaN;
        if (o.Fit && o.Groups > 0)
        {
            var replicates = Jackknife(x, n, d, o.Center, o.Groups, rmin, rmax, progress, ct);
            (lo, hi) = JackknifeInterval(decay.Exponent, replicates, o.Confidence);
        }
        progress?.Report(new EngineProgress(0.95, "fit"));

        double[]? targetPower = null;
        double a = double.NaN, labelVariance = double.NaN, explained = double.NaN;
        string note = "";
        if (o.Labels is not null)
        {
            var p = TaskPower(dec, x, o.Labels);
            (targetPower, labelVariance, explained) = Target(p, lambda, o.Labels);
            if (o.Fit)
            {
                try { a = 1 + FitTaskTail(p, rmin, rmax); }
                catch (FitRefusedException ex) { note = ex.Message; }
            }
        }
        var measurement = new SpectrumMeasurement
        {
            Source = matrix.Source, Samples = n, Features = d, Rank = dec.Rank, Dropped = dec.Dropped,
            Route = dec.GramRoute ? "Gram" : "Covariance", Centered = o.Center, Standardized = o.Standardize,
            Normalization = o.Normalization, Scale = scale, RankMin = rmin, RankMax = rmax,
            DecayExponent = decay.Exponent, DecayExponentLower = lo, DecayExponentUpper = hi,
            LowerHalfExponent = decay.Lower, UpperHalfExponent = decay.Upper, ResidualRms = decay.Rms,
            A = a, TaskNote = note, Confidence = o.Confidence, Groups = o.Groups,
            LabelVariance = labelVariance, ExplainedVariance = explained,
        };
        var mult = Enumerable.Repeat(1, lambda.Length).ToArray();
        return new Spectrum(lambda, mult, SpectrumConvention.Empirical, o.Normalization,
            beta: decay.Exponent - 1, a: a, b: decay.Exponent, targetPower: targetPower) { Measurement = measurement };
    }

    /// <summary>(w*_k)² = p_k/λ_k, the centred labels' variance and the part Σ p_k the features explain linearly.</summary>
    internal static (double[] Target, double Variance, double Explained) Target(double[] p, double[] lambda, double[] labels)
    {
        var target = new double[p.Length];
        for (int k = 0; k < p.Length; k++) target[k] = p[k] / lambda[k]; // λ_k (w*_k)² = p_k
        double mean = labels.Average();
        return (target, labels.Sum(v => (v - mean) * (v - mean)) / labels.Length, p.Sum());
    }

    internal static double NormalizationScale(double[] values, SpectrumNormalization normalization) => normalization switch
    {
        SpectrumNormalization.MeanOne => values.Length / values.Sum(),
        SpectrumNormalization.TopOne => 1 / values[0],
        _ => 1.0,
    };

    /// <summary>The fit window: the given ranks clipped to the kept rank, or by default 1 .. ⌈rank/2⌉ (the upper half of a finite sample's spectrum bends down).</summary>
    private static (int Min, int Max) Window(FeatureSpectrumOptions o, int rank)
    {
        int rmin = o.RankMin > 0 ? o.RankMin : 1;
        int rmax = o.RankMax > 0 ? Math.Min(o.RankMax, rank) : Math.Max(Math.Min(rank, 10), (rank + 1) / 2);
        if (rmin >= rank)
            throw new ParameterException("Rank", $"{o.RankMin}..{o.RankMax}", $"The window starts at rank {rmin} but the data have only {rank} non-zero eigenvalues.");
        if (rmax - rmin + 1 < 3)
            throw new ParameterException("Rank", $"{rmin}..{rmax}", $"The window holds {rmax - rmin + 1} ranks after clipping to the {rank} non-zero eigenvalues; a fit needs at least 3.");
        return (rmin, rmax);
    }

    internal sealed record DecayFit(double Exponent, double Lower, double Upper, double Rms);

    /// <summary>λ_k ∝ k^-s over ranks [rmin, rmax], refused when the two halves of the window disagree (not a power law).</summary>
    internal static DecayFit FitDecay(double[] lambda, int rmin, int rmax, double maxSlopeChange)
    {
        var whole = FitRanks(lambda, rmin, rmax, minDecades: 1);
        int mid = (int)Math.Round(Math.Sqrt((double)rmin * rmax));
        mid = Math.Clamp(mid, rmin + 2, rmax - 2);
        double lower = double.NaN, upper = double.NaN;
        if (mid - rmin >= 2 && rmax - mid >= 2)
        {
            lower = FitRanks(lambda, rmin, mid, 0).Exponent;
            upper = FitRanks(lambda, mid, rmax, 0).Exponent;
            if (Math.Abs(upper - lower) > maxSlopeChange * Math.Abs(whole.Exponent))
                throw new FitRefusedException(FitRefusal.NotPowerLaw,
                    $"Ranks {rmin}..{rmax} are not a power law: the eigenvalues fall as k^-{lower:G3} over ranks {rmin}..{mid} but as k^-{upper:G3} over {mid}..{rmax} " +
                    $"(more than {maxSlopeChange:P0} of the whole window's {whole.Exponent:G3}). Choose a narrower -Rank window, or raise -MaxSlopeChange.", $"{rmin}..{rmax}");
        }
        if (!(whole.Exponent > 0))
            throw new FitRefusedException(FitRefusal.NotPowerLaw, $"Ranks {rmin}..{rmax}: the eigenvalues do not decrease (fitted exponent {whole.Exponent:G3}).", $"{rmin}..{rmax}");
        return new DecayFit(whole.Exponent, lower, upper, whole.ResidualRms);
    }

    private static ScalingLawFit FitRanks(double[] values, int rmin, int rmax, double minDecades)
    {
        int count = rmax - rmin + 1;
        var k = new double[count];
        var y = new double[count];
        for (int i = 0; i < count; i++) { k[i] = rmin + i; y[i] = values[rmin + i - 1]; }
        return ScalingLawFitter.Fit(ScalingForm.PowerLaw, k, y, null, null,
            new ScalingFitOptions { Bootstrap = 0, MinDecades = minDecades, MaxDegreeOfParallelism = 1 });
    }

    /// <summary>Exponent of the tail task power Σ_{l&gt;k} p_l / Σ p over the window (ranks with a positive tail).</summary>
    private static double FitTaskTail(double[] p, int rmin, int rmax)
    {
        double total = p.Sum();
        if (!(total > 0)) throw new FitRefusedException(FitRefusal.NonPositive, "The labels carry no power along the eigenvectors (constant labels?).");
        var tail = new double[p.Length];
        double t = 0;
        for (int k = p.Length - 1; k >= 0; k--) { tail[k] = t / total; t += p[k]; } // tail[k-1] = Σ_{l>k} p_l / Σ p (1-based k)
        int last = Math.Min(rmax, p.Length - 1);
        while (last > rmin && !(tail[last - 1] > 0)) last--;
        if (last - rmin + 1 < 3) throw new FitRefusedException(FitRefusal.TooFewPoints, "The task-power tail vanishes inside the window.");
        return FitRanks(tail, rmin, last, 1).Exponent;
    }

    /// <summary>p_k = λ_k (w*_k)²: the centred labels' power along eigen-direction k, (v_kᵀ y)²/n with v_k the unit Gram eigenvector.</summary>
    internal static double[] TaskPower(EmpiricalDecomposition dec, double[] x, double[] labels)
    {
        int n = dec.Samples, d = dec.Features;
        double mean = labels.Average();
        var y = labels.Select(v => v - mean).ToArray();
        var p = new double[dec.Rank];
        if (dec.GramVectors is { } v)
        {
            for (int k = 0; k < dec.Rank; k++)
            {
                double c = TensorPrimitives.Dot(v.AsSpan(k * n, n), y);
                p[k] = c * c / n;
            }
            return p;
        }
        // u_kᵀ z with z = Xᵀy/n equals √(nλ_k) v_kᵀy / n, so (v_kᵀy)²/n = (u_kᵀz)²/λ_k.
        var z = new double[d];
        for (int i = 0; i < n; i++) TensorPrimitives.MultiplyAdd(x.AsSpan(i * d, d), y[i], z, z);
        TensorPrimitives.Divide(z, n, z);
        for (int k = 0; k < dec.Rank; k++)
        {
            double c = TensorPrimitives.Dot(dec.Vectors.AsSpan(k * d, d), z);
            p[k] = c * c / dec.Values[k];
        }
        return p;
    }

    /// <summary>
    /// Decay exponents of the G delete-a-group replicates (rows r with r mod G = g left out; stratified, so ordered
    /// files such as digits sorted by class do not make one group one class). Covariance route: S − S_g from the
    /// full second-moment sum, recentred; Gram route: the sub-block of the Gram matrix, recentred.
    /// </summary>
    private static double[] Jackknife(double[] x, int n, int d, bool center, int groups, int rmin, int rmax,
        IProgress<EngineProgress>? progress, CancellationToken ct)
    {
        var exponents = new double[groups];
        var full = EmpiricalDecomposition.CrossProduct(x, n, d, rowsAsItems: d > n, 1, ct);
        for (int g = 0; g < groups; g++)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Report(new EngineProgress(0.1 + 0.85 * g / groups, $"jackknife replicate {g + 1} of {groups}"));
            var members = Enumerable.Range(0, n).Where(r => r % groups == g).ToArray();
            int rest = n - members.Length;
            double[] matrix;
            int size;
            if (d <= n)
            {
                var part = new double[(long)members.Length * d];
                for (int i = 0; i < members.Length; i++) Array.Copy(x, (long)members[i] * d, part, (long)i * d, d);
                var sg = EmpiricalDecomposition.CrossProduct(part, members.Length, d, false, 1, ct);
                var mu = new double[d];
                if (center)
                {
                    for (int i = 0; i < members.Length; i++) TensorPrimitives.Add(mu, part.AsSpan(i * d, d), mu);
                    TensorPrimitives.Divide(mu, -rest, mu); // the full (centred) data sum to zero, so the rest sum to −(group sum)
                }
                matrix = new double[(long)d * d];
                for (int i = 0; i < d; i++)
                    for (int j = 0; j < d; j++) matrix[(long)i * d + j] = (full[(long)i * d + j] - sg[(long)i * d + j]) / rest - mu[i] * mu[j];
                size = d;
            }
            else
            {
                var keep = Enumerable.Range(0, n).Where(r => r % groups != g).ToArray();
                size = keep.Length;
                matrix = new double[(long)size * size];
                for (int i = 0; i < size; i++)
                    for (int j = 0; j < size; j++) matrix[(long)i * size + j] = full[(long)keep[i] * n + keep[j]];
                if (center)
                {
                    var rowMean = new double[size];
                    for (int i = 0; i < size; i++) rowMean[i] = TensorPrimitives.Sum<double>(matrix.AsSpan(i * size, size)) / size;
                    double grand = rowMean.Average();
                    for (int i = 0; i < size; i++)
                        for (int j = 0; j < size; j++) matrix[(long)i * size + j] += grand - rowMean[i] - rowMean[j];
                }
                TensorPrimitives.Divide(matrix, rest, matrix);
            }
            var values = SymmetricEigen.Values(matrix, size, ct);
            Array.Reverse(values);
            int kept = values.TakeWhile(v => v > EmpiricalDecomposition.ZeroTolerance * values[0]).Count();
            exponents[g] = kept >= rmax ? FitRanksOrNaN(values, rmin, rmax) : double.NaN;
        }
        return exponents;
    }

    private static double FitRanksOrNaN(double[] values, int rmin, int rmax)
    {
        try { return FitRanks(values, rmin, rmax, 0).Exponent; }
        catch (FitRefusedException) { return double.NaN; }
    }

    /// <summary>s ± t_{G−1} · se, se² = (G−1)/G Σ (s_g − s̄)² (the delete-a-group jackknife variance).</summary>
    private static (double, double) JackknifeInterval(double estimate, double[] replicates, double confidence)
    {
        if (replicates.Any(r => !double.IsFinite(r))) return (double.NaN, double.NaN);
        int g = replicates.Length;
        double mean = replicates.Average();
        double ss = replicates.Sum(r => (r - mean) * (r - mean));
        double se = Math.Sqrt((g - 1.0) / g * ss);
        double t = StudentT.InvCDF(0, 1, g - 1, 0.5 + confidence / 2);
        return (estimate - t * se, estimate + t * se);
    }
}
