using System.Diagnostics;
using ScalingPS.Core.Committee;
using ScalingPS.Core.Sampling;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Bench;

/// <summary>
/// Committee SGD step cost (issue 3): ns per seed-step on one thread against the bare work bound measured in the
/// same run (drawing N normals with the same generator plus (2K+M)·N multiply-adds with the same kernels), and
/// seed-steps/s on one and two threads. N = 1024, K = M = 2, erf, L = N (β = 1) and isotropic L = 1.
/// </summary>
internal static class SgdBench
{
    private const int N = 1024, K = 2, M = 2;

    public static void Run()
    {
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores (shared with other jobs: absolute times are noisy, ratios are measured back to back).");
        foreach (var precision in new[] { Precision.Double, Precision.Single })
        {
            Console.WriteLine($"-- {precision}");
            double bound = precision == Precision.Double ? Bound<double>() : Bound<float>();
            Console.WriteLine($"   bare bound (N normals + {(2 * K + M) * N} FMAs): {bound:F0} ns/step");
            foreach (int l in new[] { N, 1 })
            {
                var spectrum = PowerLawSpectra.Committee(N, l, 1);
                double one = Engine(spectrum, precision, repeat: 2, threads: 1, out double rate1);
                Engine(spectrum, precision, repeat: 2, threads: 2, out double rate2);
                Console.WriteLine($"   L = {l,4}: {one:F0} ns per seed-step on 1 thread = {one / bound:F2} × bound; " +
                    $"{rate1 / 1e6:F3} M seed-steps/s (1 thread), {rate2 / 1e6:F3} M (2 threads), ratio {rate2 / rate1:F2}");
            }
        }
    }

    /// <summary>The work bound: the generator and the dot/update kernels alone, no activations or bookkeeping.</summary>
    private static double Bound<T>() where T : unmanaged
    {
        var gen = new NormalGenerator(1);
        var z = new T[N];
        var w = new T[(K + M) * N];
        var res = new double[4];
        void Steps(int count)
        {
            for (int s = 0; s < count; s++)
            {
                gen.Fill<T>(z);
                SgdKernels.Dot4<T, No>(z, z, z, w, 0, N, 2 * N, 3 * N, res);
                SgdKernels.Update2<T>(z, w, 0, N, 1e-30, 1e-30);
            }
        }
        Steps(20000);
        double best = double.MaxValue;
        for (int rep = 0; rep < 5; rep++)
        {
            var sw = Stopwatch.StartNew();
            Steps(50000);
            best = Math.Min(best, sw.Elapsed.TotalNanoseconds / 50000);
        }
        return best;
    }

    /// <summary>ns per seed-step of the full engine (best of three), and seed-steps per second.</summary>
    private static double Engine(Spectrum spectrum, Precision precision, int repeat, int threads, out double rate)
    {
        var o = new CommitteeSgdOptions
        {
            Spectrum = spectrum, K = K, M = M, Eta = 0.1, SigmaJ = 0.01, Alpha = 100, AlphaMin = 100, Points = 1,
            Repeat = repeat, ThrottleLimit = threads, Precision = precision,
        };
        CommitteeSgd.Collect(o with { Alpha = 10, AlphaMin = 10 }); // warm up (JIT tiers)
        double best = double.MaxValue;
        for (int rep = 0; rep < 3; rep++)
        {
            var sw = Stopwatch.StartNew();
            CommitteeSgd.Collect(o);
            best = Math.Min(best, sw.Elapsed.TotalNanoseconds);
        }
        long seedSteps = (long)(o.Alpha * N) * repeat;
        rate = seedSteps / (best * 1e-9);
        return best * threads / seedSteps;
    }
}
