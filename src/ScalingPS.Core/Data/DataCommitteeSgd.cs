using System.Numerics.Tensors;
using ScalingPS.Core.Committee;
using ScalingPS.Core.Sampling;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.Data;

/// <summary>How data rows become the student's inputs.</summary>
public enum DataInputTransform
{
    /// <summary>Centred rows in the eigenbasis of the training rows' covariance, largest eigenvalue first (the theory's coordinates; N_l trains the top N_l directions).</summary>
    Eigenbasis,
    /// <summary>Centred rows in the eigenbasis, each direction divided by its standard deviation (isotropic inputs).</summary>
    Whiten,
    /// <summary>Centred rows in their own coordinates (no rotation; all inputs trained).</summary>
    Raw,
}

/// <summary>Where the inputs of a data-driven committee run come from.</summary>
public sealed record CommitteeDataOptions
{
    public required FeatureMatrix Data { get; init; }
    public DataInputTransform Transform { get; init; } = DataInputTransform.Eigenbasis;
    /// <summary>Held-out fraction h (see <see cref="DataSplit"/>).</summary>
    public double HoldOut { get; init; } = 0.2;
    /// <summary>0: rows drawn uniformly with replacement; E ≥ 1: the training rows in file order, at most E passes.</summary>
    public int Epochs { get; init; }
    /// <summary>Scale of the inputs: MeanOne (mean eigenvalue 1, the committee convention) or None (data units).</summary>
    public SpectrumNormalization Normalization { get; init; } = SpectrumNormalization.MeanOne;
}

/// <summary>
/// The training rows turned into inputs: the transformed training and held-out rows (N columns each), the spectrum
/// of the training rows in the same scale, and for <see cref="DataInputTransform.Raw"/> the eigenbasis that maps
/// weights onto it.
/// </summary>
public sealed class PreparedCommitteeData
{
    public required Spectrum Spectrum { get; init; }
    public required int N { get; init; }
    public required double[] Train { get; init; }
    public required int TrainRows { get; init; }
    public required double[] HeldOut { get; init; }
    public required int HeldOutRows { get; init; }
    /// <summary>Per input coordinate: its variance (eigen transforms), or null (Raw: use <see cref="Basis"/>).</summary>
    public double[]? CoordinateVariance { get; init; }
    /// <summary>Raw only: rows u_k (length N) of the kept eigenvectors, with <see cref="Spectrum"/>'s eigenvalues.</summary>
    public double[]? Basis { get; init; }
    public required string Inputs { get; init; }

    public static PreparedCommitteeData Prepare(CommitteeDataOptions d, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(d.Data);
        ScalingPS.Core.Check.Between(d.HoldOut, 0, 1, "HoldOut");
        ScalingPS.Core.Check.Range(d.Epochs, 0, 1_000_000, "Epochs");
        if (!Enum.IsDefined(d.Transform)) throw new ParameterException("Whiten", d.Transform, "Allowed transforms: Eigenbasis (default), Whiten, Raw.");
        if (!Enum.IsDefined(d.Normalization)) throw new ParameterException("Normalization", d.Normalization, "Allowed: MeanOne, TopOne, None.");
        var m = d.Data;
        var split = SplitDecomposition.Create(m, d.HoldOut, d.Normalization, "The training rows are constant: no input variance to learn from.", ct);
        var (train, held, x, heldX, dec) = (split.Train, split.HeldOut, split.TrainRows, split.HeldOutRows, split.Decomposition);
        double eigScale = split.Scale;
        double c = Math.Sqrt(eigScale);
        var lambda = split.Lambda;
        int dim = m.Columns, rank = dec.Rank;
        int n = d.Transform == DataInputTransform.Raw ? dim : rank;
        MemoryBudget.Ensure(8.0 * m.Rows * n, (double)m.Rows * n, "Data", m.Shape, $"the transformed inputs ({m.Rows}×{n})");
        var trainOut = Transform(x, train.Length);
        var heldOut = Transform(heldX, held.Length);

        double[] Transform(double[] rows, int count)
        {
            if (d.Transform == DataInputTransform.Raw)
            {
                TensorPrimitives.Multiply(rows, c, rows);
                return rows;
            }
            var z = new double[(long)count * rank];
            for (int i = 0; i < count; i++)
            {
                ct.ThrowIfCancellationRequested();
                var row = rows.AsSpan(i * dim, dim);
                for (int k = 0; k < rank; k++)
                {
                    double proj = TensorPrimitives.Dot(dec.Vectors.AsSpan(k * dim, dim), row);
                    z[(long)i * rank + k] = d.Transform == DataInputTransform.Whiten ? proj / Math.Sqrt(dec.Values[k]) : c * proj;
                }
            }
            return z;
        }

        Spectrum spectrum = d.Transform == DataInputTransform.Whiten
            ? new Spectrum([1.0], [rank], SpectrumConvention.Empirical, SpectrumNormalization.MeanOne)
            : new Spectrum(lambda, Enumerable.Repeat(1, rank).ToArray(), SpectrumConvention.Empirical, d.Normalization);
        return new PreparedCommitteeData
        {
            Spectrum = spectrum, N = n, Train = trainOut, TrainRows = train.Length, HeldOut = heldOut, HeldOutRows = held.Length,
            CoordinateVariance = d.Transform == DataInputTransform.Raw ? null : spectrum.ExpandEigenvalues(),
            Basis = d.Transform == DataInputTransform.Raw ? dec.Vectors : null,
            Inputs = d.Transform switch { DataInputTransform.Whiten => "WhitenedData", DataInputTransform.Raw => "RawData", _ => "Data" },
        };
    }
}

