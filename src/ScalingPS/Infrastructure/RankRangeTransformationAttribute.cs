using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace ScalingPS.Infrastructure;

/// <summary>
/// Lets an int[] range parameter take "10..300" typed in argument mode (where PowerShell passes it as a string)
/// as well as the array that (10..300) evaluates to.
/// </summary>
public sealed partial class RankRangeTransformationAttribute : ArgumentTransformationAttribute
{
    /// <summary>Expand "a..b" into every integer from a to b (index lists) instead of just its two ends (windows).</summary>
    public bool Expand { get; set; }

    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object value = inputData is PSObject ps ? ps.BaseObject : inputData;
        if (value is string s && Range().Match(s.Trim()) is { Success: true } m
            && int.TryParse(m.Groups[1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int a)
            && int.TryParse(m.Groups[2].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int b))
        {
            if (!Expand) return new[] { a, b };
            if (Math.Abs((long)b - a) > 100_000_000) return inputData; // let binding report it rather than allocate
            return a <= b ? Enumerable.Range(a, b - a + 1).ToArray() : Enumerable.Range(b, a - b + 1).Reverse().ToArray();
        }
        return inputData;
    }

    [GeneratedRegex(@"^(-?\d+)\s*\.\.\s*(-?\d+)$")]
    private static partial Regex Range();
}
