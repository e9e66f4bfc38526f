using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ScalingPS.Core.Sweeps;

/// <summary>
/// The kinds of value a sweep parameter or a result column can hold. Values travel as plain CLR objects:
/// <see cref="int"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>, <see cref="string"/>, or an
/// <c>object[]</c> of those for a list parameter (e.g. a fixed list of times). Enums are stored by name.
/// </summary>
public enum ValueKind { Int32, Int64, Double, Boolean, String, List }

/// <summary>Canonical text, JSON and normalisation of sweep values.</summary>
public static class SweepValues
{
    /// <summary>Converts a value to <paramref name="kind"/> (as read back from JSON, where 1000.0 reads as an integer).</summary>
    public static object Normalize(object value, ValueKind kind) => kind switch
    {
        ValueKind.Int32 => Convert.ToInt32(value, CultureInfo.InvariantCulture),
        ValueKind.Int64 => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        ValueKind.Double => value is string s ? double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) : Convert.ToDouble(value, CultureInfo.InvariantCulture),
        ValueKind.Boolean => Convert.ToBoolean(value, CultureInfo.InvariantCulture),
        ValueKind.String => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        ValueKind.List => value is object[] a ? a : [value],
        _ => value,
    };

    /// <summary>
    /// Text that identifies a value whatever its numeric type: 1000, 1000L and 1000.0 give "1000", so a task's id
    /// does not change when a number is written as an integer in one plan and as a double in another.
    /// </summary>
    public static string Canonical(object? value) => value switch
    {
        null => "null",
        double d when double.IsFinite(d) && Math.Floor(d) == d && Math.Abs(d) < 9.007199254740992e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => Canonical((double)f),
        bool b => b ? "true" : "false",
        string s => JsonSerializer.Serialize(s),
        object[] list => "[" + string.Join(",", list.Select(Canonical)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value.ToString()),
    };

    /// <summary>The first 16 hex digits of SHA-256 of a text: short enough to read, 64 bits against collisions.</summary>
    public static string Hash(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return Convert.ToHexStringLower(digest[..8]);
    }

    public static void Write(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            // JSON has no NaN or infinities: those are written as the strings .NET and PowerShell parse back.
            case double d when !double.IsFinite(d): w.WriteStringValue(d.ToString(CultureInfo.InvariantCulture)); break;
            case double d: w.WriteNumberValue(d); break;
            case bool b: w.WriteBooleanValue(b); break;
            case string s: w.WriteStringValue(s); break;
            case object[] list:
                w.WriteStartArray();
                foreach (var item in list) Write(w, item);
                w.WriteEndArray();
                break;
            default: w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    public static object? Read(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        // NaN and the infinities are written as strings (JSON has no such numbers): read them back as numbers.
        JsonValueKind.String => e.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => s,
        },
        JsonValueKind.Number => e.TryGetInt64(out long l) ? l : e.GetDouble(),
        JsonValueKind.Array => e.EnumerateArray().Select(Read).ToArray(),
        _ => throw new FormatException($"Unexpected JSON value {e.ValueKind}."),
    };

    /// <summary>Parses a kind's name as written in a plan ("int", "long", "double", "bool", "string", "list").</summary>
    public static ValueKind ParseKind(string name) => name switch
    {
        "int" => ValueKind.Int32,
        "long" => ValueKind.Int64,
        "double" => ValueKind.Double,
        "bool" => ValueKind.Boolean,
        "string" => ValueKind.String,
        "list" => ValueKind.List,
        _ => throw new FormatException($"Unknown value kind '{name}'."),
    };

    public static string KindName(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => "int",
        ValueKind.Int64 => "long",
        ValueKind.Double => "double",
        ValueKind.Boolean => "bool",
        ValueKind.String => "string",
        _ => "list",
    };
}
