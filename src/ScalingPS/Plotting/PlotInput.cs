using System.Collections;
using System.Globalization;
using System.Management.Automation;

namespace ScalingPS.Plotting;

/// <summary>
/// Reads plot coordinates from arbitrary pipeline objects: typed records, PSCustomObjects, hashtables and
/// Import-Csv rows (whose numbers are invariant-culture strings).
/// </summary>
internal static class PlotInput
{
    /// <summary>The value of property <paramref name="name"/> (case-insensitive), or false when the object has none.</summary>
    public static bool TryGet(PSObject obj, string name, out object? value)
    {
        if (obj.BaseObject is IDictionary dict)
        {
            foreach (DictionaryEntry e in dict)
                if (string.Equals(e.Key?.ToString(), name, StringComparison.OrdinalIgnoreCase))
                {
                    value = Unwrap(e.Value);
                    return true;
                }
        }
        var prop = obj.Properties[name];
        if (prop is null)
        {
            value = null;
            return false;
        }
        value = Unwrap(prop.Value);
        return true;
    }

    private static object? Unwrap(object? v) => v is PSObject ps && ps.BaseObject is not PSCustomObject ? ps.BaseObject : v;

    /// <summary>A number from a numeric value or an invariant-culture string ("0.5", "1e-3", "NaN").</summary>
    public static bool TryDouble(object? value, out double d)
    {
        switch (value)
        {
            case double x: d = x; return true;
            case float f: d = f; return true;
            case int or long or short or byte or sbyte or uint or ulong or ushort or decimal:
                d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return true;
            case string s:
                return double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out d);
            default:
                d = double.NaN;
                return false;
        }
    }

    /// <summary>A value as group-label text: numbers in invariant culture, enums by name.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        float f => f.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The names of an object's properties, for error messages.</summary>
    public static string PropertyNames(PSObject obj)
    {
        IEnumerable<string> names = obj.BaseObject is IDictionary dict
            ? dict.Keys.Cast<object>().Select(k => k.ToString() ?? "")
            : obj.Properties.Select(p => p.Name);
        return string.Join(", ", names.Take(20));
    }
}
