using System.Numerics.Tensors;
using ScalingPS.Core.RandomFeatures;
using ScalingPS.Core.Sampling;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.Data;

/// <summary>Where the rows and labels of a data-driven random-feature run come from.</summary>
public sealed record RandomFeatureDataOptions
{
    public required FeatureMatrix Data { get; init; }
    public required double[] Labels { get; init; }
    /// <summary>Held-out fraction h (see <see cref="DataSplit"/>).</summary>
    public double HoldOut { get; init; } = 0.2;
    public SpectrumNormalization Normalization { get; init; } = SpectrumNormalization.MeanOne;
}

/// <summary>
/// The random-feature model trained on rows of a data matrix with their own labels (full-batch gradient flow or
/// GD, spec random-features §1.3–§1.5 with Ψ the data): features ψ are the centred training rows in the eigenbasis
/// of their covariance (scaled like Get-FeatureSpectrum), labels centred by the training mean. Each seed draws
/// its P training rows (without replacement) and its projection A; TestLoss is the mean squared error on the
/// held-out rows, TrainLoss on the P rows. The theory of the same model is Get-RandomFeatureCurve on the training
/// rows' spectrum with labels; held-out errors also contain the label variance no linear function of the
/// features explains (Measurement.LabelVariance − Measurement.ExplainedVariance).
/// </summary>
public static class DataRandomFeatureTraining
{
    /// <summary>Stream id of the per-seed row choice.</summary>
    public const ulong RowStream = 5;

    public sealed class Prepared
    {
        public required Spectrum Spectrum { get; init; }
        public required double[] Train { get; init; }
        public required double[] TrainLabels { get; init; }
        public required double[] HeldOut { get; init; }
        public required double[] HeldOutLabels { get; init; }
        public int M => Spectrum.Dimension;
    }

    public static Prepared Prepare(RandomFeatureDataOptions d, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(d);
        var m = d.Data;
        if (d.Labels.Length != m.Rows) throw new ParameterException("Labels", d.Labels.Length, $"Give one label per row ({m.Rows}).");
        foreach (var y in d.Labels) if (!double.IsFinite(y)) throw new ParameterException("Labels", y, "Every label must be finite.");
        Check.Between(d.HoldOut, 0, 1, "HoldOut");
        if (!Enum.IsDefined(d.Normalization)) throw new ParameterException("InputNormalization", d.Normalization, "Allowed: MeanOne, TopOne, None.");
        var split = SplitDecomposition.Create(m, d.HoldOut, d.Normalization, "The training rows are constant: no features to learn from.", ct);
        var (train, held, x, heldX, dec) = (split.Train, split.HeldOut, split.TrainRows, split.HeldOutRows, split.Decomposition);
        double c = Math.Sqrt(split.Scale);
        var lambda = split.Lambda;
        var trainLabels = train.Select(r => d.Labels[r]).ToArray();
        var (target, _, _) = FeatureSpectra.Target(FeatureSpectra.TaskPower(dec, x, trainLabels), lambda, trainLabels);
        var spectrum = new Spectrum(lambda, Enumerable.Repeat(1, lambda.Length).ToArray(), SpectrumConvention.Empirical, d.Normalization, targetPower: target);
        double yMean = trainLabels.Average();
        return new Prepared
        {
            Spectrum = spectrum,
            Train = Project(x, train.Length), TrainLabels = trainLabels.Select(v => v - yMean).ToArray(),
            HeldOut = Project(heldX, held.Length), HeldOutLabels = held.Select(r => d.Labels[r] - yMean).ToArray(),
        };

        double[] Project(double[] rows, int count)
        {
            int dim = m.Columns, rank = dec.Rank;
            var z = new double[(long)count * rank];
            for (int i = 0; i < count; i++)
                for (int k = 0; k < rank; k++)
                    z[(long)i * rank + k] = c * TensorPrimitives.Dot(dec.Vectors.AsSpan(k * dim, dim), rows.AsSpan(i * dim, dim));
            return z;
        }
    }

