using ScalingPS.Core.Analysis;
using ScalingPS.Core.Committee;

namespace ScalingPS.Core.Tests.Analysis;

/// <summary>
/// Plateau detection on committee learning curves, so that ODE and SGD curves (and Get-CommitteePlateau's
/// heights, spec/committee.md §4.1) can be checked the same way when those branches land:
/// <c>Approx.Rel(expectedHeight, PlateauHelpers.FirstPlateau(odeCurve, new())!.Height, tol)</c>.
/// </summary>
internal static class PlateauHelpers
{
    /// <summary>The first plateau of ε_g against α (points averaged over seeds at equal α), or null when there is none.</summary>
    public static Plateau? FirstPlateau(IEnumerable<CommitteePoint> curve, PlateauOptions options)
    {
        var pts = curve.ToArray();
        var first = PlateauDetector.Detect(pts.Select(p => p.Alpha).ToArray(), pts.Select(p => p.EpsG).ToArray(), options)[0];
        return first.HasPlateau ? first : null;
    }

    /// <summary>All plateaus of one seed's curve.</summary>
    public static IReadOnlyList<Plateau> PlateausOfSeed(IEnumerable<CommitteePoint> curve, int seed, PlateauOptions options)
    {
        var pts = curve.Where(p => p.Seed == seed).ToArray();
        return PlateauDetector.Detect(pts.Select(p => p.Alpha).ToArray(), pts.Select(p => p.EpsG).ToArray(), options).Where(p => p.HasPlateau).ToList();
    }
}
