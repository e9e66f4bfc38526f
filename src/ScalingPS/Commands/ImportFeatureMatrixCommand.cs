using System.Management.Automation;
using ScalingPS.Core.Data;
using ScalingPS.Infrastructure;

namespace ScalingPS.Commands;

/// <summary>Import-FeatureMatrix: a samples × features matrix from .npy, CSV or raw binary, streamed, with row/column selection.</summary>
[Cmdlet(VerbsData.Import, "FeatureMatrix")]
[OutputType(typeof(FeatureMatrix))]
public sealed class ImportFeatureMatrixCommand : ScalingCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter]
    public FeatureFileFormat Format { get; set; } = FeatureFileFormat.Auto;

    /// <summary>Rows, columns of a raw binary file.</summary>
    [Parameter]
    public int[]? Shape { get; set; }

    [Parameter]
    public FeatureDataType DataType { get; set; } = FeatureDataType.Float64;

    /// <summary>Row indices (0-based) to keep, in this order; e.g. 0..999.</summary>
    [Parameter]
    [RankRangeTransformation(Expand = true)]
    public int[]? Rows { get; set; }

    /// <summary>Column indices (0-based) to keep, in this order.</summary>
    [Parameter]
    [RankRangeTransformation(Expand = true)]
    public int[]? Columns { get; set; }

    protected override void ProcessItem()
    {
        string full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        if (!File.Exists(full))
            ThrowTerminatingError(Errors.Make(Errors.FeatureMatrixNotFound, $"Import-FeatureMatrix: no file '{full}'.", Path));
        var options = new FeatureReadOptions
        {
            Format = Format, Shape = Shape, Rows = Rows, Columns = Columns,
            DataType = MyInvocation.BoundParameters.ContainsKey(nameof(DataType)) ? DataType : null,
        };
        if (!Enum.IsDefined(Format)) throw new ScalingPS.Core.ParameterException("Format", Format, "Allowed: Auto, Npy, Csv, Binary.");
        if (options.DataType is { } t && !Enum.IsDefined(t)) throw new ScalingPS.Core.ParameterException("DataType", t, "Allowed: Float32, Float64.");
        FeatureMatrix? result = null;
        try
        {
            RunEngine($"Import-FeatureMatrix {System.IO.Path.GetFileName(full)}", sink => result = FeatureMatrixReader.Read(full, options, sink.Cancellation));
        }
        catch (IOException ex) { ThrowTerminatingError(Errors.Make(Errors.FeatureMatrixReadFailed, $"Import-FeatureMatrix: {ex.Message}", Path)); }
        catch (UnauthorizedAccessException ex) { ThrowTerminatingError(Errors.Make(Errors.FeatureMatrixReadFailed, $"Import-FeatureMatrix: {ex.Message}", Path)); }
        WriteObject(result);
    }
}
