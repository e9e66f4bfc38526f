namespace ScalingPS.Bench;

public sealed record Benchmark(string Name, string Description, Action Run);

/// <summary>The registry of benchmarks; each area adds its entry here.</summary>
public static class Benchmarks
{
    public static IReadOnlyList<Benchmark> All { get; } =
    [
        new("spectrum", "power-law spectrum construction, a sanity baseline", SpectrumBench.Run),
        new("fit", "bootstrap scaling-law fits: parallel speed-up, cost per resample, and interval coverage over 400 data sets", AnalysisBench.Run),
        new("normal", "normal generator: cycles per normal for each code path (scalar, Vector256, Vector512) and precision", NormalBench.Run),
        new("sgd", "committee SGD: ns per seed-step against the bare work bound, 1 vs 2 threads", SgdBench.Run),
        new("rf", "random-feature DMFT theory and simulation: cost against kernel bounds; R2 frontier and R8 noise checks", RandomFeatureBench.Run),
        new("rf-target", "random-feature simulation at M = 4000, N = 1000, P = 2000, 4 seeds: time against its flop bound at the measured peak FMA rate, per-phase breakdown", RandomFeatureTargetBench.Run),
        new("ode", "committee order-parameter ODE, Fig. 1 family to α = 10⁴: adaptive (DP5/Rosenbrock, analytic Jacobian) vs fixed-step RK4", OdeBench.Run),
        new("sweep", "sweep machinery per task (plan, columns, Parquet shard write, state checks) against 5 % of a 1-second task", SweepBench.Run),
        new("ode-k6", "committee ODE at K = M = 6, N = 500 to α = 10⁶ for L = 25, 125, 500 (Fig. 5 right; target L = 500 under 10 s)", OdeLargeKBench.Run),
        new("data", "real-data paths: blocked covariance vs MathNet, eigenvalues-only vs full eigensolver, SGD on data rows vs Gaussian", DataBench.Run),
        new("sgd-plateau", "committee SGD: isotropic erf plateau at N = 1024 over random teachers (spec §10 item 19)", SgdPlateauBench.Run),
    ];
}
