using System.Management.Automation;
using ScalingPS.Core.Plotting;
using ScalingPS.Plotting;

namespace ScalingPS.Commands;

/// <summary>Show-ScalingPlot: the same plot as Export-ScalingPlot, drawn in the terminal in braille characters.</summary>
[Cmdlet(VerbsCommon.Show, "ScalingPlot")]
[OutputType(typeof(string))]
public sealed class ShowScalingPlotCommand : PlotCommandBase
{
    /// <summary>Width of the data area in characters (the y tick labels come on top).</summary>
    [Parameter]
    [ValidateRange(TerminalPlot.MinWidth, 1000)]
    public int Width { get; set; } = 60;

    /// <summary>Height of the data area in lines (title, axis, labels and legend come on top).</summary>
    [Parameter]
    [ValidateRange(TerminalPlot.MinHeight, 500)]
    public int Height { get; set; } = 16;

    protected override void Render(PlotModel model)
    {
        foreach (string line in TerminalPlot.Render(model, Width, Height)) WriteObject(line);
    }
}
