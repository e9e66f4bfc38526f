using System.Management.Automation;
using ScalingPS.Core.Committee;
using ScalingPS.Core.Spectra;
using ScalingPS.Infrastructure;

namespace ScalingPS.Commands;

/// <summary>
/// Invoke-CommitteeSgd: one-pass SGD of a K-unit soft committee student on an M-unit teacher with Gaussian
/// inputs of a power-law spectrum (spec/committee.md §1, §8), streaming CommitteePoint records
/// checkpoint by checkpoint, seed by seed.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "CommitteeSgd", DefaultParameterSetName = PowerLawSet)]
[OutputType(typeof(CommitteePoint), typeof(CommitteeOrderParameters))]
public sealed class InvokeCommitteeSgdCommand : CommitteeSpectrumCmdlet
{
    [Parameter]
    public int K { get; set; } = 2;

    [Parameter]
    public int M { get; set; } = 2;

    [Parameter]
    public double Eta { get; set; } = 0.1;

    [Parameter]
    public double SigmaJ { get; set; } = 0.01;

    [Parameter]
    public double Alpha { get; set; } = 1000;

    [Parameter]
    public double AlphaMin { get; set; } = 0.01;

    [Parameter]
    public int Points { get; set; } = 50;

    /// <summary>An explicit list of α instead of the log grid (rounded to whole SGD steps, α = 0 always first).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public double[]? AlphaGrid { get; set; }

    [Parameter]
    public Activation Activation { get; set; } = Activation.Erf;

    [Parameter]
    public Activation TeacherActivation { get; set; } = Activation.Erf;

    [Parameter]
    public OutputNormalization OutputNormalization { get; set; } = OutputNormalization.InverseSqrt;

    [Parameter]
    public int TrainableInputs { get; set; }

    [Parameter]
    public UntrainedInputs UntrainedInputs { get; set; } = UntrainedInputs.Zero;

    [Parameter]
    public SwitchParameter OrthonormalTeacher { get; set; }

    [Parameter]
    public int Seed { get; set; } = 1;

    [Parameter]
    public int Repeat { get; set; } = 1;

    [Parameter]
    public Precision Precision { get; set; } = Precision.Double;

    /// <summary>How the Gaussian inputs are drawn: Ziggurat (exact, default) or Wallace (a cheaper pool method).</summary>
    [Parameter(ParameterSetName = PowerLawSet)]
    [Parameter(ParameterSetName = SpectrumSet)]
    public ScalingPS.Core.Sampling.GaussianGenerator Generator { get; set; } = ScalingPS.Core.Sampling.GaussianGenerator.Ziggurat;

    [Parameter]
    public SwitchParameter Aggregate { get; set; }

    [Parameter]
    public SwitchParameter OrderParameters { get; set; }

    [Parameter]
    public int ThrottleLimit { get; set; }

    private const string DataSet = "Data";

    /// <summary>Train on the rows of this matrix instead of Gaussian inputs (teacher labels, held-out ε_g).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = DataSet)]
    [ValidateNotNull]
    public ScalingPS.Core.Data.FeatureMatrix? Data { get; set; }

    /// <summary>With -Data: whiten the inputs (unit variance along every eigen-direction).</summary>
    [Parameter(ParameterSetName = DataSet)]
    public SwitchParameter Whiten { get; set; }

    /// <summary>With -Data: keep the rows' own coordinates (centred and scaled, not rotated).</summary>
    [Parameter(ParameterSetName = DataSet)]
    public SwitchParameter Raw { get; set; }

    /// <summary>With -Data: fraction of rows held out for measuring ε_g (spread evenly through the file).</summary>
    [Parameter(ParameterSetName = DataSet)]
    public double HoldOut { get; set; } = 0.2;

    /// <summary>With -Data: take the training rows in file order for at most this many passes (0: uniformly with replacement).</summary>
    [Parameter(ParameterSetName = DataSet)]
    public int Epochs { get; set; }

    /// <summary>With -Data: input scale, MeanOne (mean eigenvalue 1) or None (data units).</summary>
    [Parameter(ParameterSetName = DataSet)]
    public SpectrumNormalization InputNormalization { get; set; } = SpectrumNormalization.MeanOne;

