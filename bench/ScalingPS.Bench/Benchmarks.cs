namespace ScalingPS.Bench;

public sealed record Benchmark(string Name, string Description, Action Run);

/// <summary>The registry of benchmarks; each area adds its entry here.</summary>
public static class Benchmarks
{
    public static IReadOnlyList<Benchmark> All { get; } =
    [
        new("spectrum", "power-law spectrum construction, a sanity baseline", SpectrumBench.Run),
        new("rf", "random-feature DMFT theory and simulation: cost against kernel bounds; R2 frontier and R8 noise checks", RandomFeatureBench.Run),
    ];
}
