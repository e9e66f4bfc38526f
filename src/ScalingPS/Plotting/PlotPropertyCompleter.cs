using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ScalingPS.Plotting;

/// <summary>Tab completion for parameters that name a property of the piped records (-X, -Y, -GroupBy, -ErrorProperty of the
/// plot cmdlets; -X, -Y, -Z, -GroupBy, -ClusterBy of the fits; -Size, -Time, -Loss of Find-ComputeOptimal): the property
/// names ScalingPS records carry.</summary>
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
