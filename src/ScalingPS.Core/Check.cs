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

    /// <summary>Seeds Seed .. Seed + Repeat − 1: Repeat in [1, 10⁶] and the last seed within a 32-bit integer (no wrap-around).</summary>
    public static void Seeds(int seed, int repeat)
    {
        Range(repeat, 1, 1_000_000, "Repeat");
        if ((long)seed + repeat - 1 > int.MaxValue)
            throw new ParameterException("Seed", seed, $"Seed + Repeat − 1 must fit in a 32-bit integer (≤ {int.MaxValue}); with -Repeat {repeat} use -Seed ≤ {int.MaxValue - repeat + 1}.");
    }

    /// <summary>
    /// Refuses, before anything is allocated, work that would need more than half the memory this process
    /// may use: an up-front answer naming the parameter instead of an OutOfMemoryException minutes later.
    /// </summary>
    public static void Memory(double bytes, string name, object? value, string hint)
    {
        double budget = AvailableBytes / 2;
        if (!(bytes <= budget) || bytes > Array.MaxLength * 8.0)
            throw new ParameterException(name, value,
                $"this would need {bytes / 1e9:G3} GB of memory (this process may use {budget / 1e9:G3} GB); {hint}");
    }

    /// <summary>The memory the GC lets this process use (physical memory, or the container's limit).</summary>
    public static double AvailableBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
}
