using System.Diagnostics;
using ScalingPS.Core.Committee;
using ScalingPS.Core.Numerics;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Bench;

/// <summary>
/// The Fig. 1 family (spec/committee.md §5: erf, K = M = 2, η = 0.1, β = 1, σ_J = 0.01, N = 1024) integrated to
/// α = 10⁴ for L = 1, 16, 256, 1024 with the adaptive solver (Auto), against a plain fixed-step RK4 with
/// h = 0.1/(ηλ_max) (the step the spec quotes) on the same right-hand side in the same run. RK4's cost is
/// exactly proportional to α, so where a full run would take minutes it is timed on a prefix and scaled.
/// </summary>
internal static class OdeBench
{
    private const double AlphaMax = 1e4;

    public static void Run()
    {
        Warmup();
        double total = 0, totalCpu = 0;
        foreach (int l in new[] { 1, 16, 256, 1024 })
        {
            var (start, settings) = Setting(l, seed: 1);
            var sys = CommitteeOde.CreateSystem(start, settings);
            double lamMax = start.Eigenvalues.Max();
            var proc = Process.GetCurrentProcess();
            var cpu0 = proc.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            double epsEnd = double.NaN;
            var stats = CommitteeOde.Run(start, settings, CommitteeOde.LogGrid(0.01, AlphaMax, 61), (_, e, _, _) => epsEnd = e, null, default);
            double tAdaptive = sw.Elapsed.TotalSeconds;
            proc.Refresh();
            double cpuAdaptive = (proc.TotalProcessorTime - cpu0).TotalSeconds;
            total += tAdaptive;
            totalCpu += cpuAdaptive;

            double h = 0.1 / (settings.Eta * lamMax);
            long stepsFull = (long)Math.Ceiling(AlphaMax / h);
            long stepsTimed = Math.Min(stepsFull, 120_000);
            var y = sys.Pack(start.RTau, start.QTau);
            // Accuracy: where RK4 runs in full, compare ε_g at the RK4 grid point nearest α = 1000 (mid-escape or later).
            long stepsCompare = stepsTimed == stepsFull ? (long)Math.Round(1000 / h) : 0;
            proc.Refresh();
            cpu0 = proc.TotalProcessorTime;
            sw.Restart();
            Rk4(sys, y, h, stepsCompare, out _);
            double epsRk = sys.GeneralizationErrorOf(y);
            Rk4(sys, y, h, stepsTimed - stepsCompare, out _);
            double tRk4 = sw.Elapsed.TotalSeconds * stepsFull / stepsTimed;
            proc.Refresh();
            double cpuRk4 = (proc.TotalProcessorTime - cpu0).TotalSeconds * stepsFull / stepsTimed;
            string rk4Note = stepsTimed < stepsFull ? $" (timed {stepsTimed} of {stepsFull} steps, scaled)" : "";
            string agree = "";
            if (stepsCompare > 0)
            {
                double epsAd = double.NaN;
                CommitteeOde.Run(start, settings, [stepsCompare * h], (_, e, _, _) => epsAd = e, null, default);
                agree = $", ε_g(α = {stepsCompare * h:G4}) RK4/adaptive − 1 = {epsRk / epsAd - 1:G2}";
            }
            Console.WriteLine($"L = {l,4}: adaptive {tAdaptive * 1e3,8:F1} ms wall, {cpuAdaptive * 1e3,8:F1} ms CPU, {stats.Evaluations,6} RHS evals, {stats.Steps} steps " +
                $"({stats.Rejected} rejected, {stats.Jacobians} Jacobians, {stats.Factorizations} factorisations, stiff from α = {stats.StiffFrom:G3}, {stats.Switches} switches), ε_g(10⁴) = {epsEnd:G4}");
            Console.WriteLine($"          RK4 h = {h:G3}: {tRk4 * 1e3,10:F1} ms wall, {cpuRk4 * 1e3,10:F1} ms CPU, {4 * stepsFull,9} RHS evals{rk4Note}{agree}; " +
                $"speed-up ×{tRk4 / tAdaptive:F0} (CPU ×{cpuRk4 / cpuAdaptive:F0})");
        }
        Console.WriteLine($"Fig. 1 family (L = 1, 16, 256, 1024) to α = 10⁴, adaptive: {total:F2} s wall, {totalCpu:F2} s CPU in total (target < 2 s on one core; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
        LinearTheoryTiming();
        SgdCrossCheck();
    }

    /// <summary>The secular-equation linear theory (O(L²)) against a dense symmetric eigen-decomposition (O(L³)) of the same A.</summary>
    private static void LinearTheoryTiming()
    {
        foreach (int big in new[] { 4096, 16384 })
        {
            var sw0 = Stopwatch.StartNew();
            var t = LinearTheory.Create(PowerLawSpectra.Committee(big, big, 1), 0.1, 0.01);
            Console.WriteLine($"Linear theory L = {big}: secular {sw0.Elapsed.TotalMilliseconds:F0} ms (ε_g(100) = {t.EpsG(100):G6}; the dense route takes minutes)");
        }
        foreach (int l in new[] { 1024 })
        {
            var s = PowerLawSpectra.Committee(l, l, 1);
            var sw = Stopwatch.StartNew();
            var theory = LinearTheory.Create(s, 0.1, 0.01);
            double tSecular = sw.Elapsed.TotalSeconds;
            sw.Restart();
            var lam = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(s.CopyEigenvalues());
            var a = 0.2 * MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfDiagonalVector(lam) - 0.01 / l * lam.OuterProduct(lam);
            var evd = a.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
            var v = evd.EigenVectors;
            var w = v.TransposeThisAndMultiply(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(l, 1.0001));
            var lv = v.TransposeThisAndMultiply(lam);
            double eps = 0;
            for (int j = 0; j < l; j++) eps += lv[j] * w[j] * Math.Exp(-evd.EigenValues[j].Real * 100) / (2 * l);
            double tDense = sw.Elapsed.TotalSeconds;
            Console.WriteLine($"Linear theory L = {l}: secular {tSecular * 1e3:F0} ms, dense eigen-decomposition {tDense * 1e3:F0} ms (×{tDense / tSecular:F0}); " +
                $"ε_g(100) {theory.EpsG(100):G10} vs {eps:G10}");
        }
    }

    /// <summary>
    /// spec §2.2 / §10 item 7 at full size: N = 1024, K = M = 2, L = 16, β = 1, η = 0.1, σ_J = 0.01; the ODE from each
    /// seed's own initial weights against that seed's SGD run (the simulator engine), at the spec's α.
    /// </summary>
    private static void SgdCrossCheck()
    {
        var spectrum = PowerLawSpectra.Committee(1024, 16, 1);
        double[] alphas = [1, 10, 146.8, 237.1, 619.0, 1000];
        var sw = Stopwatch.StartNew();
        const int seeds = 4;
        var (points, _, _) = CommitteeSgd.Collect(new CommitteeSgdOptions
        {
            Spectrum = spectrum, Eta = 0.1, SigmaJ = 0.01, Alpha = 1000, AlphaMin = 1, Points = 400, Seed = 1, Repeat = seeds,
        });
        double tSgd = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"ODE vs SGD from the same weights (spec §10 item 7 setting, {seeds} seeds; SGD {tSgd:F1} s on all cores):");
        for (int seed = 1; seed <= seeds; seed++)
        {
            var sgd = points.Where(p => p.Seed == seed).ToList();
            // SGD checkpoints are whole steps; take the one nearest each reference α and run the ODE to exactly it.
            var at = alphas.Select(a => sgd.OrderBy(p => Math.Abs(p.Alpha - a)).First()).ToList();
            var ode = new List<double>();
            CommitteeOde.Run(CommitteeOdeStart.Random(spectrum, 2, 2, 0.01, seed), new CommitteeOdeSettings { Eta = 0.1 },
                at.Select(p => p.Alpha).ToArray(), (_, e, _, _) => ode.Add(e), null, default);
            Console.WriteLine($"  seed {seed}: " + string.Join("  ", at.Select((p, i) => $"α={p.Alpha:G4} {ode[i]:G3}/{p.EpsG:G3} ({p.EpsG / ode[i] - 1:+0.0%;-0.0%})")));
        }
        Console.WriteLine("  (ODE/SGD ε_g and SGD/ODE − 1; the spec's own run: 7.47e-3/7.48e-3, 6.19e-3/6.17e-3, 1.94e-3/1.97e-3, 1.006e-3/1.017e-3 at 146.8, 237.1, 619, 1000)");
    }

