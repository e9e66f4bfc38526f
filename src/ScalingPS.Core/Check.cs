using System.Globalization;

namespace ScalingPS.Core;

/// <summary>
/// A parameter outside its allowed range. <see cref="ParameterName"/> is the public (cmdlet) parameter
/// name, so the shell can report it as the user typed it.
/// </summary>
public sealed class ParameterException : ArgumentException
{
    public ParameterException(string parameterName, object? value, string allowed)
        : base($"Parameter -{parameterName} = {Format(value)}: {allowed}", parameterName)
    {
        ParameterName = parameterName;
        Value = value;
        Allowed = allowed;
        _message = $"Parameter -{parameterName} = {Format(value)}: {allowed}";
    }

    private readonly string _message;

    /// <summary>The message without ArgumentException's "(Parameter 'x')" suffix: the name is already first.</summary>
    public override string Message => _message;

    public string ParameterName { get; }
    public object? Value { get; }
    public string Allowed { get; }

    private static string Format(object? v) => v switch
    {
        null => "(null)",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}

/// <summary>Validation helpers that throw <see cref="ParameterException"/> naming the public parameter.</summary>
public static class Check
{
    public static void Positive(int value, string name)
    {
        if (value < 1) throw new ParameterException(name, value, $"{name} must be ≥ 1.");
    }

    public static void Range(int value, int min, int max, string name)
    {
        if (value < min || value > max) throw new ParameterException(name, value, $"{name} must be in [{min}, {max}].");
    }

    public static void Finite(double value, string name)
    {
        if (!double.IsFinite(value)) throw new ParameterException(name, value, $"{name} must be a finite number.");
    }

    public static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsNaN(value) || double.IsPositiveInfinity(value))
            throw new ParameterException(name, value, $"{name} must be finite and > 0.");
    }

    public static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
            throw new ParameterException(name, value, $"{name} must be finite and ≥ 0.");
    }

    /// <summary>Open interval (min, max), or half-open when <paramref name="includeMax"/>.</summary>
    public static void Between(double value, double min, double max, string name, bool includeMax = false)
    {
        bool ok = value > min && (includeMax ? value <= max : value < max);
        if (!ok || double.IsNaN(value))
            throw new ParameterException(name, value, $"{name} must be in ({min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}{(includeMax ? "]" : ")")}.");
    }
}
