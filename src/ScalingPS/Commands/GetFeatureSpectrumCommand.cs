using System.Management.Automation;
using ScalingPS.Core.Analysis;
using ScalingPS.Core.Data;
using ScalingPS.Core.Spectra;
using ScalingPS.Infrastructure;

namespace ScalingPS.Commands;

/// <summary>
/// Get-FeatureSpectrum: the covariance eigenvalues of a data matrix with the fitted power law (committee β and
/// random-feature b, jackknife interval) and, with labels, the task power and exponent a, as a Spectrum the theory
/// and simulation cmdlets accept.
/// </summary>
[Cmdlet(VerbsCommon.Get, "FeatureSpectrum")]
[OutputType(typeof(Spectrum))]
public sealed class GetFeatureSpectrumCommand : ScalingCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public FeatureMatrix? Matrix { get; set; }

    /// <summary>Subtract feature means (default on; -Center:$false for the uncentred second moments).</summary>
    [Parameter]
    public SwitchParameter Center { get; set; } = new(true);

    [Parameter]
    public SwitchParameter Standardize { get; set; }

    /// <summary>Fit window of ranks (1-based): its smallest and largest entries are used, e.g. 10..300.</summary>
    [Parameter]
    [RankRangeTransformation]
    [ValidateNotNullOrEmpty]
    public int[]? Rank { get; set; }

    [Parameter]
    [VectorTransformation]
    public double[]? Labels { get; set; }

    [Parameter]
    public SpectrumNormalization Normalization { get; set; } = SpectrumNormalization.MeanOne;

    [Parameter]
    public double Confidence { get; set; } = 0.95;

    [Parameter]
    public int Groups { get; set; } = 20;

    [Parameter]
    public double MaxSlopeChange { get; set; } = 0.5;

    /// <summary>Return the eigenvalues (and task power) without fitting a power law.</summary>
    [Parameter]
    public SwitchParameter NoFit { get; set; }

    protected override void ProcessItem()
    {
        int rmin = 0, rmax = 0;
        if (Rank is { Length: > 0 })
        {
            rmin = Rank.Min();
            rmax = Rank.Max();
            if (rmin < 1) throw new ScalingPS.Core.ParameterException("Rank", rmin, "Ranks start at 1.");
            if (Rank.Length == 1 || rmax == rmin) throw new ScalingPS.Core.ParameterException("Rank", rmin, "Give a window of ranks, e.g. -Rank 10..300.");
        }
        var options = new FeatureSpectrumOptions
        {
            Center = Center.IsPresent, Standardize = Standardize.IsPresent, RankMin = rmin, RankMax = rmax, Labels = Labels,
            Normalization = Normalization, Confidence = Confidence, Groups = Groups, MaxSlopeChange = MaxSlopeChange,
            Fit = !NoFit.IsPresent,
        };
        options.Validate(Matrix!.Rows, Matrix.Columns);
        Spectrum? spectrum = null;
        RunEngine($"Get-FeatureSpectrum ({Matrix.Shape})", sink => spectrum = FeatureSpectra.Measure(Matrix, options, sink, sink.Cancellation));
        if (spectrum!.Measurement is { TaskNote.Length: > 0 } m)
            WriteWarning($"No task exponent: {m.TaskNote}");
        WriteObject(spectrum);
    }
}
