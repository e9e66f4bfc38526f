@{
    Synopsis    = 'Draws learning curves (or any points from the pipeline) in the terminal with Unicode braille characters: the same plot as Export-ScalingPlot, for a quick look.'
    Description = @'
Show-ScalingPlot takes the same data parameters as Export-ScalingPlot (-X, -Y, -GroupBy, -XScale,
-YScale, -ErrorProperty, -Title, -XLabel, -YLabel, -Fit) and draws the plot as text: one string per line,
written to the pipeline, so the output is deterministic and can be captured, compared or saved
(Out-File, Set-Content).

Lines (Ode and Theory points, and points without a Source) are drawn in braille, two by four dots per
character; fitted laws are dashed braille lines. Every series has its own marker glyph (● ○ ■ □ ▲ △ ◆ ◇
+ × * #): simulation points are drawn as their glyph, and lines carry their glyph every few columns, so
overlapping curves stay tellable apart without colour. The y axis is on the left with tick labels, the x
axis below (decades on log axes, 1-2-5 steps on linear ones), then the x label and a legend line per
series. Standard errors are not drawn in the terminal.

As in Export-ScalingPlot, both axes are logarithmic by default, and points that a log axis cannot show
(zero or negative) are dropped with a warning that says how many.

The terminal needs a font with braille patterns (U+2800..U+28FF) and the geometric shapes; most
monospace terminal fonts have them.
'@
    Parameters  = @{
        InputObject   = 'The points to plot, usually from the pipeline: any object with the -X and -Y properties (records, PSCustomObjects, hashtables, Import-Csv rows).'
        X             = 'Name of the property plotted on the horizontal axis, for example Alpha or Time. Tab completion offers the common ScalingPS property names.'
        Y             = 'Name of the property plotted on the vertical axis, for example EpsG or TestLoss.'
        GroupBy       = 'Names of properties whose values split the points into series, one glyph and legend line per combination.'
        XScale        = 'Log (default) or Linear horizontal axis. On a log axis points with x <= 0 are dropped with a warning.'
        YScale        = 'Log (default) or Linear vertical axis. On a log axis points with y <= 0 are dropped with a warning.'
        ErrorProperty = 'Name of the standard-error property (default StdErr). Read for consistency with Export-ScalingPlot; the terminal plot does not draw error bars, and naming a property no object has gives a warning.'
        Title         = 'Title above the plot. Default: "<y label> vs <x label>". An empty string leaves it out.'
        XLabel        = 'Label under the x axis. Default: the meaning and unit of the -X property when it is a known ScalingPS name (Alpha: "α (examples / N)"), otherwise the property name.'
        YLabel        = 'Label above the y axis. Default: the meaning of the -Y property when it is a known ScalingPS name (EpsG: "ε_g"), otherwise the property name.'
        Fit           = 'Fitted laws to overlay as dashed braille lines: objects with a Predict(x) method (Measure-ScalingLaw output) or with Exponent, Coefficient and optional Offset properties (y = Offset + Coefficient * x^-Exponent).'
        Width         = 'Width of the data area in characters (10..1000, default 60); the y tick labels and the axis add a few columns on the left.'
        Height        = 'Height of the data area in lines (4..500, default 16); the title, labels, x axis and legend add lines.'
    }
    Examples    = @(
        @{
            Code    = 'Import-Csv ./fig1.csv | Show-ScalingPlot -X Alpha -Y EpsG -GroupBy L'
            Remarks = 'A quick look at a family of learning curves in the terminal, one glyph per L.'
        }
        @{
            Code    = '$points | Show-ScalingPlot -X Time -Y TestLoss -Width 100 -Height 30 | Set-Content curves.txt'
            Remarks = 'A larger text plot saved to a file; the same input always gives the same text.'
        }
        @{
            Code    = '$points | Show-ScalingPlot -X Step -Y EpsG -XScale Linear -YScale Linear'
            Remarks = 'Linear axes, for example to look at a plateau and its escape.'
        }
    )
    Outputs     = 'System.String: the lines of the plot, top to bottom.'
}
