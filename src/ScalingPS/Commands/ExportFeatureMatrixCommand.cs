using System.Management.Automation;
using ScalingPS.Core.Data;
using ScalingPS.Infrastructure;

namespace ScalingPS.Commands;

/// <summary>Export-FeatureMatrix: writes a matrix (or flat values with a shape) as a version-1.0 .npy file, atomically.</summary>
[Cmdlet(VerbsData.Export, "FeatureMatrix", SupportsShouldProcess = true, DefaultParameterSetName = MatrixSet)]
[OutputType(typeof(FileInfo))]
public sealed class ExportFeatureMatrixCommand : ScalingCmdlet
{
    private const string MatrixSet = "Matrix";
    private const string ValuesSet = "Value";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = MatrixSet)]
    [ValidateNotNull]
    public FeatureMatrix? Matrix { get; set; }

    /// <summary>Row-major values (rows × columns of -Shape); singular name by PowerShell convention.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ValuesSet)]
    [ValidateNotNull]
    public double[]? Value { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ValuesSet)]
    [ValidateNotNull]
    public int[]? Shape { get; set; }

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Element type written (default: the matrix's own; Float64 for -Value).</summary>
    [Parameter]
    public FeatureDataType DataType { get; set; } = FeatureDataType.Float64;

    protected override void ProcessItem()
    {
        string full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        if (!full.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
            throw new ScalingPS.Core.ParameterException("Path", Path, "Path must end in .npy (Export-FeatureMatrix writes NumPy files).");
        string? dir = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir) && !Directory.Exists(dir))
            throw new ScalingPS.Core.ParameterException("Path", Path, $"the folder '{dir}' does not exist.");
        if (!Enum.IsDefined(DataType)) throw new ScalingPS.Core.ParameterException("DataType", DataType, "Allowed: Float32, Float64.");
        FeatureMatrix matrix;
        if (ParameterSetName == ValuesSet)
        {
            if (Shape is not { Length: 2 })
                throw new ScalingPS.Core.ParameterException("Shape", Shape is null ? null : string.Join(",", Shape), "Give -Shape rows,columns.");
            matrix = FeatureMatrix.FromValues(Value!, Shape[0], Shape[1]);
        }
        else matrix = Matrix!;
        var type = MyInvocation.BoundParameters.ContainsKey(nameof(DataType)) || ParameterSetName == ValuesSet ? DataType : matrix.DataType;
        if (type == FeatureDataType.Float32 && matrix.DataType == FeatureDataType.Float64)
            for (int r = 0; r < matrix.Rows; r++)
                for (int c = 0; c < matrix.Columns; c++)
                    if (!float.IsFinite((float)matrix[r, c]))
                        throw new ScalingPS.Core.ParameterException("DataType", type, $"value {matrix[r, c]:G6} at row {r}, column {c} overflows float32; write Float64.");
        if (!ShouldProcess(full, $"Write {matrix.Shape} {type} .npy")) return;
        try
        {
            RunEngine($"Export-FeatureMatrix {System.IO.Path.GetFileName(full)}", sink => NpyFormat.Write(matrix, full, type, sink.Cancellation));
        }
        catch (IOException ex) { ThrowTerminatingError(Errors.Make(Errors.WriteFailed, $"Export-FeatureMatrix: {ex.Message}", Path)); }
        catch (UnauthorizedAccessException ex) { ThrowTerminatingError(Errors.Make(Errors.WriteFailed, $"Export-FeatureMatrix: {ex.Message}", Path)); }
        WriteObject(new FileInfo(full));
    }
}
