using System.Management.Automation;
using ScalingPS.Core.Committee;
using ScalingPS.Core.Spectra;
using ScalingPS.Infrastructure;

namespace ScalingPS.Commands;

/// <summary>Get-CommitteePlateau: symmetric-plateau theory of an erf committee with K = M (spec §4.1–§4.3).</summary>
[Cmdlet(VerbsCommon.Get, "CommitteePlateau", DefaultParameterSetName = PowerLawSet)]
[OutputType(typeof(CommitteePlateau))]
public sealed class GetCommitteePlateauCommand : ScalingCmdlet
{
    private const string PowerLawSet = "PowerLaw";
    private const string SpectrumSet = "Spectrum";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = SpectrumSet)]
    [ValidateNotNull]
    public Spectrum? Spectrum { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = PowerLawSet)]
    public int N { get; set; }

    [Parameter(ParameterSetName = PowerLawSet)]
    public int L { get; set; } = 1;

    [Parameter(ParameterSetName = PowerLawSet)]
    public double Beta { get; set; } = 1;

    [Parameter]
    public int K { get; set; } = 2;

    [Parameter]
    public double Eta { get; set; } = 0.1;

    [Parameter]
    public double SigmaJ { get; set; } = 0.01;

    [Parameter]
    public double LogConstant { get; set; } = 1;

    [Parameter]
    public PlateauLogArgument LogArgument { get; set; } = PlateauLogArgument.Amplitude;

    [Parameter]
    public double ApproachTime { get; set; }

    protected override void ProcessItem()
    {
        var spectrum = ParameterSetName == SpectrumSet ? Spectrum! : PowerLawSpectra.Committee(N, L, Beta);
        WriteObject(PlateauTheory.Compute(spectrum, K, Eta, SigmaJ, LogConstant, LogArgument, ApproachTime));
    }
}
