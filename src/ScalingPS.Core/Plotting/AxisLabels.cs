namespace ScalingPS.Core.Plotting;

/// <summary>Axis labels with units for the property names ScalingPS records use (α = examples / N, ε_g with the ½, t = η × steps).</summary>
public static class AxisLabels
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Alpha"] = "α (examples / N)",
        ["EpsG"] = "ε_g",
        ["Time"] = "t",
        ["TestLoss"] = "test loss",
        ["TrainLoss"] = "train loss",
        ["Gap"] = "train–test gap",
        ["Step"] = "SGD steps",
        ["N"] = "N",
        ["P"] = "P (examples)",
        ["L"] = "L (distinct eigenvalues)",
        ["Compute"] = "compute C = N·t",
        ["StdErr"] = "standard error",
    };

    /// <summary>The label for a property: its physical name and unit when known, else the name itself.</summary>
    public static string For(string property) => Known.TryGetValue(property, out var label) ? label : property;

    /// <summary>The part of a label before its unit: "α (examples / N)" → "α".</summary>
    public static string Short(string label)
    {
        int i = label.IndexOf(" (", StringComparison.Ordinal);
        return i > 0 ? label[..i] : label;
    }

    /// <summary>The default title: "ε_g vs α".</summary>
    public static string DefaultTitle(string xLabel, string yLabel) => $"{Short(yLabel)} vs {Short(xLabel)}";
}
