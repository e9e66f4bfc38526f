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

    /// <summary>A nullable record field (null = not applicable) must be present and close.</summary>
    public static void Rel(double expected, double? actual, double relTol, string? what = null)
    {
        Assert.True(actual.HasValue, $"{what ?? "value"}: expected {expected:G8}, got null (not applicable)");
        Rel(expected, actual!.Value, relTol, what);
    }

    public static void Abs(double? expected, double? actual, double absTol, string? what = null)
    {
        Assert.True(expected.HasValue && actual.HasValue, $"{what ?? "value"}: expected {expected:G8}, got {actual:G8} (null = not applicable)");
        Abs(expected!.Value, actual!.Value, absTol, what);
    }

    /// <summary>|mean − expected| ≤ k·stderr: a statistical check whose tolerance comes from the standard error.</summary>
    public static void WithinStdErr(double expected, double mean, double stdErr, double k, string? what = null)
    {
        double z = Math.Abs(mean - expected) / stdErr;
        Assert.True(z <= k, $"{what ?? "mean"}: expected {expected:G6}, got {mean:G6} ± {stdErr:G3} ({z:F2} standard errors > {k})");
    }
}
