using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using ScalingPS.Core.Committee;
using ScalingPS.Core.Data;
using ScalingPS.Core.Numerics;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Bench;

/// <summary>
/// Real-data paths, as ratios within one run: the blocked covariance product against MathNet's XᵀX (peer), the
/// eigenvalues-only solver against the full decomposition, and committee SGD on data rows against Gaussian SGD at
/// the same N, K, M (the data path draws no normals but reads a stored row).
/// </summary>
internal static class DataBench
{
    public static void Run()
    {
        int n = 6000, d = 512;
        var rng = new Random(1);
        var values = new double[n * d];
        for (int i = 0; i < values.Length; i++) values[i] = (rng.NextDouble() - 0.5) * Math.Pow(i % d + 1, -0.75);
        var data = FeatureMatrix.FromValues(values, n, d);

        EmpiricalDecomposition.CrossProduct(values, n, d, false, n, default); // warm up
        var sw = Stopwatch.StartNew();
        var c = EmpiricalDecomposition.CrossProduct(values, n, d, false, n, default);
        double ours = sw.Elapsed.TotalMilliseconds;
        var x = Matrix<double>.Build.Dense(n, d, (i, j) => values[i * d + j]);
        sw.Restart();
        var peer = x.TransposeThisAndMultiply(x);
        double mathnet = sw.Elapsed.TotalMilliseconds;
        Console.WriteLine($"covariance XᵀX, {n}×{d}: blocked SIMD {ours:F0} ms, MathNet {mathnet:F0} ms: ratio {ours / mathnet:F2} (check {c[5 * d + 7] * n / peer[5, 7]:F9})");

        sw.Restart();
        var (full, _) = SymmetricEigen.Decompose(c, d);
        double withVectors = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        var only = SymmetricEigen.Values(c, d);
        double valuesOnly = sw.Elapsed.TotalMilliseconds;
        Console.WriteLine($"eigen, d = {d}: values only {valuesOnly:F0} ms, with vectors {withVectors:F0} ms: ratio {valuesOnly / withVectors:F2} (max |Δλ| {full.Zip(only, (a, b) => Math.Abs(a - b)).Max():G2})");

        double alpha = 400;
        var baseOptions = new CommitteeSgdOptions
        {
            Spectrum = PowerLawSpectra.Committee(d, d, 1), K = 1, M = 1, Activation = Activation.Linear, TeacherActivation = Activation.Linear,
            Eta = 0.05, Alpha = alpha, AlphaMin = alpha, Points = 1, Repeat = 1, ThrottleLimit = 1,
        };
        CommitteeSgd.Collect(baseOptions with { Alpha = 10, AlphaMin = 10 });
        sw.Restart();
        CommitteeSgd.Collect(baseOptions);
        double gaussian = sw.Elapsed.TotalNanoseconds / (alpha * d);
        var prepared = new CommitteeDataOptions { Data = data };
        DataCommitteeSgd.Run(baseOptions with { Alpha = 10, AlphaMin = 10 }, prepared, false, new CommitteeSgdSink(), null, default);
        sw.Restart();
        DataCommitteeSgd.Run(baseOptions, prepared, false, new CommitteeSgdSink(), null, default);
        double onData = sw.Elapsed.TotalNanoseconds / (alpha * d); // includes preparing the data (one decomposition) and the held-out checks
        Console.WriteLine($"linear SGD, N = {d}, K = M = 1, {alpha * d:F0} steps: Gaussian {gaussian:F0} ns/step, on data rows {onData:F0} ns/step (with its one-off decomposition): ratio {onData / gaussian:F2}");
    }
}
