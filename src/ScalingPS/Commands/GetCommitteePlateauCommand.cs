using System.Management.Automation;
using ScalingPS.Core.Committee;
using ScalingPS.Core.Spectra;
using ScalingPS.Infrastructure;

namespace ScalingPS.Commands;

/// <summary>Get-CommitteePlateau: symmetric-plateau theory of an erf committee with K = M (spec §4.1–§4.3).</summary>
[Cmdlet(VerbsCommon.Get, "CommitteePlateau", DefaultParameterSetName = PowerLawSet)]
[OutputType(typeof(CommitteePlateau))]
public sealed class GetCommitteePlateauCommand : CommitteeSpectrumCmdlet
{
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
        var spectrum = ResolveSpectrum();
        WriteObject(PlateauTheory.Compute(spectrum, K, Eta, SigmaJ, LogConstant, LogArgument, ApproachTime));
    }
}
