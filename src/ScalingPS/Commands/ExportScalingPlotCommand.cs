using System.Management.Automation;
using System.Text;
using ScalingPS.Core;
using ScalingPS.Core.Plotting;
using ScalingPS.Infrastructure;
using ScalingPS.Plotting;

namespace ScalingPS.Commands;

/// <summary>Export-ScalingPlot: learning curves (or any points) from the pipeline to a PNG or SVG file.</summary>
[Cmdlet(VerbsData.Export, "ScalingPlot", SupportsShouldProcess = true, DefaultParameterSetName = ScaleSet)]
[OutputType(typeof(PSObject))]
public sealed class ExportScalingPlotCommand : PlotCommandBase
{
    private const string ScaleSet = "Scale";
    private const string DpiSet = "Dpi";

    /// <summary>The file to write; .png or .svg.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter]
    [ValidateRange(100, 10000)]
    public int Width { get; set; } = 800;

    [Parameter]
    [ValidateRange(100, 10000)]
    public int Height { get; set; } = 600;

    /// <summary>Resolution multiplier: the PNG is Width·Scale × Height·Scale pixels with everything drawn Scale times larger.</summary>
    [Parameter(ParameterSetName = ScaleSet)]
    [ValidateRange(0.25, 8.0)]
    public double Scale { get; set; } = 1;

    /// <summary>Resolution in dots per inch; 96 is Scale 1.</summary>
    [Parameter(Mandatory = true, ParameterSetName = DpiSet)]
    [ValidateRange(24, 768)]
    public double Dpi { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private string _fullPath = "";
    private bool _svg;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _fullPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        string ext = System.IO.Path.GetExtension(_fullPath).ToLowerInvariant();
        if (ext is not (".png" or ".svg"))
            ThrowTerminatingError(Errors.InvalidParameter(nameof(Path), Path, "Path must end in .png or .svg."));
        _svg = ext == ".svg";
        string? dir = System.IO.Path.GetDirectoryName(_fullPath);
        if (!string.IsNullOrEmpty(dir) && !Directory.Exists(dir))
            ThrowTerminatingError(Errors.InvalidParameter(nameof(Path), Path, $"the folder '{dir}' does not exist."));
    }

    protected override void AfterItem(PSObject item)
    {
        if (PassThru) WriteObject(item);
    }

    protected override void Render(PlotModel model)
    {
        double scale = ParameterSetName == DpiSet ? Dpi / 96.0 : Scale;
        int points = model.Series.Sum(s => s.Count);
        string size = _svg ? $"{Width}×{Height}" : $"{ImagePlotRenderer.PixelSize(Width, scale)}×{ImagePlotRenderer.PixelSize(Height, scale)} px";
        if (!ShouldProcess(_fullPath, $"Write a {size} {(_svg ? "SVG" : "PNG")} plot of {model.Series.Count} series ({points} points)")) return;

        byte[] bytes;
        string? fontWarning;
        try
        {
            bytes = _svg ? Encoding.UTF8.GetBytes(ImagePlotRenderer.Svg(model, Width, Height, out fontWarning))
                         : ImagePlotRenderer.Png(model, Width, Height, scale, out fontWarning);
        }
        catch (TypeInitializationException ex)
        {
            ThrowTerminatingError(Errors.Make(Errors.WriteFailed, $"The plotting library could not start: {ex.InnerException?.Message ?? ex.Message}",
                _fullPath, "Check that the module folder holds dependencies/runtimes/<platform>/native/ for this platform (see docs/installation.md)."));
            return;
        }
        if (fontWarning is not null) WriteWarning(fontWarning);
        WriteAtomically(bytes);
        WriteVerbose($"Wrote {_fullPath} ({bytes.Length} bytes).");
    }

    /// <summary>Writes a temporary file beside the target and moves it into place, so a failure never leaves half a file.</summary>
    private void WriteAtomically(byte[] bytes)
    {
        string dir = System.IO.Path.GetDirectoryName(_fullPath) ?? ".";
        string temp = System.IO.Path.Combine(dir, $".{System.IO.Path.GetFileName(_fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, _fullPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            ThrowTerminatingError(new ErrorRecord(ex, Errors.WriteFailed, Errors.CategoryOf(Errors.WriteFailed), _fullPath));
        }
    }
}
