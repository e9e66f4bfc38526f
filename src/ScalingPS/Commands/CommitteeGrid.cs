using ScalingPS.Core;

namespace ScalingPS.Commands;

/// <summary>The committee cmdlets' one rule for their α parameters: the log grid (-Alpha -AlphaMin -Points) or an explicit -AlphaGrid, not both.</summary>
internal static class CommitteeGrid
{
    public static void CheckExclusive(IDictionary<string, object> bound, bool alphaIsList = false)
    {
        if (!bound.ContainsKey("AlphaGrid")) return;
        foreach (var name in new[] { "Alpha", "AlphaMin", "Points" })
            if (bound.ContainsKey(name) && !(alphaIsList && name == "Alpha"))
                throw new ParameterException(name, bound[name], $"Give either the log grid (-Alpha, -AlphaMin, -Points) or an explicit -AlphaGrid, not both.");
    }
}
