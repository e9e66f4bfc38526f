namespace ScalingPS.Bench;

public sealed record Benchmark(string Name, string Description, Action Run);

/// <summary>The registry of benchmarks; each area adds its entry here.</summary>
public static class Benchmarks
{
    public static IReadOnlyList<Benchmark> All { get; } =
    [
        new("spectrum", "power-law spectrum construction, a sanity baseline", SpectrumBench.Run),
        new("sgd", "committee SGD: ns per seed-step against the bare work bound, 1 vs 2 threads", SgdBench.Run),
        new("sgd-plateau", "committee SGD: isotropic erf plateau at N = 1024 over random teachers (spec §10 item 19)", SgdPlateauBench.Run),
    ];
}
