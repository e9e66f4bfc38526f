namespace ScalingPS.Bench;

public sealed record Benchmark(string Name, string Description, Action Run);

/// <summary>The registry of benchmarks; each area adds its entry here.</summary>
public static class Benchmarks
{
    public static IReadOnlyList<Benchmark> All { get; } =
    [
        new("spectrum", "power-law spectrum construction, a sanity baseline", SpectrumBench.Run),
        new("ode", "committee order-parameter ODE, Fig. 1 family to α = 10⁴: adaptive (DP5/Rosenbrock, analytic Jacobian) vs fixed-step RK4", OdeBench.Run),
    ];
}
