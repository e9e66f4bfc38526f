using System.Management.Automation;
using ScalingPS.Core;
using ScalingPS.Core.Committee;
using ScalingPS.Core.Spectra;
using ScalingPS.Infrastructure;

namespace ScalingPS.Commands;

/// <summary>Get-CommitteeLinearCurve: the exact (or small-η) linear-activation learning curve (spec §3.2–§3.4).</summary>
[Cmdlet(VerbsCommon.Get, "CommitteeLinearCurve", DefaultParameterSetName = PowerLawSet)]
[OutputType(typeof(CommitteePoint))]
public sealed class GetCommitteeLinearCurveCommand : ScalingCmdlet
{
    private const string PowerLawSet = "PowerLaw";
    private const string SpectrumSet = "Spectrum";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = SpectrumSet)]
    [ValidateNotNull]
    public Spectrum? Spectrum { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = PowerLawSet)]
    public int L { get; set; }

    [Parameter(ParameterSetName = PowerLawSet)]
    public double Beta { get; set; } = 1;

    [Parameter(ParameterSetName = PowerLawSet)]
    public int N { get; set; }

    [Parameter]
    public double Eta { get; set; } = 0.1;

    [Parameter]
    public double SigmaJ { get; set; } = 0.01;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public double[] Alpha { get; set; } = [];

    [Parameter]
    public LinearForm Form { get; set; } = LinearForm.Exact;

    [Parameter]
    public int TrainableInputs { get; set; }

    [Parameter]
    public UntrainedInputs UntrainedInputs { get; set; } = UntrainedInputs.Zero;

    protected override void ProcessItem()
    {
        var spectrum = ParameterSetName == SpectrumSet
            ? Spectrum!
            : PowerLawSpectra.Committee(MyInvocation.BoundParameters.ContainsKey(nameof(N)) ? N : L, L, Beta);
        foreach (double a in Alpha)
            if (!(a >= 0) || double.IsPositiveInfinity(a)) throw new ParameterException("Alpha", a, "Every α must be finite and ≥ 0.");
        bool limited = MyInvocation.BoundParameters.ContainsKey(nameof(TrainableInputs));
        var theory = LinearTheory.Create(spectrum, Eta, SigmaJ, Form, limited ? TrainableInputs : null, UntrainedInputs);
        int n = spectrum.Dimension;
        foreach (double a in Alpha)
        {
            WriteObject(new CommitteePoint
            {
                Source = CurveSource.Theory, Alpha = a, Step = (long)Math.Round(a * n), EpsG = theory.EpsG(a),
                N = n, K = 1, M = 1, L = spectrum.DistinctCount, Beta = spectrum.Beta, Eta = Eta, SigmaJ = SigmaJ,
                Activation = Activation.Linear, TeacherActivation = Activation.Linear,
                OutputNormalization = OutputNormalization.InverseSqrt, TrainableInputs = limited ? TrainableInputs : n,
            });
        }
    }
}