    /// <summary>
    /// Runs seeds Seed .. Seed+Repeat−1 for one setting (its N and P; P = ∞ means all training rows) and returns the
    /// points: per seed and time, or with <paramref name="aggregate"/> the mean ± standard error per time.
    /// </summary>
    public static List<RandomFeaturePoint> Run(Prepared data, RandomFeatureSettings template, IReadOnlyList<double> times, int seed, int repeat,
        bool aggregate, IProgress<EngineProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(template);
        int trainRows = data.TrainLabels.Length, mdim = data.M;
        double p = double.IsPositiveInfinity(template.P) ? trainRows : template.P;
        if (!(p >= 1) || p > trainRows || p != Math.Floor(p))
            throw new ParameterException("P", template.P, $"With -Data, P must be a whole number in [1, {trainRows}] (the training rows), or Infinity for all of them.");
        if (template.Optimizer is RandomFeatureOptimizer.SGD or RandomFeatureOptimizer.Momentum)
            throw new ParameterException("Optimizer", template.Optimizer, "With -Data, the optimizer is GradientFlow or GD.");
        Check.Range(repeat, 1, 100000, "Repeat");
        var settings = template with
        {
            Lambda = data.Spectrum.CopyEigenvalues(), TargetPower = data.Spectrum.CopyTargetPower()!, P = p,
            A = data.Spectrum.A ?? double.NaN, B = data.Spectrum.B ?? double.NaN,
        };
        settings.Validate();
        var sim = new RandomFeatureSimulator(settings);
        int np = (int)p;
        var test = new double[repeat][];
        var train = new double[repeat][];
        int done = 0;
        Parallel.For(0, repeat, new ParallelOptions { CancellationToken = ct }, r =>
        {
            int s = unchecked(seed + r);
            var rows = ChooseRows(s, trainRows, np);
            var psi = new double[(long)np * mdim];
            var y = new double[np];
            for (int i = 0; i < np; i++)
            {
                Array.Copy(data.Train, (long)rows[i] * mdim, psi, (long)i * mdim, mdim);
                y[i] = data.TrainLabels[rows[i]];
            }
            var betas = sim.TrainOn(s, times, psi, y, ct);
            test[r] = betas.Select(b => Mse(data.HeldOut, data.HeldOutLabels, b, mdim)).ToArray();
            train[r] = betas.Select(b => Mse(psi, y, b, mdim)).ToArray();
            int now = Interlocked.Increment(ref done);
            progress?.Report(new EngineProgress((double)now / repeat, $"N = {settings.N}, P = {np}: seed {now}/{repeat}"));
        });
        var points = new List<RandomFeaturePoint>();
        var baseline = new RandomFeaturePoint
        {
            Source = nameof(CurveSource.Simulation), A = Optional.Of(settings.A), B = Optional.Of(settings.B), M = mdim, N = settings.N, P = np, Sigma = 0,
            Eta = settings.Eta, Optimizer = settings.Optimizer.ToString(), Momentum = settings.Momentum, BatchSize = settings.BatchSize, Inputs = "Data",
        };
        for (int t = 0; t < times.Count; t++)
        {
            if (!aggregate)
            {
                for (int r = 0; r < repeat; r++)
                    points.Add(baseline with { Seed = unchecked(seed + r), Time = times[t], TestLoss = test[r][t], TrainLoss = train[r][t] });
                continue;
            }
            var (mt, st) = MeanStdErr(test.Select(v => v[t]).ToArray());
            var (mr, sr) = MeanStdErr(train.Select(v => v[t]).ToArray());
            points.Add(baseline with { Seed = seed, Time = times[t], TestLoss = mt, StdErr = Optional.Of(st), TrainLoss = mr, TrainStdErr = Optional.Of(sr), Count = repeat });
        }
        if (!aggregate) points.Sort((a, b) => a.Seed != b.Seed ? a.Seed.CompareTo(b.Seed) : a.Time.CompareTo(b.Time));
        return points;
    }

    /// <summary>P distinct training rows for a seed (partial Fisher–Yates from its own stream).</summary>
    private static int[] ChooseRows(int seed, int n, int p)
    {
        var idx = Enumerable.Range(0, n).ToArray();
        ulong state = SplitMix64.StartState(seed, RowStream);
        for (int i = 0; i < p; i++)
        {
            int j = i + (int)(SplitMix64.Next(ref state) % (ulong)(n - i));
            (idx[i], idx[j]) = (idx[j], idx[i]);
        }
        return idx[..p];
    }

    private static double Mse(double[] rows, double[] labels, double[] beta, int m)
    {
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double e = labels[i] - TensorPrimitives.Dot(rows.AsSpan(i * m, m), beta);
            sum += e * e;
        }
        return sum / labels.Length;
    }

    private static (double Mean, double StdErr) MeanStdErr(double[] v)
    {
        double mean = v.Average();
        if (v.Length < 2) return (mean, double.NaN);
        double ss = v.Sum(x => (x - mean) * (x - mean));
        return (mean, Math.Sqrt(ss / (v.Length - 1) / v.Length));
    }
}
