using System.Management.Automation;
using ScalingPS.Core;
using ScalingPS.Core.RandomFeatures;
using ScalingPS.Core.Spectra;
using ScalingPS.Infrastructure;

namespace ScalingPS.Commands;

/// <summary>
/// Parameters shared by Get-RandomFeatureCurve (theory) and Invoke-RandomFeatureTraining (simulation), so that
/// the same command line gives the theory and the simulation of one model (spec/random-features.md §1).
/// Not a cmdlet itself.
/// </summary>
public abstract class RandomFeatureCommandBase : ScalingCmdlet
{
    protected const string PowerLawSet = "PowerLaw";
    protected const string SpectrumSet = "Spectrum";

    /// <summary>Task exponent a: λ_k (w*_k)² = k^-a.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PowerLawSet)]
    public double A { get; set; }

    /// <summary>Spectral exponent b: λ_k = k^-b.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PowerLawSet)]
    public double B { get; set; }

    /// <summary>Number of feature modes M.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PowerLawSet)]
    public int M { get; set; }

    /// <summary>A spectrum with target power (New-PowerLawSpectrum -M -A -B, or -Eigenvalue -TargetPower).</summary>
    [Parameter(Mandatory = true, ParameterSetName = SpectrumSet, ValueFromPipeline = true)]
    public Spectrum? Spectrum { get; set; }

    /// <summary>Model sizes N (Infinity = kernel limit); every N is combined with every P.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public double[] N { get; set; } = [double.PositiveInfinity];

    /// <summary>Data set sizes P (Infinity = online / population).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public double[] P { get; set; } = [double.PositiveInfinity];

    /// <summary>Times (gradient-flow time = η × steps).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public double[] Time { get; set; } = DefaultTimes();

    [Parameter]
    public double Sigma { get; set; }

    [Parameter]
    public RandomFeatureOptimizer Optimizer { get; set; } = RandomFeatureOptimizer.GradientFlow;

    [Parameter]
    public double Eta { get; set; } = 1;

    [Parameter]
    public double Momentum { get; set; }

    [Parameter]
    public int BatchSize { get; set; } = 1;

    [Parameter]
    public TrainingObjective Objective { get; set; } = TrainingObjective.HalfMse;

    [Parameter]
    public TargetNormalization TargetNormalization { get; set; } = TargetNormalization.None;

    [Parameter]
    public SwitchParameter NoisyTestLabels { get; set; }

    /// <summary>Members whose predictors are averaged (ensemble loss).</summary>
    [Parameter]
    public int Ensemble { get; set; } = 1;

    /// <summary>1, 10^0.25, …, 10^6: 25 log-spaced times.</summary>
    protected static double[] DefaultTimes() => Enumerable.Range(0, 25).Select(i => Math.Pow(10, i / 4.0)).ToArray();

    /// <summary>One settings record per (N, P) pair, in the order N outer, P inner.</summary>
    protected IReadOnlyList<RandomFeatureSettings> BuildSettings()
    {
        Check.Positive(Ensemble, "Ensemble");
        RandomFeatureSettings Make(double n, double p)
        {
            var baseline = ParameterSetName == SpectrumSet
                ? RandomFeatureSettings.FromSpectrum(Spectrum!, n, p, Sigma)
                : RandomFeatureSettings.PowerLaw(M, A, B, n, p, Sigma);
            var s = baseline with
            {
                Optimizer = Optimizer,
                Eta = Eta,
                Momentum = Momentum,
                BatchSize = BatchSize,
                Objective = Objective,
                TargetNormalization = TargetNormalization,
                NoisyTestLabels = NoisyTestLabels.IsPresent,
            };
            s.Validate();
            return s;
        }
        var list = new List<RandomFeatureSettings>();
        foreach (var n in N)
            foreach (var p in P)
                list.Add(Make(n, p));
        return list;
    }

    /// <summary>Maps the progress of item <paramref name="index"/> of <paramref name="count"/> onto the whole run.</summary>
    protected static IProgress<EngineProgress> Slice(IProgress<EngineProgress> outer, int index, int count, string label) =>
        new Progress(p => outer.Report(new EngineProgress((index + p.Fraction) / count, $"{label}: {p.Status}")));

    private sealed class Progress(Action<EngineProgress> report) : IProgress<EngineProgress>
    {
        public void Report(EngineProgress value) => report(value);
    }
}
