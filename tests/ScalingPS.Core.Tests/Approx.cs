namespace ScalingPS.Core.Tests;

/// <summary>Tolerance assertions that say what was compared, by how much they differ, and the allowed amount.</summary>
public static class Approx
{
    public static void Rel(double expected, double actual, double relTol, string? what = null)
    {
        double err = Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), double.Epsilon);
        Assert.True(err <= relTol, $"{what ?? "value"}: expected {expected:G8}, got {actual:G8} (relative error {err:G3} > {relTol:G3})");
    }

    public static void Abs(double expected, double actual, double absTol, string? what = null)
    {
        double err = Math.Abs(actual - expected);
        Assert.True(err <= absTol, $"{what ?? "value"}: expected {expected:G8}, got {actual:G8} (error {err:G3} > {absTol:G3})");
    }

    /// <summary>|mean − expected| ≤ k·stderr: a statistical check whose tolerance comes from the standard error.</summary>
    public static void WithinStdErr(double expected, double mean, double stdErr, double k, string? what = null)
    {
        double z = Math.Abs(mean - expected) / stdErr;
        Assert.True(z <= k, $"{what ?? "mean"}: expected {expected:G6}, got {mean:G6} ± {stdErr:G3} ({z:F2} standard errors > {k})");
    }
}
