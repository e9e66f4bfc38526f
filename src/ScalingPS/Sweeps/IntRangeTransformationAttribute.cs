using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace ScalingPS.Sweeps;

/// <summary>
/// Lets an int[] parameter take "1..50" as written in command mode (where PowerShell passes the range operator's text
/// as a string rather than evaluating it), besides ordinary lists such as (1..50) or 1, 2, 3.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class IntRangeTransformationAttribute : ArgumentTransformationAttribute
{
    private static readonly Regex Range = new(@"^\s*(-?\d+)\s*\.\.\s*(-?\d+)\s*$", RegexOptions.CultureInvariant);

    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var items = inputData is PSObject ps ? ps.BaseObject : inputData;
        if (items is not IEnumerable list || items is string) list = new[] { items };
        var result = new List<object?>();
        foreach (var raw in list)
        {
            var item = raw is PSObject p ? p.BaseObject : raw;
            var m = item is string text ? Range.Match(text) : System.Text.RegularExpressions.Match.Empty;
            if (!m.Success) { result.Add(item); continue; }
            long a = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), b = long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            if (Math.Abs(b - a) > 10_000_000) throw new ArgumentTransformationMetadataException($"The range {item} has more than 10,000,000 values.");
            for (long v = a; a <= b ? v <= b : v >= b; v += a <= b ? 1 : -1) result.Add(v);
        }
        return result.ToArray();
    }
}
