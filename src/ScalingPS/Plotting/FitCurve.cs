using System.Globalization;
using System.Management.Automation;
using ScalingPS.Core.Plotting;

namespace ScalingPS.Plotting;

/// <summary>
/// Turns a fitted law into a dashed series, by duck typing so that any object will do: one with a
/// Predict(double) method (Measure-ScalingLaw's fits), or one with Exponent, Coefficient and optional
/// Offset properties, read as y = Offset + Coefficient · x^(−Exponent).
/// </summary>
internal static class FitCurve
{
    public const int Samples = 200;

    /// <summary>The fit drawn over [xMin, xMax] (data units), or null with a reason when it cannot be evaluated.</summary>
    public static PlotSeries? Sample(PSObject fit, double xMin, double xMax, AxisScale xScale, AxisScale yScale, out string? problem)
    {
        problem = null;
        Func<double, double>? predict = null;
        var method = fit.Methods["Predict"];
        if (method is not null)
        {
            predict = x => PlotInput.TryDouble(Unwrap(method.Invoke(x)), out double y) ? y : double.NaN;
        }
        else if (TryNumber(fit, "Exponent", out double p) && TryNumber(fit, "Coefficient", out double c))
        {
            double e = TryNumber(fit, "Offset", out double off) && double.IsFinite(off) ? off : 0;
            predict = x => e + c * Math.Pow(x, -p);
        }
        if (predict is null)
        {
            problem = "it has neither a Predict(x) method nor Exponent and Coefficient properties";
            return null;
        }
        // A fit that says which range it was fitted on is drawn there; otherwise over the data.
        if (TryNumber(fit, "XMin", out double lo) && TryNumber(fit, "XMax", out double hi) && hi > lo && (xScale == AxisScale.Linear || lo > 0))
        {
            xMin = lo;
            xMax = hi;
        }
        var xs = new List<double>(Samples);
        var ys = new List<double>(Samples);
        for (int i = 0; i < Samples; i++)
        {
            double f = (double)i / (Samples - 1);
            double x = xScale == AxisScale.Log ? xMin * Math.Pow(xMax / xMin, f) : xMin + f * (xMax - xMin);
            double y;
            try { y = predict(x); }
            catch (Exception ex) when (ex is MethodInvocationException or RuntimeException or ArgumentException or InvalidCastException)
            {
                problem = $"Predict({x.ToString("G6", CultureInfo.InvariantCulture)}) failed: {ex.Message}";
                return null;
            }
            // Points of the law that the axis cannot show (e.g. below zero on a log axis) are left out of the line.
            if (!double.IsFinite(y) || (yScale == AxisScale.Log && y <= 0)) continue;
            xs.Add(x);
            ys.Add(y);
        }
        if (xs.Count < 2)
        {
            problem = "it gives no drawable values over the plotted range";
            return null;
        }
        return new PlotSeries(Name(fit), SeriesStyle.Dashed, xs.ToArray(), ys.ToArray());
    }

    private static object? Unwrap(object? v) => v is PSObject ps ? ps.BaseObject : v;

    private static bool TryNumber(PSObject obj, string name, out double value)
    {
        value = double.NaN;
        return PlotInput.TryGet(obj, name, out var v) && PlotInput.TryDouble(v, out value) && double.IsFinite(value);
    }

    /// <summary>"fit L=4: 0.43" style legend text from whatever the fit says about itself.</summary>
    private static string Name(PSObject fit)
    {
        string name = "fit";
        foreach (string key in (ReadOnlySpan<string>)["Group", "Name", "Label"])
            if (PlotInput.TryGet(fit, key, out var g) && PlotInput.Text(g) is { Length: > 0 } text)
            {
                name += " " + text;
                break;
            }
        if (TryNumber(fit, "Exponent", out double p)) name += $" (exponent {p.ToString("G3", CultureInfo.InvariantCulture)})";
        return name;
    }
}
