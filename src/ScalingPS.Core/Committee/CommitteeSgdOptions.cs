using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.Committee;

/// <summary>Floating-point type of the SGD weights and inputs (ε_g is always evaluated in double).</summary>
public enum Precision
{
    Double,
    Single,
}

/// <summary>
/// Everything that defines a committee SGD run (spec/committee.md §1, §3.4, §8). Property names are the
/// public cmdlet parameter names, and <see cref="Validate"/> reports bad values under those names.
/// </summary>
public sealed record CommitteeSgdOptions
{
    /// <summary>Input covariance spectrum (N = its dimension; coordinates in the spectrum's order, largest λ first).</summary>
    public required Spectrum Spectrum { get; init; }
    public int K { get; init; } = 2;
    public int M { get; init; } = 2;
    /// <summary>Learning rate η: J_i += (η/√N) δ_i ξ.</summary>
    public double Eta { get; init; } = 0.1;
    /// <summary>Standard deviation of the initial student weights.</summary>
    public double SigmaJ { get; init; } = 0.01;
    /// <summary>Last checkpoint α_max (examples per input dimension).</summary>
    public double Alpha { get; init; } = 1000;
    /// <summary>First log-spaced checkpoint (α = 0 is always emitted as well).</summary>
    public double AlphaMin { get; init; } = 0.01;
    /// <summary>Number of log-spaced checkpoints in [AlphaMin, Alpha] (fewer when two round to the same step).</summary>
    public int Points { get; init; } = 50;
    /// <summary>An explicit list of checkpoint α (rounded to whole steps) instead of the log grid; null for the grid.</summary>
    public double[]? AlphaGrid { get; init; }
    public Activation Activation { get; init; } = Activation.Erf;
    public Activation TeacherActivation { get; init; } = Activation.Erf;
    public OutputNormalization OutputNormalization { get; init; } = OutputNormalization.InverseSqrt;
    /// <summary>N_l: only the first N_l coordinates (largest eigenvalues) are trained; 0 means all N.</summary>
    public int TrainableInputs { get; init; }
    public UntrainedInputs UntrainedInputs { get; init; } = UntrainedInputs.Zero;
    /// <summary>Orthonormalise the teacher rows so that T_τ = I (spec §9 item 7); default: plain i.i.d. N(0,1) teacher.</summary>
    public bool OrthonormalTeacher { get; init; }
    /// <summary>First seed; seeds Seed .. Seed+Repeat−1 are run.</summary>
    public int Seed { get; init; } = 1;
    public int Repeat { get; init; } = 1;
    public Precision Precision { get; init; } = Precision.Double;
    /// <summary>
    /// How the inputs' normals are drawn: the exact ziggurat (default, the numbers of earlier releases) or Wallace's
    /// cheaper pool method. Recorded in every output point.
    /// </summary>
    public Sampling.GaussianGenerator Generator { get; init; } = Sampling.GaussianGenerator.Ziggurat;
    /// <summary>Also compute the full per-group order parameters at every checkpoint.</summary>
    public bool OrderParameters { get; init; }
    /// <summary>Threads (0 = all cores).</summary>
    public int ThrottleLimit { get; init; }
    /// <summary>A seed has diverged when ε_g is not finite or exceeds this factor times its initial value.</summary>
    public double DivergenceFactor { get; init; } = 1e6;
    /// <summary>Code path of the step kernels and the generator (default: the widest this machine accelerates; all give identical numbers).</summary>
    internal Sampling.SimdLevel SimdLevel { get; init; } = Sampling.SimdLevels.Best;

    public int N => Spectrum.Dimension;
    public int EffectiveTrainableInputs => TrainableInputs == 0 ? N : TrainableInputs;
    public int Threads => ThrottleLimit > 0 ? ThrottleLimit : Environment.ProcessorCount;

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Spectrum);
        Check.Range(K, 1, CommitteeLimits.MaxUnits, "K");
        Check.Range(M, 1, CommitteeLimits.MaxUnits, "M");
        Check.Positive(Eta, "Eta");
        CommitteeLimits.CheckSigmaJ(SigmaJ);
        _ = CheckpointSteps(); // validates -Alpha/-AlphaMin/-Points or -AlphaGrid
        Check.Range(TrainableInputs, 0, N, "TrainableInputs");
        if (OrthonormalTeacher && M > N) throw new ParameterException("M", M, $"An orthonormal teacher needs M ≤ N = {N}.");
        Check.Range(Repeat, 1, 1_000_000, "Repeat");
        // All seeds of a run live at once (they advance in lockstep, checkpoint by checkpoint).
        if (!Enum.IsDefined(Generator)) throw new ParameterException("Generator", Generator, "Allowed: Ziggurat, Wallace.");
        double bytes = (double)Repeat * ((K + M) * (double)N * (Precision == Precision.Single ? 4 : 8) + 24.0 * N
            + Sampling.NormalSource.StateBytes(Generator));
        if (bytes > 8e9)
            throw new ParameterException("Repeat", Repeat, $"{Repeat} seeds of N = {N}, K = {K}, M = {M} would hold {bytes / 1e9:F1} GB of weights at once; split the seeds over several calls (-Seed, -Repeat).");
        Check.Range(ThrottleLimit, 0, 4096, "ThrottleLimit");
        if ((long)Seed + Repeat - 1 > int.MaxValue) throw new ParameterException("Seed", Seed, "Seed + Repeat − 1 must fit in a 32-bit integer.");
        Check.Positive(DivergenceFactor, "DivergenceFactor");
        if (!Enum.IsDefined(Activation)) throw new ParameterException("Activation", Activation, "Allowed: Erf, Linear, ReLU.");
        if (!Enum.IsDefined(TeacherActivation)) throw new ParameterException("TeacherActivation", TeacherActivation, "Allowed: Erf, Linear, ReLU.");
        if (!Enum.IsDefined(OutputNormalization)) throw new ParameterException("OutputNormalization", OutputNormalization, "Allowed: InverseSqrt, None, Inverse.");
        if (!Enum.IsDefined(Precision)) throw new ParameterException("Precision", Precision, "Allowed: Double, Single.");
    }

    /// <summary>Checkpoint steps: the committee cmdlets' shared grid (<see cref="Committee.AlphaGrid"/>), or the explicit list.</summary>
    public long[] CheckpointSteps() => AlphaGrid is null
        ? Committee.AlphaGrid.LogSteps(AlphaMin, Alpha, Points, N)
        : Committee.AlphaGrid.ListSteps(AlphaGrid, N);
}
