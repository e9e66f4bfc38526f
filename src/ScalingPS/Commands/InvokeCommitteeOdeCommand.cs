using System.Management.Automation;
using ScalingPS.Core;
using ScalingPS.Core.Committee;
using ScalingPS.Core.Numerics;
using ScalingPS.Core.Spectra;
using ScalingPS.Infrastructure;

namespace ScalingPS.Commands;

/// <summary>Invoke-CommitteeOde: the eigen-component order-parameter ODE of a soft committee machine (spec §2.2).</summary>
[Cmdlet(VerbsLifecycle.Invoke, "CommitteeOde", DefaultParameterSetName = PowerLawSet)]
[OutputType(typeof(CommitteePoint), typeof(CommitteeOrderParameters))]
public sealed class InvokeCommitteeOdeCommand : CommitteeSpectrumCmdlet
{
    private const string StateSet = "State";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = StateSet)]
    [ValidateNotNull]
    public CommitteeOrderParameters? InitialState { get; set; }

    [Parameter(ParameterSetName = PowerLawSet)]
    [Parameter(ParameterSetName = SpectrumSet)]
    public int K { get; set; } = 2;

    [Parameter(ParameterSetName = PowerLawSet)]
    [Parameter(ParameterSetName = SpectrumSet)]
    public int M { get; set; } = 2;

    [Parameter]
    public double Eta { get; set; } = 0.1;

    [Parameter(ParameterSetName = PowerLawSet)]
    [Parameter(ParameterSetName = SpectrumSet)]
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
    public OutputNormalization OutputNormalization { get; set; } = OutputNormalization.InverseSqrt;

    [Parameter]
    public OdeOrder Order { get; set; } = OdeOrder.Full;

    [Parameter(ParameterSetName = PowerLawSet)]
    [Parameter(ParameterSetName = SpectrumSet)]
    public OdeInitial Initial { get; set; } = OdeInitial.Random;

    [Parameter(ParameterSetName = PowerLawSet)]
    [Parameter(ParameterSetName = SpectrumSet)]
    public int Seed { get; set; } = 1;

    [Parameter]
    public double RelativeTolerance { get; set; } = 1e-7;

    [Parameter]
    public double AbsoluteTolerance { get; set; } = 1e-12;

    [Parameter]
    public OdeMethod Method { get; set; } = OdeMethod.Auto;

    [Parameter]
    public SwitchParameter OrderParameters { get; set; }

    protected override void ProcessItem()
    {
        var solver = new OdeOptions { RelativeTolerance = RelativeTolerance, AbsoluteTolerance = AbsoluteTolerance, Method = Method };
        solver.Validate();
        CommitteeOdeStart start;
        Spectrum? spectrum = null;
        if (ParameterSetName == StateSet)
        {
            start = CommitteeOdeStart.FromOrderParameters(InitialState!);
        }
        else
        {
            spectrum = ResolveSpectrum();
            start = Initial == OdeInitial.Symmetric
                ? CommitteeOdeStart.Symmetric(spectrum, K, M, SigmaJ)
                : CommitteeOdeStart.Random(spectrum, K, M, SigmaJ, Seed);
        }
        Check.Positive(Eta, "Eta");
        Check.Positive(Alpha, "Alpha");
        if (AlphaGrid is null && !(Alpha > start.Alpha))
            throw new ParameterException("Alpha", Alpha, $"Alpha must be after the initial state's α = {start.Alpha:G6}.");
        double alphaMin = MyInvocation.BoundParameters.ContainsKey(nameof(AlphaMin)) ? AlphaMin : Math.Min(AlphaMin, Alpha);
        // The simulator's checkpoints (α = whole steps / N), after the start; the start itself is the first point.
        CommitteeGrid.CheckExclusive(MyInvocation.BoundParameters);
        var steps = AlphaGrid is null ? Core.Committee.AlphaGrid.LogSteps(alphaMin, Alpha, Points, start.N) : Core.Committee.AlphaGrid.ListSteps(AlphaGrid, start.N);
        var alphas = Core.Committee.AlphaGrid.Alphas(steps, start.N).Where(a => a > start.Alpha).ToArray();
        var settings = new CommitteeOdeSettings
        {
            Eta = Eta,
            Activation = Activation,
            OutputNormalization = OutputNormalization,
            Order = Order,
            Solver = solver,
        };
        CommitteeOde.CreateSystem(start, settings); // validates K, M, activation and η before any work starts
        double? sigmaJ = ParameterSetName == StateSet ? null : SigmaJ;
        double? beta = spectrum is null ? start.Beta : spectrum.Beta;
        string activity = $"Committee ODE (L = {start.L}, K = {start.K}, M = {start.M}, η = {Eta:G3}, {Order})";
        RunEngine(activity, sink =>
        {
            try
            {
                CommitteeOde.Run(start, settings, alphas, (a, eps, sys, y) =>
                {
                    var point = new CommitteePoint
                    {
                        Source = CurveSource.Ode, Seed = start.Seed, Alpha = a, Step = (long)Math.Round(a * start.N), EpsG = eps,
                        N = start.N, K = start.K, M = start.M, L = start.L, Beta = beta, Eta = Eta, SigmaJ = sigmaJ,
                        Activation = Activation, TeacherActivation = Activation, OutputNormalization = OutputNormalization,
                        TrainableInputs = start.N,
                    };
                    // Like Invoke-CommitteeSgd -OrderParameters: the state instead of the point (it carries Alpha and
                    // EpsG too), so that the output is of one type and one object per checkpoint.
                    if (OrderParameters.IsPresent)
                    {
                        var op = CommitteeOde.OrderParameters(start, sys, y, a, eps) with { Step = point.Step };
                        sink.Post(() => WriteObject(op));
                    }
                    else
                    {
                        sink.Post(() => WriteObject(point));
                    }
                }, sink, sink.Cancellation, emitStart: true);
            }
            catch (OdeDivergedException ex)
            {
                string advice = sigmaJ > 1
                    ? $"The initial weights are large (σ_J = {sigmaJ:G4}): use a small -SigmaJ (the models assume σ_J ≪ 1), then a smaller -Eta if it still diverges."
                    : $"Use a smaller -Eta (it was {Eta:G4}); the linear dynamics need η < 2/ν₁.";
                sink.Post(() => WriteError(Errors.Make(Errors.Diverged, ex.Message, ex.Time, advice)));
            }
        });
    }
}
