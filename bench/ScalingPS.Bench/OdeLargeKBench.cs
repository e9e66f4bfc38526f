using System.Diagnostics;
using ScalingPS.Core.Committee;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Bench;

/// <summary>
/// The large-K ODE of the gallery's Fig. 5 right: K = M = 6, N = 500, β = 0.25, η = 0.01, σ_J = 10⁻⁶, to α = 10⁶,
/// for L = 25, 125, 500, on one core (the ODE is single-threaded). Target: L = 500 under 10 s.
/// </summary>
internal static class OdeLargeKBench
{
    public static void Run()
    {
        var grid = CommitteeOde.LogGrid(0.01, 1e6, 50);
        var ls = (Environment.GetEnvironmentVariable("SCALINGPS_BENCH_ODE_L") ?? "25,125,500").Split(',').Select(int.Parse);
        foreach (int l in ls)
        {
            var spectrum = PowerLawSpectra.Committee(500, l, 0.25);
            var start = CommitteeOdeStart.Random(spectrum, 6, 6, 1e-6, 1);
            var proc = Process.GetCurrentProcess();
            var cpu0 = proc.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            double eps = double.NaN;
            var stats = CommitteeOde.Run(start, new CommitteeOdeSettings { Eta = 0.01 }, grid, (_, e, _, _) => eps = e, null, default);
            double wall = sw.Elapsed.TotalSeconds;
            proc.Refresh();
            double cpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
            Console.WriteLine($"L = {l,3}: {wall:F2} s wall, {cpu:F2} s CPU ({cpu / 10:P0} of the 10 s target), {stats.Evaluations} RHS evals, {stats.Steps} steps, " +
                $"{stats.Jacobians} Jacobians, {stats.Factorizations} factorisations; ε_g(10⁶) = {eps:G6}");
        }
    }
}