/// <summary>
/// One-pass SGD of a committee student on inputs that are rows of a data matrix (spec committee §3.4–§3.5, the
/// Fig. 3-right setting): each step takes a training row (uniformly with replacement, or in file order with
/// -Epochs), the teacher gives its label, and the student takes the usual SGD step. At every checkpoint ε_g is
/// measured on the held-out rows (EpsG) and computed from the order parameters under the training covariance
/// (EpsGSpectral, what the empirical-spectrum theory describes). Seeds run in parallel, results in the order of
/// <see cref="CommitteeSgd"/> (checkpoint by checkpoint, seed by seed), bit-identical for any thread count.
/// Kept apart from the Gaussian hot path on purpose: it needs no generator for the inputs and runs in double.
/// </summary>
public static class DataCommitteeSgd
{
    /// <summary>Stream id of the row picker (beside RandomStreams.Teacher/Student/Data).</summary>
    public const ulong RowStream = 4;

    public static void Run(CommitteeSgdOptions baseOptions, CommitteeDataOptions data, bool aggregate, CommitteeSgdSink sink,
        IProgress<EngineProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(baseOptions);
        ArgumentNullException.ThrowIfNull(sink);
        var prepared = PreparedCommitteeData.Prepare(data, ct);
        var o = baseOptions with { Spectrum = prepared.Spectrum };
        o.Validate();
        if (o.Precision != Precision.Double)
            throw new ParameterException("Precision", o.Precision, "Training on data runs in double precision only.");
        if (o.OrderParameters) throw new ParameterException("OrderParameters", true, "-OrderParameters is not available with -Data.");
        if (o.OrthonormalTeacher && data.Transform == DataInputTransform.Raw)
            throw new ParameterException("OrthonormalTeacher", true, "-OrthonormalTeacher needs the eigenbasis (not -Raw).");
        int n = prepared.N;
        if (data.Transform == DataInputTransform.Raw && o.TrainableInputs != 0 && o.TrainableInputs != n)
            throw new ParameterException("TrainableInputs", o.TrainableInputs, "With -Raw every input is trained (N_l selects eigen-directions; use the default eigenbasis).");
        var checkpoints = Checkpoints(o.Alpha, o.AlphaMin, o.Points, n);
        if (data.Epochs > 0 && checkpoints[^1] > (long)data.Epochs * prepared.TrainRows)
            throw new ParameterException("Alpha", o.Alpha,
                $"{data.Epochs} pass(es) over {prepared.TrainRows} training rows give {(long)data.Epochs * prepared.TrainRows} steps, α ≤ {(double)data.Epochs * prepared.TrainRows / n:G4}; lower -Alpha or raise -Epochs.");

        int repeat = o.Repeat;
        var po = new ParallelOptions { MaxDegreeOfParallelism = o.Threads, CancellationToken = ct };
        var states = new DataSeedState[repeat];
        Parallel.For(0, repeat, po, s => states[s] = new DataSeedState(o, prepared, data.Epochs > 0, o.Seed + s));
        var held = new double[repeat];
        var spectral = new double[repeat];
        var eps0 = new double[repeat];
        var template = new CommitteePoint
        {
            Source = nameof(CurveSource.Simulation), N = n, K = o.K, M = o.M, L = prepared.Spectrum.DistinctCount, Beta = prepared.Spectrum.Beta,
            Eta = o.Eta, SigmaJ = o.SigmaJ, Activation = o.Activation.ToString(), TeacherActivation = o.TeacherActivation.ToString(),
            OutputNormalization = o.OutputNormalization.ToString(), TrainableInputs = o.EffectiveTrainableInputs, Inputs = prepared.Inputs,
        };
        if (data.Transform == DataInputTransform.Raw) template = template with { TrainableInputs = n };
        long total = checkpoints[^1] * (long)repeat, done = 0;
        var reported = new bool[repeat];
        for (int c = 0; c < checkpoints.Length; c++)
        {
            long target = checkpoints[c];
            Parallel.For(0, repeat, po, s =>
            {
                var st = states[s];
                if (st.Diverged is not null) return;
                while (st.Step < target)
                {
                    ct.ThrowIfCancellationRequested();
                    long run = Math.Min(4096, target - st.Step);
                    st.Advance(run);
                    long now = Interlocked.Add(ref done, run);
                    progress?.Report(new EngineProgress(total > 0 ? (double)now / total : 1, $"α = {(double)st.Step / n:G4} of {o.Alpha:G4}"));
                }
                double eh = st.HeldOutEpsG(), es = st.SpectralEpsG();
                if (c == 0) eps0[s] = eh;
                if (!double.IsFinite(eh) || !double.IsFinite(es) || eh > o.DivergenceFactor * Math.Max(eps0[s], 1e-12))
                {
                    st.Diverged = new SgdDivergence(st.Seed, (double)st.Step / n, st.Step, eh, eps0[s], o.Eta);
                    return;
                }
                held[s] = eh;
                spectral[s] = es;
            });
            double alpha = (double)target / n;
            var alive = new List<int>();
            for (int s = 0; s < repeat; s++)
            {
                if (states[s].Diverged is { } dv)
                {
                    if (!reported[s]) { sink.Diverged?.Invoke(dv); reported[s] = true; }
                    continue;
                }
                alive.Add(s);
                if (!aggregate) sink.Point?.Invoke(template with { Seed = o.Seed + s, Alpha = alpha, Step = target, EpsG = held[s], EpsGSpectral = spectral[s] });
            }
            if (aggregate && alive.Count > 0)
            {
                double mean = alive.Average(s => held[s]);
                double ss = alive.Sum(s => (held[s] - mean) * (held[s] - mean));
                sink.Point?.Invoke(template with
                {
                    Seed = o.Seed, Alpha = alpha, Step = target, EpsG = mean, Count = alive.Count,
                    StdErr = alive.Count > 1 ? Math.Sqrt(ss / (alive.Count - 1) / alive.Count) : null,
                    EpsGSpectral = alive.Average(s => spectral[s]),
                });
            }
        }
        progress?.Report(new EngineProgress(1, "done"));
    }

