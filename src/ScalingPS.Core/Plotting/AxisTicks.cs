using System.Globalization;
using System.Text;

namespace ScalingPS.Core.Plotting;

/// <summary>A tick: its position in axis coordinates (log10 of the value on a log axis) and its label.</summary>
public readonly record struct Tick(double Position, string Label);

/// <summary>
/// Tick positions and labels shared by the image and the terminal renderers, so both read the same:
/// decades on a log axis (10⁻³ … written as plain numbers between 0.001 and 10⁴), 1–2–5 steps on a linear one.
/// </summary>
public static class AxisTicks
{
    /// <summary>Ticks inside [<paramref name="min"/>, <paramref name="max"/>] (axis coordinates), at most about <paramref name="maxTicks"/>.</summary>
    public static IReadOnlyList<Tick> For(AxisScale scale, double min, double max, int maxTicks)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || max < min) throw new ArgumentException($"Invalid axis range [{min}, {max}].");
        maxTicks = Math.Max(2, maxTicks);
        return scale == AxisScale.Log ? Log(min, max, maxTicks) : Linear(min, max, maxTicks);
    }

    private static List<Tick> Log(double min, double max, int maxTicks)
    {
        const double eps = 1e-9;
        int first = (int)Math.Ceiling(min - eps), last = (int)Math.Floor(max + eps);
        int decades = last - first + 1;
        if (decades >= 2)
        {
            // Every k-th decade, anchored at multiples of k so labels stay round (10⁰, 10³, 10⁶ …).
            int step = 1;
            while ((decades + step - 1) / step > maxTicks) step++;
            var ticks = new List<Tick>();
            for (int k = first; k <= last; k++)
                if (((k % step) + step) % step == 0) ticks.Add(new Tick(k, FormatPower(k)));
            if (ticks.Count >= 2) return ticks;
        }
        // Less than two decades in view: 1, 2, 5 times powers of ten.
        var sub = new List<Tick>();
        for (int k = (int)Math.Floor(min) - 1; k <= (int)Math.Ceiling(max); k++)
            foreach (int m in (ReadOnlySpan<int>)[1, 2, 5])
            {
                double p = k + Math.Log10(m);
                if (p >= min - eps && p <= max + eps) sub.Add(new Tick(p, FormatMantissa(m, k)));
            }
        if (sub.Count >= 2 && sub.Count <= maxTicks) return sub;
        // Within a factor of 2 or 5: linear steps in value space, placed at their logarithms.
        return Linear(Math.Pow(10, min), Math.Pow(10, max), maxTicks)
            .Where(t => t.Position > 0)
            .Select(t => new Tick(Math.Log10(t.Position), t.Label)).ToList();
    }

    private static List<Tick> Linear(double min, double max, int maxTicks)
    {
        double span = max - min;
        if (span <= 0) return [new Tick(min, FormatValue(min, Math.Abs(min) > 0 ? Math.Abs(min) / 10 : 1))];
        double step = NiceStep(span / maxTicks);
        while (Math.Floor(max / step) - Math.Ceiling(min / step) + 1 > maxTicks) step = NiceStep(step * 1.01);
        var ticks = new List<Tick>();
        for (double i = Math.Ceiling(min / step - 1e-9); i * step <= max + step * 1e-9; i++)
        {
            double v = i * step;
            if (Math.Abs(v) < step * 1e-9) v = 0; // no "-0" or 1e-17 from rounding
            ticks.Add(new Tick(v, FormatValue(v, step)));
        }
        return ticks;
    }

    /// <summary>The smallest of 1, 2, 5 × 10^k that is ≥ <paramref name="raw"/>.</summary>
    internal static double NiceStep(double raw)
    {
        double p = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (double m in (ReadOnlySpan<double>)[1, 2, 5, 10])
            if (m * p >= raw * (1 - 1e-12)) return m * p;
        return 10 * p;
    }

    /// <summary>10^k as a plain number for −3 ≤ k ≤ 4, else as 10 with a superscript exponent.</summary>
    public static string FormatPower(int k) => FormatMantissa(1, k);

    private static string FormatMantissa(int m, int k)
    {
        if (k is < -3 or > 4) return m == 1 ? "10" + Superscript(k) : $"{m}·10{Superscript(k)}";
        double v = m * Math.Pow(10, k);
        return v.ToString("F" + Math.Max(0, -k).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>A linear tick value with as many decimals as its step needs.</summary>
    public static string FormatValue(double v, double step)
    {
        if (v == 0) return "0";
        double mag = Math.Max(Math.Abs(v), step);
        if (mag >= 1e5 || mag < 1e-3)
        {
            int k = (int)Math.Floor(Math.Log10(Math.Abs(v)));
            double m = v / Math.Pow(10, k);
            string ms = Math.Round(m, 3).ToString("0.###", CultureInfo.InvariantCulture);
            return ms == "1" ? "10" + Superscript(k) : ms == "-1" ? "-10" + Superscript(k) : $"{ms}·10{Superscript(k)}";
        }
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        return v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private const string SuperDigits = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    public static string Superscript(int k)
    {
        var sb = new StringBuilder();
        if (k < 0) sb.Append('⁻');
        foreach (char c in Math.Abs(k).ToString(CultureInfo.InvariantCulture)) sb.Append(SuperDigits[c - '0']);
        return sb.ToString();
    }
}
