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
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object value = inputData is PSObject ps ? ps.BaseObject : inputData;
        if (value is string s && Range().Match(s.Trim()) is { Success: true } m
            && int.TryParse(m.Groups[1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int a)
            && int.TryParse(m.Groups[2].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int b))
            return new[] { a, b };
        return inputData;
    }

    [GeneratedRegex(@"^(-?\d+)\s*\.\.\s*(-?\d+)$")]
    private static partial Regex Range();
}
