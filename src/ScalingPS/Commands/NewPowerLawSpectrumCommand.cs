using System.Management.Automation;
using ScalingPS.Core.Spectra;
using ScalingPS.Infrastructure;

namespace ScalingPS.Commands;

/// <summary>New-PowerLawSpectrum: the covariance spectra of the two papers, or an explicit one.</summary>
[Cmdlet(VerbsCommon.New, "PowerLawSpectrum", DefaultParameterSetName = CommitteeSet)]
[OutputType(typeof(Spectrum))]
public sealed class NewPowerLawSpectrumCommand : ScalingCmdlet
{
    private const string CommitteeSet = "Committee";
    private const string RandomFeatureSet = "RandomFeature";
    private const string EmpiricalSet = "Empirical";

    /// <summary>Input dimension N (committee convention); must be a multiple of L.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CommitteeSet)]
    public int N { get; set; }

    /// <summary>Number of distinct eigenvalues L (1 = isotropic, N = all distinct).</summary>
    [Parameter(Mandatory = true, ParameterSetName = CommitteeSet)]
    public int L { get; set; }

    /// <summary>Power-law exponent β: λ_l ∝ l^-(1+β).</summary>
    [Parameter(Mandatory = true, ParameterSetName = CommitteeSet)]
    public double Beta { get; set; }

    [Parameter(ParameterSetName = CommitteeSet)]
    public SpectrumNormalization Normalization { get; set; } = SpectrumNormalization.MeanOne;

    /// <summary>Take -Beta as the raw decay exponent (λ_l ∝ l^-β) instead of 1+β.</summary>
    [Parameter(ParameterSetName = CommitteeSet)]
    public SwitchParameter RawExponent { get; set; }

    /// <summary>Number of features M (random-feature convention).</summary>
    [Parameter(Mandatory = true, ParameterSetName = RandomFeatureSet)]
    public int M { get; set; }

    /// <summary>Task exponent a: λ_k (w*_k)² = k^-a.</summary>
    [Parameter(Mandatory = true, ParameterSetName = RandomFeatureSet)]
    public double A { get; set; }

    /// <summary>Spectral exponent b: λ_k = k^-b.</summary>
    [Parameter(Mandatory = true, ParameterSetName = RandomFeatureSet)]
    public double B { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = EmpiricalSet)]
    [ValidateNotNullOrEmpty]
    public double[] Eigenvalue { get; set; } = [];

    [Parameter(ParameterSetName = EmpiricalSet)]
    public int[]? Multiplicity { get; set; }

    [Parameter(ParameterSetName = EmpiricalSet)]
    public double[]? TargetPower { get; set; }

    protected override void ProcessItem()
    {
        var spectrum = ParameterSetName switch
        {
            CommitteeSet => PowerLawSpectra.Committee(N, L, Beta, Normalization, RawExponent.IsPresent),
            RandomFeatureSet => PowerLawSpectra.RandomFeature(M, A, B),
            _ => PowerLawSpectra.Empirical(Eigenvalue, Multiplicity, TargetPower),
        };
        WriteObject(spectrum);
    }
}