    private CommitteeSgdOptions BaseOptions(Spectrum spectrum) => new()
    {
        Spectrum = spectrum, K = K, M = M, Eta = Eta, SigmaJ = SigmaJ, Alpha = Alpha,
        AlphaMin = MyInvocation.BoundParameters.ContainsKey(nameof(AlphaMin)) ? AlphaMin : Math.Min(AlphaMin, Alpha),
        Points = Points, Activation = Activation,
        TeacherActivation = MyInvocation.BoundParameters.ContainsKey(nameof(TeacherActivation)) ? TeacherActivation : Activation,
        OutputNormalization = OutputNormalization, TrainableInputs = TrainableInputs, UntrainedInputs = UntrainedInputs,
        OrthonormalTeacher = OrthonormalTeacher.IsPresent, Seed = Seed, Repeat = Repeat, Precision = Precision,
        OrderParameters = OrderParameters.IsPresent, ThrottleLimit = ThrottleLimit,
    };

    private void RunOnData()
    {
        if (Whiten.IsPresent && Raw.IsPresent)
            throw new ScalingPS.Core.ParameterException("Whiten", true, "Choose one of -Whiten and -Raw (default: the eigenbasis).");
        var data = new ScalingPS.Core.Data.CommitteeDataOptions
        {
            Data = Data!, HoldOut = HoldOut, Epochs = Epochs, Normalization = InputNormalization,
            Transform = Whiten.IsPresent ? ScalingPS.Core.Data.DataInputTransform.Whiten
                : Raw.IsPresent ? ScalingPS.Core.Data.DataInputTransform.Raw : ScalingPS.Core.Data.DataInputTransform.Eigenbasis,
        };
        // Options are checked against a stand-in spectrum first so that bad numbers fail before the data are decomposed.
        var probe = BaseOptions(PowerLawSpectra.Empirical(Enumerable.Repeat(1.0, Data!.Columns).ToArray())) with { TrainableInputs = 0 };
        probe.Validate();
        if (Aggregate.IsPresent && OrderParameters.IsPresent)
            throw new ScalingPS.Core.ParameterException("OrderParameters", true, "-OrderParameters emits one object per seed and cannot be combined with -Aggregate.");
        RunEngine($"Committee SGD on {Data.Shape} data (K = {K}, M = {M}, η = {Eta:G3}, {Repeat} seed{(Repeat == 1 ? "" : "s")})", sink =>
        {
            var results = new CommitteeSgdSink
            {
                Point = p => sink.Post(() => WriteObject(p)),
                Diverged = d => sink.Post(() => WriteError(Errors.Make(Errors.Diverged, d.Message, d, d.Advice)))
            };
            ScalingPS.Core.Data.DataCommitteeSgd.Run(BaseOptions(probe.Spectrum), data, Aggregate.IsPresent, results, sink, sink.Cancellation);
        });
    }

    protected override void ProcessItem()
    {
        CommitteeGrid.CheckExclusive(MyInvocation.BoundParameters);
        if (ParameterSetName == DataSet)
        {
            RunOnData();
            return;
        }
        var spectrum = ResolveSpectrum();
        var options = new CommitteeSgdOptions
        {
            Spectrum = spectrum,
            K = K,
            M = M,
            Eta = Eta,
            SigmaJ = SigmaJ,
            Alpha = Alpha,
            AlphaMin = MyInvocation.BoundParameters.ContainsKey(nameof(AlphaMin)) ? AlphaMin : Math.Min(AlphaMin, Alpha),
            Points = Points,
            AlphaGrid = AlphaGrid,
            Activation = Activation,
            TeacherActivation = MyInvocation.BoundParameters.ContainsKey(nameof(TeacherActivation)) ? TeacherActivation : Activation,
            OutputNormalization = OutputNormalization,
            TrainableInputs = TrainableInputs,
            UntrainedInputs = UntrainedInputs,
            OrthonormalTeacher = OrthonormalTeacher.IsPresent,
            Seed = Seed,
            Repeat = Repeat,
            Precision = Precision,
            Generator = Generator,
            OrderParameters = OrderParameters.IsPresent,
            ThrottleLimit = ThrottleLimit,
        };
        options.Validate(); // bad input is a terminating InvalidParameter.<Name> error before any work starts
        if (Aggregate.IsPresent && OrderParameters.IsPresent)
            throw new ScalingPS.Core.ParameterException("OrderParameters", true, "-OrderParameters emits one object per seed and cannot be combined with -Aggregate.");
        string activity = $"Committee SGD (N = {options.N}, K = {K}, M = {M}, η = {Eta:G3}, {Repeat} seed{(Repeat == 1 ? "" : "s")})";
        RunEngine(activity, sink =>
        {
            var results = new CommitteeSgdSink
            {
                Point = p => sink.Post(() => WriteObject(p)),
                OrderParameters = op => sink.Post(() => WriteObject(op)),
                Diverged = d => sink.Post(() => WriteError(Errors.Make(Errors.Diverged, d.Message, d, d.Advice)))
            };
            CommitteeSgd.Run(options, Aggregate.IsPresent, results, sink, sink.Cancellation);
        });
    }
}
