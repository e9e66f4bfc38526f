using System.Management.Automation;
using ScalingPS.Core.Spectra;
using ScalingPS.Infrastructure;

namespace ScalingPS.Commands;

/// <summary>
/// The committee cmdlets' common way to get a spectrum: a Spectrum object from the pipeline (parameter set
/// "Spectrum"), or the Worschech–Rosenow power law from -N -L -Beta (parameter set "PowerLaw").
/// </summary>
public abstract class CommitteeSpectrumCmdlet : ScalingCmdlet
{
    protected const string PowerLawSet = "PowerLaw";
    protected const string SpectrumSet = "Spectrum";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = SpectrumSet)]
    [ValidateNotNull]
    public Spectrum? Spectrum { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = PowerLawSet)]
    public int N { get; set; }

    [Parameter(ParameterSetName = PowerLawSet)]
    public int L { get; set; } = 1;

    [Parameter(ParameterSetName = PowerLawSet)]
    public double Beta { get; set; } = 1;

    /// <summary>The piped spectrum, or the committee power law of -N -L -Beta (mean eigenvalue 1).</summary>
    protected Spectrum ResolveSpectrum() =>
        ParameterSetName == SpectrumSet ? Spectrum! : PowerLawSpectra.Committee(N, L, Beta);
}
