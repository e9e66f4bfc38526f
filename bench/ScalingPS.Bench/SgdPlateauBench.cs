using System.Diagnostics;
using ScalingPS.Core.Committee;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Bench;

/// <summary>
/// A statistical check too long for the unit tests (spec/committee.md §4.1, §10 item 19): the isotropic K = M = 2
/// erf plateau at η = 0.1, N = 1024, σ_J = 0.01, for eight random teachers and for an orthonormal one, against the
/// O(η) fixed-point height 5.805e-3 and the spec's random-teacher statement "≈ 6.1–6.2e-3".
/// </summary>
internal static class SgdPlateauBench
{
    public static void Run()
    {
        var spectrum = PowerLawSpectra.Committee(1024, 1, 1);
        var o = new CommitteeSgdOptions
        {
            Spectrum = spectrum, K = 2, M = 2, Eta = 0.1, SigmaJ = 0.01, Alpha = 1000, AlphaMin = 300, Points = 4,
            Repeat = 8, OrderParameters = true,
        };
        var sw = Stopwatch.StartNew();
        var ops = CommitteeSgd.Collect(o).OrderParameters;
        var plateaus = new List<double>();
        foreach (var g in ops.Where(p => p.Alpha >= 300).GroupBy(p => p.Seed))
        {
            double h = g.Average(p => p.EpsG);
            plateaus.Add(h);
            var t = g.First().T;
            Console.WriteLine($"   seed {g.Key}: plateau ε_g = {h:G4} (T11 = {t[0]:F3}, T22 = {t[3]:F3}, T12 = {t[1]:+0.000;-0.000})");
        }
        double mean = plateaus.Average();
        double se = Math.Sqrt(plateaus.Sum(h => (h - mean) * (h - mean)) / (plateaus.Count - 1) / plateaus.Count);
        var ortho = CommitteeSgd.Collect(o with { Repeat = 2, OrthonormalTeacher = true }).OrderParameters
            .Where(p => p.Alpha >= 300).Average(p => p.EpsG);
        Console.WriteLine($"   random teachers: mean {mean:G4} ± {se:G2} (range {plateaus.Min():G4}–{plateaus.Max():G4}); " +
            $"orthonormal teacher (T = I): {ortho:G4}; O(η) fixed point 5.805e-3; spec: ≈ 6.1–6.2e-3 for its random teacher. ({sw.Elapsed.TotalSeconds:F0} s)");
    }
}
