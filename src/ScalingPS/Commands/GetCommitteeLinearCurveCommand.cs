using System.Management.Automation;
using ScalingPS.Core;
using ScalingPS.Core.Committee;
using ScalingPS.Core.Spectra;
using ScalingPS.Infrastructure;
using AlphaGrid_ = ScalingPS.Core.Committee.AlphaGrid;

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

    /// <summary>
    /// The last α of the shared log grid (with -AlphaMin and -Points), as on Invoke-CommitteeSgd and
    /// Invoke-CommitteeOde. For backwards compatibility a list of several values is read as -AlphaGrid.
    /// </summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public double[] Alpha { get; set; } = [1000];

    [Parameter]
    public double AlphaMin { get; set; } = 0.01;

    [Parameter]
    public int Points { get; set; } = 50;

    /// <summary>An explicit list of α, evaluated exactly as given (the closed form needs no whole steps).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public double[]? AlphaGrid { get; set; }

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
        var alphas = Alphas(spectrum.Dimension);
        bool limited = MyInvocation.BoundParameters.ContainsKey(nameof(TrainableInputs));
        var theory = LinearTheory.Create(spectrum, Eta, SigmaJ, Form, limited ? TrainableInputs : null, UntrainedInputs);
        int n = spectrum.Dimension;
        foreach (double a in alphas)
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

    /// <summary>
    /// The α to evaluate: an explicit list (-AlphaGrid, or several -Alpha values) exactly as given, else the committee
    /// cmdlets' shared log grid rounded to whole SGD steps, so that this curve and Invoke-CommitteeSgd/-Ode share their α.
    /// </summary>
    private double[] Alphas(int n)
    {
        bool alphaList = Alpha.Length > 1;
        CommitteeGrid.CheckExclusive(MyInvocation.BoundParameters, alphaIsList: alphaList);
        if (alphaList && AlphaGrid is not null)
            throw new ParameterException("Alpha", Alpha.Length, "Give the list once: -AlphaGrid (or, as before, several values to -Alpha).");
        var list = AlphaGrid ?? (alphaList ? Alpha : null);
        if (list is not null)
        {
            string name = AlphaGrid is not null ? "AlphaGrid" : "Alpha";
            if (list.Length > CommitteeLimits.MaxPoints) throw new ParameterException(name, list.Length, $"At most {CommitteeLimits.MaxPoints} values.");
            foreach (double a in list)
                if (!(a >= 0) || !(a <= 1e15)) throw new ParameterException(name, a, "Every α must be in [0, 1e15].");
            return list;
        }
        double alpha = Alpha[0];
        double alphaMin = MyInvocation.BoundParameters.ContainsKey(nameof(AlphaMin)) ? AlphaMin : Math.Min(AlphaMin, alpha);
        return AlphaGrid_.Alphas(AlphaGrid_.LogSteps(alphaMin, alpha, Points, n), n);
    }
}
