namespace ScalingPS.Core;

/// <summary>
/// "Not applicable" in output records is null, never NaN: a NaN in a CSV or JSON column reads as a failed
/// computation, and PowerShell's Measure-Object and sorting treat it as a number. Engine arithmetic may keep
/// NaN internally; records convert at the boundary with <see cref="Of"/>.
/// </summary>
public static class Optional
{
    public static double? Of(double value) => double.IsNaN(value) ? null : value;
}