    internal static (CommitteeOdeStart, CommitteeOdeSettings) Setting(int l, int seed)
    {
        var spectrum = PowerLawSpectra.Committee(1024, l, 1);
        return (CommitteeOdeStart.Random(spectrum, 2, 2, 0.01, seed), new CommitteeOdeSettings { Eta = 0.1 });
    }

    private static void Warmup()
    {
        var (start, settings) = Setting(16, 99);
        CommitteeOde.Run(start, settings, [10.0], (_, _, _, _) => { }, null, default);
        CommitteeOde.Run(start, settings with { Solver = new OdeOptions { Method = OdeMethod.Stiff } }, [10.0], (_, _, _, _) => { }, null, default);
    }

    private static void Rk4(IOdeSystem sys, double[] y, double h, long steps, out long evals)
    {
        int n = y.Length;
        var k1 = new double[n]; var k2 = new double[n]; var k3 = new double[n]; var k4 = new double[n]; var t = new double[n];
        evals = 0;
        for (long s = 0; s < steps; s++)
        {
            sys.Evaluate(y, k1);
            for (int i = 0; i < n; i++) t[i] = y[i] + 0.5 * h * k1[i];
            sys.Evaluate(t, k2);
            for (int i = 0; i < n; i++) t[i] = y[i] + 0.5 * h * k2[i];
            sys.Evaluate(t, k3);
            for (int i = 0; i < n; i++) t[i] = y[i] + h * k3[i];
            sys.Evaluate(t, k4);
            for (int i = 0; i < n; i++) y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            evals += 4;
        }
    }
}
