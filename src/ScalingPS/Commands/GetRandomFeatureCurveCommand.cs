using System.Management.Automation;
using ScalingPS.Core.RandomFeatures;

namespace ScalingPS.Commands;

/// <summary>
/// Get-RandomFeatureCurve: the DMFT theory of the random-feature model (spec/random-features.md §2) —
/// test loss, train loss and bias at any times for any N and P (either may be Infinity), with label noise,
/// for gradient flow, discrete GD (Z-transform map) and online SGD (N = ∞ recursion); -Static gives t → ∞.
/// </summary>
[Cmdlet(VerbsCommon.Get, "RandomFeatureCurve", DefaultParameterSetName = PowerLawSet)]
[OutputType(typeof(RandomFeaturePoint), typeof(RandomFeatureFrontierPoint))]
public sealed class GetRandomFeatureCurveCommand : RandomFeatureCommandBase
{
    /// <summary>Only the t → ∞ limit (closed form of §2.6), one point per (N, P) with Time = Infinity.</summary>
    [Parameter]
    public SwitchParameter Static { get; set; }

    /// <summary>
    /// Emit the compute-optimal frontier (spec §3.4) instead of the curves: for each P, min over the widths -N
    /// (≥ 3 finite) of L at fixed C = N·t, with t interpolated over -Time.
    /// </summary>
    [Parameter]
    public SwitchParameter Compute { get; set; }

    /// <summary>Order n of the fixed-Talbot contour (2n − 1 nodes).</summary>
    [Parameter]
    [ValidateRange(4, 24)]
    public int TalbotOrder { get; set; } = Core.Numerics.FixedTalbotContour.DefaultOrder;

    protected override void ProcessItem()
    {
        var settings = BuildSettings();
        if (Compute.IsPresent && Static.IsPresent)
            throw new Core.ParameterException("Compute", true, "-Compute needs finite times; it cannot be combined with -Static.");
        if (Compute.IsPresent && N.Count(double.IsFinite) < 3)
            throw new Core.ParameterException("N", N.Length, "-Compute needs at least 3 finite widths -N to locate the optimum over N.");
        var times = Static.IsPresent ? [double.PositiveInfinity] : Time;
        RunEngine("Get-RandomFeatureCurve", sink =>
        {
            var byP = new Dictionary<double, List<RandomFeaturePoint>>();
            for (int i = 0; i < settings.Count; i++)
            {
                sink.Cancellation.ThrowIfCancellationRequested();
                var s = settings[i];
                var points = RandomFeatureCurves.Theory(s, times, Ensemble, TalbotOrder,
                    Slice(sink, i, settings.Count, $"N = {s.N}, P = {s.P}"), sink.Cancellation);
                if (Compute.IsPresent)
                {
                    if (!byP.TryGetValue(s.P, out var list)) byP[s.P] = list = [];
                    list.AddRange(points);
                }
                else foreach (var point in points) sink.Post(() => WriteObject(point));
            }
            foreach (var group in byP.Values)
                foreach (var f in RandomFeatureFrontier.Find(group)) sink.Post(() => WriteObject(f));
        });
    }
}
