using System.Management.Automation;
using ScalingPS.Core;

namespace ScalingPS.Infrastructure;

/// <summary>
/// Error records with stable ids. Ids are part of the public interface: scripts and tests match on
/// <c>FullyQualifiedErrorId</c>, which PowerShell forms as "Id,CmdletType".
/// </summary>
public static class Errors
{
    /// <summary>Id prefix of a parameter outside its allowed range: "InvalidParameter.&lt;Name&gt;".</summary>
    public const string InvalidParameterPrefix = "InvalidParameter.";
    public const string Diverged = "Diverged";
    public const string FitRefused = "FitRefused";
    public const string MissingProperty = "MissingProperty";
    public const string WriteFailed = "WriteFailed";
    /// <summary>A sweep task whose cmdlet call failed (its own error id and message are in the record and in Get-ScalingSweep).</summary>
    public const string SweepTaskFailed = "SweepTaskFailed";
    // Sweep file and Slurm ids are raised by the engine (SweepFileException, SlurmException); listed here so every id is in one place.
    public const string SweepPlanUnreadable = "SweepPlanUnreadable";
    public const string SweepPlanInvalid = "SweepPlanInvalid";
    public const string ShardCorrupt = "ShardCorrupt";
    public const string SlurmNotFound = "SlurmNotFound";
    public const string SlurmSubmitFailed = "SlurmSubmitFailed";
    public const string SlurmQueryFailed = "SlurmQueryFailed";

    public static ErrorRecord InvalidParameter(ParameterException ex) =>
        new(ex, InvalidParameterPrefix + ex.ParameterName, ErrorCategory.InvalidArgument, ex.Value);

    public static ErrorRecord InvalidParameter(string name, object? value, string allowed) =>
        InvalidParameter(new ParameterException(name, value, allowed));

    public static ErrorRecord Make(string id, string message, ErrorCategory category, object? target, string? recommendedAction = null)
    {
        var record = new ErrorRecord(new InvalidOperationException(message), id, category, target);
        if (recommendedAction is not null) record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction };
        return record;
    }
}