    /// <summary>Checkpoint steps as <see cref="CommitteeSgdOptions.CheckpointSteps"/>, for an input dimension N.</summary>
    internal static long[] Checkpoints(double alphaMax, double alphaMin, int points, int n)
    {
        var steps = new List<long> { 0 };
        long last = (long)Math.Round(alphaMax * n);
        for (int p = 0; p < points; p++)
        {
            double a = points == 1 ? alphaMax : alphaMin * Math.Pow(alphaMax / alphaMin, (double)p / (points - 1));
            long s = p == points - 1 ? last : Math.Max(1, (long)Math.Round(a * n));
            if (s > steps[^1]) steps.Add(s);
        }
        return steps.ToArray();
    }

    /// <summary>One seed: weights (student K×N, teacher M×N) drawn as for Gaussian runs, and its row picker.</summary>
    private sealed class DataSeedState
    {
        private readonly PreparedCommitteeData _d;
        private readonly CommitteeSgdOptions _o;
        private readonly int _n, _k, _m, _nl;
        private readonly double[] _student, _teacher;
        private readonly double _a, _b, _invSqrtN, _stepScale;
        private readonly bool _inOrder;
        private ulong _rng;
        private readonly double[] _coef;

        public DataSeedState(CommitteeSgdOptions o, PreparedCommitteeData d, bool inOrder, int seed)
        {
            _o = o; _d = d; _n = d.N; _k = o.K; _m = o.M;
            _nl = o.TrainableInputs == 0 ? _n : o.TrainableInputs;
            Seed = seed;
            (_student, _teacher) = d.Basis is null
                ? CommitteeWeights.Draw(seed, d.Spectrum, _k, _m, o.SigmaJ, _nl, o.UntrainedInputs, o.OrthonormalTeacher)
                : CommitteeWeights.Draw(seed, _n, _k, _m, o.SigmaJ);
            _a = o.OutputNormalization.Factor(_k);
            _b = o.OutputNormalization.Factor(_m);
            _invSqrtN = 1 / Math.Sqrt(_n);
            _stepScale = o.Eta * _invSqrtN;
            _inOrder = inOrder;
            _rng = SplitMix64.StartState(seed, RowStream);
            _coef = new double[_k];
        }

