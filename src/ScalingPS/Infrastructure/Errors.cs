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

    /// <summary>A data file that cannot be read as a feature matrix: "FeatureMatrix.&lt;Problem&gt;", the file as target.</summary>
    public static ErrorRecord DataFormat(ScalingPS.Core.Data.DataFormatException ex) =>
        new(ex, ex.ErrorId, ErrorCategory.InvalidData, ex.FilePath);

    /// <summary>A fit that declined to give a number: "FitRefused.&lt;Reason&gt;".</summary>
    public static ErrorRecord FitRefusedRecord(ScalingPS.Core.Analysis.FitRefusedException ex) =>
        new(ex, ex.ErrorId, ex.Reason == ScalingPS.Core.Analysis.FitRefusal.NoInteriorMinimum ? ErrorCategory.InvalidResult : ErrorCategory.InvalidData, ex.OffendingValue);

    public const string FileNotFound = "FeatureMatrix.NotFound";

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
