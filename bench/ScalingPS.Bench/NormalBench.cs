using System.Diagnostics;
using ScalingPS.Core.Sampling;

namespace ScalingPS.Bench;

/// <summary>
/// Cost of one standard normal in the SGD input loop (fills of N = 1024), in cycles at the clock measured in the
/// same run, for each code path of the generator (scalar, Vector256, Vector512) and precision. Paths are sampled in
/// turn and the minimum over samples is kept, so that all see the same machine conditions.
/// </summary>
internal static class NormalBench
{
    private const int N = 1024, SampleFills = 200, Samples = 200;

    public static void Run()
    {
        var only = Environment.GetEnvironmentVariable("NORMAL_ONLY");
        if (only is not null)
        {
            var g = new NormalGenerator(1, RandomStreams.Data, Enum.Parse<SimdLevel>(only));
            var buf = new double[N];
            for (int i = 0; i < 2_000_000; i++) g.Fill(buf.AsSpan());
            return;
        }
        double ghz = SgdBench.ClockGHz();
        Console.WriteLine($"Clock {ghz:F2} GHz; fills of {N}; best of {Samples} samples of {SampleFills} fills, paths interleaved.");
        var levels = SimdLevels.Available;
        var cases = new List<(string Name, Action<int> Fill)>();
        foreach (var level in levels)
        {
            var gd = new NormalGenerator(1, RandomStreams.Data, level);
            var gf = new NormalGenerator(1, RandomStreams.Data, level);
            var d = new double[N];
            var f = new float[N];
            cases.Add(($"double {level}", c => { for (int i = 0; i < c; i++) gd.Fill(d.AsSpan()); }));
            cases.Add(($"float  {level}", c => { for (int i = 0; i < c; i++) gf.Fill(f.AsSpan()); }));
        }
        // Wallace's pool generator: the default (4096 pool, 2 passes per round) on each path and precision, then
        // other pool sizes and pass counts on the widest path, to show what the defaults cost and buy.
        foreach (var level in levels.Where(l => l != SimdLevel.Vector512))
        {
            var wd = new WallaceGenerator(1, RandomStreams.Data, level);
            var wf = new WallaceGenerator(1, RandomStreams.Data, level);
            var d = new double[N];
            var f = new float[N];
            cases.Add(($"Wallace double {level}", c => { for (int i = 0; i < c; i++) wd.Fill(d.AsSpan()); }));
            cases.Add(($"Wallace float  {level}", c => { for (int i = 0; i < c; i++) wf.Fill(f.AsSpan()); }));
            var wv = new WallaceGenerator(1, RandomStreams.Data, level);
            var dv = new double[N];
            double sink = 0;
            cases.Add(($"Wallace view   {level}", c => { for (int i = 0; i < c; i++) sink += wv.Draw(dv.AsSpan())[0]; }));
        }
        foreach (var (pool, passes) in new[] { (4096, 1), (4096, 3), (4096, 4), (2048, 2), (1024, 2) })
        {
            var w = new WallaceGenerator(1, RandomStreams.Data, SimdLevels.Best, pool, passes);
            var d = new double[N];
            cases.Add(($"Wallace P={pool} R={passes}", c => { for (int i = 0; i < c; i++) w.Fill(d.AsSpan()); }));
        }
        var best = Measure(cases);
        double Get(string name) => best[cases.FindIndex(c => c.Name == name)];
        for (int c = 0; c < cases.Count; c++)
            Console.WriteLine($"   {cases[c].Name,-26} {best[c] / N:F3} ns = {best[c] / N * ghz:F2} cycles per normal");
        if (levels.Contains(SimdLevel.Vector512))
            Console.WriteLine($"   Vector512 / Vector256 time: double {Get("double Vector512") / Get("double Vector256"):F2}, float {Get("float  Vector512") / Get("float  Vector256"):F2} (target ≤ 2.5 cycles per normal)");
        Console.WriteLine($"   Vector256 / scalar time: double {Get("double Vector256") / Get("double Scalar"):F2}, float {Get("float  Vector256") / Get("float  Scalar"):F2}");
        var zig = levels.Contains(SimdLevel.Vector512) ? "double Vector512" : "double Vector256";
        Console.WriteLine($"   Wallace (P = {WallaceGenerator.DefaultPoolSize}, {WallaceGenerator.DefaultPasses} passes) / ziggurat ({zig}) time: double {Get("Wallace double Vector256") / Get(zig):F2}; " +
            $"Wallace {Get("Wallace double Vector256") / N * ghz:F2} cycles per normal filled, {Get("Wallace view   Vector256") / N * ghz:F2} drawn as a view of the pool (as the SGD step does; target ≤ 2.5)");
    }

    /// <summary>ns per fill, minimum over samples taken in turn.</summary>
    internal static double[] Measure(List<(string Name, Action<int> Fill)> cases)
    {
        foreach (var c in cases) c.Fill(SampleFills * 20); // JIT tiers
        var best = Enumerable.Repeat(double.MaxValue, cases.Count).ToArray();
        for (int s = 0; s < Samples; s++)
            for (int c = 0; c < cases.Count; c++)
            {
                long t0 = Stopwatch.GetTimestamp();
                cases[c].Fill(SampleFills);
                best[c] = Math.Min(best[c], Stopwatch.GetElapsedTime(t0).TotalNanoseconds / SampleFills);
            }
        return best;
    }
}
