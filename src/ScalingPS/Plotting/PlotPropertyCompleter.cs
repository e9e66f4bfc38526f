using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ScalingPS.Plotting;

/// <summary>Tab completion for -X, -Y, -GroupBy and -ErrorProperty: the property names ScalingPS records carry.</summary>
public sealed class PlotPropertyCompleter : IArgumentCompleter
{
    /// <summary>Common property names of CommitteePoint and RandomFeaturePoint records, most used first.</summary>
    public static readonly string[] Names =
        ["Alpha", "EpsG", "Time", "TestLoss", "TrainLoss", "N", "P", "L", "K", "M", "Seed", "Source", "StdErr", "Step", "Beta", "Eta", "Compute"];

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string prefix = (wordToComplete ?? "").Trim('\'', '"');
        foreach (string name in Names)
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, name);
    }
}
