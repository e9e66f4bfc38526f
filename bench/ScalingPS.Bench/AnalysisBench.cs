using System.Diagnostics;
using ScalingPS.Core.Analysis;

namespace ScalingPS.Bench;

/// <summary>
/// Bootstrap fit cost (parallel against one thread, and against the cost of the main multi-start fit) and a
/// longer interval-coverage study than the unit tests can afford.
/// </summary>
internal static class AnalysisBench
{
    private static double[] LogSpaced(double from, double to, int count) =>
        Enumerable.Range(0, count).Select(i => from * Math.Pow(to / from, i / (count - 1.0))).ToArray();

    private static double[] Noisy(double[] x, Func<double, double> f, double sigma, int seed)
    {
        var rng = new ResampleRng(seed, 7);
        return x.Select(v => f(v) * Math.Exp(sigma * rng.NextGaussian())).ToArray();
    }

    public static void Run()
    {
        var x = LogSpaced(1, 1e4, 50);
        foreach (var form in new[] { ScalingForm.PowerLaw, ScalingForm.PowerLawOffset })
        {
            var y = Noisy(x, v => (form == ScalingForm.PowerLaw ? 0 : 0.05) + 4 * Math.Pow(v, -0.6), 0.05, 1);
            var o = new ScalingFitOptions { Bootstrap = 1000, Seed = 1 };
            ScalingLawFitter.Fit(form, x, y, null, null, o); // warm up
            double none = Time(() => ScalingLawFitter.Fit(form, x, y, null, null, o with { Bootstrap = 0 }));
            double par = Time(() => ScalingLawFitter.Fit(form, x, y, null, null, o));
            double one = Time(() => ScalingLawFitter.Fit(form, x, y, null, null, o with { MaxDegreeOfParallelism = 1 }));
            Console.WriteLine($"{form}, 50 points, 1000 resamples: {par:F0} ms parallel, {one:F0} ms on one thread " +
                $"(speed-up {one / par:F2} on {Environment.ProcessorCount} cores); main fit alone {none:F1} ms, " +
                $"so one resample costs {(one - none) / 1000 / none:F3} of a multi-start fit");
        }

        const int datasets = 400;
        foreach (var form in new[] { ScalingForm.PowerLaw, ScalingForm.PowerLawOffset })
        {
            double p = 0.6, a = 4, e = form == ScalingForm.PowerLaw ? 0 : 0.05;
            var xs = LogSpaced(1, 1e4, 30);
            int cp = 0, ca = 0, ce = 0;
            var clock = Stopwatch.StartNew();
            for (int s = 0; s < datasets; s++)
            {
                var y = Noisy(xs, v => e + a * Math.Pow(v, -p), 0.05, 20_000 + s);
                var f = ScalingLawFitter.Fit(form, xs, y, null, null, new ScalingFitOptions { Bootstrap = 1000, Seed = s });
                if (f.ExponentLower <= p && p <= f.ExponentUpper) cp++;
                if (f.CoefficientLower <= a && a <= f.CoefficientUpper) ca++;
                if (form == ScalingForm.PowerLaw || (f.OffsetLower <= e && e <= f.OffsetUpper)) ce++;
            }
            double se = Math.Sqrt(0.95 * 0.05 / datasets) * 100;
            Console.WriteLine($"{form}: 95 % interval coverage over {datasets} data sets (30 points, 5 % noise, 1000 resamples): " +
                $"exponent {100.0 * cp / datasets:F1} %, coefficient {100.0 * ca / datasets:F1} %" +
                (form == ScalingForm.PowerLaw ? "" : $", offset {100.0 * ce / datasets:F1} %") + $" (binomial SE {se:F1} %) in {clock.Elapsed.TotalSeconds:F0} s");
        }
    }

    private static double Time(Action run)
    {
        var sw = Stopwatch.StartNew();
        run();
        return sw.Elapsed.TotalMilliseconds;
    }
}
