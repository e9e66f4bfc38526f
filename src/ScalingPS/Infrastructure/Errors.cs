using System.Management.Automation;
using ScalingPS.Core;
using ScalingPS.Core.Analysis;
using ScalingPS.Core.Data;
using ScalingPS.Core.Numerics;

namespace ScalingPS.Infrastructure;

/// <summary>
/// Every error id the module raises, each with its one <see cref="ErrorCategory"/>. Ids are part of the public
/// interface: scripts and tests match on <c>FullyQualifiedErrorId</c>, which PowerShell forms as "Id,CmdletType".
/// docs/errors.md and about_ScalingPS list them all (a test keeps the three in step).
/// </summary>
public static class Errors
{
    /// <summary>"InvalidParameter.&lt;Name&gt;": a parameter outside its allowed range (the engine's ParameterException).</summary>
    public const string InvalidParameterPrefix = "InvalidParameter.";
    /// <summary>"FitRefused.&lt;Reason&gt;": a fit declined to produce a number (reasons: the engine's FitRefusal).</summary>
    public const string FitRefusedPrefix = "FitRefused.";
    /// <summary>Compare-ScalingCurve: the reference covers none of a group's measured x values (the engine's ComparisonRefusedException.ErrorId).</summary>
    public const string ComparisonRefusedNoOverlap = ComparisonRefusedException.ErrorId;
    /// <summary>A run's loss became non-finite or exploded; the other seeds go on.</summary>
    public const string Diverged = "Diverged";
    /// <summary>An input object lacks a property the cmdlet reads.</summary>
    public const string MissingProperty = "MissingProperty";
    /// <summary>An input property's value is not a number.</summary>
    public const string NotNumeric = "NotNumeric";
    /// <summary>No input point can be plotted.</summary>
    public const string NoPlottablePoints = "NoPlottablePoints";
    /// <summary>A file could not be written (or the plotting library could not start).</summary>
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

    /// <summary>Import-FeatureMatrix: no such file.</summary>
    public const string FeatureMatrixNotFound = "FeatureMatrix.NotFound";
    /// <summary>Import-FeatureMatrix: the operating system refused the read.</summary>
    public const string FeatureMatrixReadFailed = "FeatureMatrix.ReadFailed";
    /// <summary>Malformed data files: the engine's DataFormatException ids, written out so that tools can read them here (FeatureMatrix.Tests.ps1 keeps them equal).</summary>
    public const string FeatureMatrixBadMagic = "FeatureMatrix.BadMagic";
    public const string FeatureMatrixBadHeader = "FeatureMatrix.BadHeader";
    public const string FeatureMatrixUnsupportedType = "FeatureMatrix.UnsupportedType";
    public const string FeatureMatrixTruncated = "FeatureMatrix.Truncated";
    public const string FeatureMatrixShapeMismatch = "FeatureMatrix.ShapeMismatch";
    public const string FeatureMatrixNonFinite = "FeatureMatrix.NonFinite";
    public const string FeatureMatrixBadCsv = "FeatureMatrix.BadCsv";
    public const string FeatureMatrixTooLarge = "FeatureMatrix.TooLarge";

    /// <summary>The one category of each id.</summary>
    public static ErrorCategory CategoryOf(string id) => id switch
    {
        _ when id.StartsWith(InvalidParameterPrefix, StringComparison.Ordinal) => ErrorCategory.InvalidArgument,
        _ when id == FitRefusedPrefix + nameof(FitRefusal.NoInteriorMinimum) => ErrorCategory.InvalidResult,
        _ when id.StartsWith(FitRefusedPrefix, StringComparison.Ordinal) => ErrorCategory.InvalidData,
        Diverged => ErrorCategory.InvalidResult,
        ComparisonRefusedNoOverlap => ErrorCategory.InvalidData,
        MissingProperty or NotNumeric or NoPlottablePoints => ErrorCategory.InvalidData,
        WriteFailed => ErrorCategory.WriteError,
        FeatureMatrixNotFound => ErrorCategory.ObjectNotFound,
        FeatureMatrixReadFailed => ErrorCategory.ReadError,
        FeatureMatrixBadMagic or FeatureMatrixBadHeader or FeatureMatrixUnsupportedType or FeatureMatrixTruncated or FeatureMatrixShapeMismatch
            or FeatureMatrixNonFinite or FeatureMatrixBadCsv or FeatureMatrixTooLarge => ErrorCategory.InvalidData,
        SweepTaskFailed => ErrorCategory.InvalidResult,
        SweepPlanUnreadable => ErrorCategory.ReadError,
        SweepPlanInvalid or ShardCorrupt => ErrorCategory.InvalidData,
        SlurmNotFound => ErrorCategory.ResourceUnavailable,
        SlurmSubmitFailed or SlurmQueryFailed => ErrorCategory.InvalidOperation,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "Not a ScalingPS error id: add it to Errors."),
    };

    public static ErrorRecord InvalidParameter(ParameterException ex) =>
        new(ex, InvalidParameterPrefix + ex.ParameterName, ErrorCategory.InvalidArgument, ex.Value);

    public static ErrorRecord InvalidParameter(string name, object? value, string allowed) =>
        InvalidParameter(new ParameterException(name, value, allowed));

    /// <summary>A refused fit: id "FitRefused.&lt;Reason&gt;", the group (if any) named in the message and as target.</summary>
    public static ErrorRecord FitRefused(FitRefusedException ex, string group = "")
    {
        // Engine messages already name the form; the group is what the shell adds.
        string message = group.Length == 0 ? ex.Message : $"Group '{group}': {ex.Message}";
        return new ErrorRecord(new InvalidOperationException(message, ex), ex.ErrorId, CategoryOf(ex.ErrorId), group.Length == 0 ? ex.OffendingValue : group);
    }

    public static ErrorRecord Make(string id, string message, object? target, string? recommendedAction = null)
    {
        var record = new ErrorRecord(new InvalidOperationException(message), id, CategoryOf(id), target);
        if (recommendedAction is not null) record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction };
        return record;
    }

    /// <summary>
    /// The one translation of an engine exception into a terminating error record, or null when the exception is
    /// not one the module names (it then propagates as it is: a bug to fix, which the contract test catches).
    /// </summary>
    public static ErrorRecord? FromException(Exception ex) => ex switch
    {
        ParameterException p => InvalidParameter(p),
        DataFormatException d => new ErrorRecord(d, d.ErrorId, CategoryOf(d.ErrorId), d.FilePath),
        FitRefusedException f => FitRefused(f),
        ComparisonRefusedException c => new ErrorRecord(new InvalidOperationException(c.Message, c), ComparisonRefusedNoOverlap, CategoryOf(ComparisonRefusedNoOverlap), c.OffendingValue),
        OdeDivergedException d => Make(Diverged, d.Message, d.Time, "Use a smaller -Eta, or a smaller -SigmaJ when the initial weights are large."),
        ScalingPS.Core.Sweeps.SweepFileException s => new ErrorRecord(s, s.ErrorId, CategoryOf(s.ErrorId), s.Path),
        ScalingPS.Core.Sweeps.SlurmException s => new ErrorRecord(s, s.ErrorId, CategoryOf(s.ErrorId), null),
        IOException or UnauthorizedAccessException => new ErrorRecord(ex, WriteFailed, CategoryOf(WriteFailed), null),
        _ => null,
    };
}
