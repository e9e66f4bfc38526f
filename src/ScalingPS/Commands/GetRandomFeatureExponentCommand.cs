using System.Management.Automation;
using ScalingPS.Core.RandomFeatures;
using ScalingPS.Core.Spectra;
using ScalingPS.Infrastructure;

namespace ScalingPS.Commands;

/// <summary>
/// Get-RandomFeatureExponent: the predicted scaling exponents of spec/random-features.md §3 for task exponent a and
/// spectral exponent b — time, data and model bottlenecks and the compute-optimal allocation.
/// </summary>
[Cmdlet(VerbsCommon.Get, "RandomFeatureExponent", DefaultParameterSetName = PowerLawSet)]
[OutputType(typeof(ScalingExponents))]
public sealed class GetRandomFeatureExponentCommand : ScalingCmdlet
{
    private const string PowerLawSet = "PowerLaw";
    private const string SpectrumSet = "Spectrum";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PowerLawSet, ValueFromPipelineByPropertyName = true)]
    public double A { get; set; }

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = PowerLawSet, ValueFromPipelineByPropertyName = true)]
    public double B { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = SpectrumSet, ValueFromPipeline = true)]
    public Spectrum? Spectrum { get; set; }

    [Parameter]
    public ModelExponentConvention ModelExponent { get; set; } = ModelExponentConvention.Derived;

    protected override void ProcessItem()
    {
        double a = A, b = B;
        if (ParameterSetName == SpectrumSet)
        {
            if (Spectrum!.A is not { } sa || Spectrum.B is not { } sb)
                throw new Core.ParameterException("Spectrum", Spectrum.Convention, "The spectrum has no power-law exponents a, b: use New-PowerLawSpectrum -M -A -B, or give -A and -B.");
            a = sa;
            b = sb;
        }
        WriteObject(ScalingExponents.Create(a, b, ModelExponent));
    }
}