        public int Seed { get; }
        public long Step { get; private set; }
        public SgdDivergence? Diverged { get; set; }

        public void Advance(long steps)
        {
            for (long s = 0; s < steps; s++)
            {
                long row = _inOrder ? (Step + s) % _d.TrainRows : (long)(SplitMix64.Next(ref _rng) % (ulong)_d.TrainRows);
                OneStep(_d.Train.AsSpan((int)(row * _n), _n));
            }
            Step += steps;
        }

        private void OneStep(ReadOnlySpan<double> xi)
        {
            double sigma = 0, zeta = 0;
            for (int i = 0; i < _k; i++)
            {
                double x = TensorPrimitives.Dot(_student.AsSpan(i * _n, _n), xi) * _invSqrtN;
                sigma += Activations.G(_o.Activation, x);
                _coef[i] = x;
            }
            for (int p = 0; p < _m; p++) zeta += Activations.G(_o.TeacherActivation, TensorPrimitives.Dot(_teacher.AsSpan(p * _n, _n), xi) * _invSqrtN);
            double common = _stepScale * _a * (_b * zeta - _a * sigma);
            var trained = xi[.._nl];
            for (int i = 0; i < _k; i++)
            {
                var row = _student.AsSpan(i * _n, _nl);
                TensorPrimitives.MultiplyAdd(trained, common * Activations.DG(_o.Activation, _coef[i]), row, row);
            }
        }

        public double HeldOutEpsG()
        {
            double sum = 0;
            for (int r = 0; r < _d.HeldOutRows; r++)
            {
                var xi = _d.HeldOut.AsSpan(r * _n, _n);
                double sigma = 0, zeta = 0;
                for (int i = 0; i < _k; i++) sigma += Activations.G(_o.Activation, TensorPrimitives.Dot(_student.AsSpan(i * _n, _n), xi) * _invSqrtN);
                for (int p = 0; p < _m; p++) zeta += Activations.G(_o.TeacherActivation, TensorPrimitives.Dot(_teacher.AsSpan(p * _n, _n), xi) * _invSqrtN);
                double e = _a * sigma - _b * zeta;
                sum += 0.5 * e * e;
            }
            return sum / _d.HeldOutRows;
        }

        /// <summary>ε_g from the first-order overlaps (1/N) Σ λ w w' under the training covariance (spec committee §2.3).</summary>
        public double SpectralEpsG()
        {
            int rows = _k + _m;
            var w = new double[rows][];
            for (int i = 0; i < _k; i++) w[i] = _student.AsSpan(i * _n, _n).ToArray();
            for (int p = 0; p < _m; p++) w[_k + p] = _teacher.AsSpan(p * _n, _n).ToArray();
            double[] variance;
            if (_d.Basis is { } basis)
            {
                // Raw coordinates: rotate each weight vector onto the eigenbasis, where the covariance is diag(λ).
                int rank = _d.Spectrum.Dimension;
                variance = _d.Spectrum.ExpandEigenvalues();
                for (int r = 0; r < rows; r++)
                {
                    var rotated = new double[rank];
                    for (int k = 0; k < rank; k++) rotated[k] = TensorPrimitives.Dot(basis.AsSpan(k * _n, _n), w[r]);
                    w[r] = rotated;
                }
            }
            else variance = _d.CoordinateVariance!;
            int len = variance.Length;
            double Overlap(int r, int s)
            {
                double sum = 0;
                for (int t = 0; t < len; t++) sum += variance[t] * w[r][t] * w[s][t];
                return sum / _n;
            }
            var q = new double[_k * _k];
            var rr = new double[_k * _m];
            var tt = new double[_m * _m];
            for (int i = 0; i < _k; i++)
            {
                for (int j = 0; j < _k; j++) q[i * _k + j] = Overlap(i, j);
                for (int p = 0; p < _m; p++) rr[i * _m + p] = Overlap(i, _k + p);
            }
            for (int p = 0; p < _m; p++)
                for (int q2 = 0; q2 < _m; q2++) tt[p * _m + q2] = Overlap(_k + p, _k + q2);
            return GeneralizationError.Compute(_o.Activation, _o.TeacherActivation, _o.OutputNormalization, q, rr, tt, _k, _m);
        }
    }
}
