@{
    Synopsis    = 'Writes learning curves (or any points from the pipeline) to a PNG or SVG figure: log-log by default, one series per group, simulation as markers with error bars, theory and ODE as lines, fitted laws as dashed lines.'
    Description = @'
Export-ScalingPlot reads -X and -Y from every object piped to it: ScalingPS records (CommitteePoint,
RandomFeaturePoint, ...), PSCustomObjects, hashtables or Import-Csv rows, whose numbers are read as
invariant-culture strings. It draws them with ScottPlot 5 and writes a PNG or SVG, chosen by the
extension of -Path.

Series: the objects are grouped by the -GroupBy properties (one series, and one legend entry, per group)
and by their Source property when they have one. Source sets the style: Simulation points are markers,
with error bars of plus or minus one standard error when the -ErrorProperty (StdErr) is a positive number
(a shaded band instead when a series has more than 30 points); Ode and Theory points are joined by a
solid line; points without a Source are markers joined by a thin line. Series of the same group share a
colour, so a simulation and its ODE at the same L are drawn in the same colour.

Axes: both axes are logarithmic by default (learning curves are power laws). On a log axis, points with a
zero or negative value cannot be drawn: they are dropped and a warning says how many. Points with a
NaN or infinite coordinate are dropped with a warning too. Decades are major ticks, labelled as plain
numbers between 0.001 and 10000 and as powers of ten beyond; 2..9 times a power of ten are minor ticks.
The axis range is the data (error bars included) plus 5 % either side.

Labels: the axis labels default to the physical meaning and unit of well-known properties
(Alpha: "α (examples / N)", EpsG: "ε_g", Time: "t", TestLoss: "test loss", TrainLoss: "train loss",
P: "P (examples)", L: "L (distinct eigenvalues)", Step: "SGD steps") and to the property name otherwise;
the title defaults to "<y> vs <x>".

Fits: -Fit takes fitted laws, for example from Measure-ScalingLaw, and draws each as a dashed line over
the plotted x range (or over XMin..XMax when the fit has those properties). Any object works that has a
Predict(x) method, or Exponent and Coefficient (and optionally Offset) properties, read as
y = Offset + Coefficient * x^-Exponent. A fit that cannot be evaluated is skipped with a warning.

Writing: the file is written only after ShouldProcess agrees (-WhatIf shows what would be written and
writes nothing), first to a temporary file in the same folder, then moved into place, so a failure never
leaves a half-written figure. The folder must exist. Text needs a system font (DejaVu Sans, Liberation
Sans, Noto Sans, Arial or Helvetica are preferred); when none is installed a warning says so.

Objects with no -X or -Y property are skipped with one error record (id MissingProperty) that names the
properties the first of them has; when no object has them, that error is terminating.
'@
    Parameters  = @{
        InputObject   = 'The points to plot, usually from the pipeline: any object with the -X and -Y properties.'
        Path          = 'The file to write. The extension chooses the format: .png (raster) or .svg (vector). The folder must exist; an existing file is replaced.'
        X             = 'Name of the property plotted on the horizontal axis, for example Alpha, Time, N or P. Tab completion offers the common ScalingPS property names.'
        Y             = 'Name of the property plotted on the vertical axis, for example EpsG, TestLoss or TrainLoss.'
        GroupBy       = 'Names of properties whose values split the points into series, one legend entry per combination (for example L, or N and Seed). Without it all points of one Source form one series.'
        XScale        = 'Log (default) or Linear horizontal axis. On a log axis points with x <= 0 are dropped with a warning.'
        YScale        = 'Log (default) or Linear vertical axis. On a log axis points with y <= 0 are dropped with a warning.'
        ErrorProperty = 'Name of the property holding the standard error of Y (default StdErr). Points whose value is a positive number get error bars (or a band for dense series). Missing or NaN values mean no bar.'
        Title         = 'Title above the plot. Default: "<y label> vs <x label>" without units, for example "ε_g vs α". An empty string leaves the title out.'
        XLabel        = 'Label of the horizontal axis. Default: the meaning and unit of the -X property when it is a known ScalingPS name, otherwise the property name.'
        YLabel        = 'Label of the vertical axis. Default: the meaning and unit of the -Y property when it is a known ScalingPS name, otherwise the property name.'
        Fit           = 'Fitted laws to overlay as dashed lines: objects with a Predict(x) method (Measure-ScalingLaw output) or with Exponent, Coefficient and optional Offset properties (y = Offset + Coefficient * x^-Exponent). The legend shows the fit''s Group, Name or Label property and its exponent.'
        Width         = 'Width of the figure in layout pixels (100..10000, default 800). For PNG the image is Width times -Scale pixels wide.'
        Height        = 'Height of the figure in layout pixels (100..10000, default 600). For PNG the image is Height times -Scale pixels high.'
        Scale         = 'Resolution multiplier for PNG (0.25..8, default 1): the image has Width*Scale by Height*Scale pixels with every line, marker and letter drawn Scale times larger, so the layout is unchanged. SVG is vector and ignores it.'
        Dpi           = 'Resolution in dots per inch for PNG (24..768), an alternative to -Scale: 96 dpi is Scale 1, 192 dpi is Scale 2.'
        PassThru      = 'Pass each input object on down the pipeline as it is read, so that a plot can sit in the middle of a pipeline (for example before Export-Csv).'
    }
    Examples    = @(
        @{
            Code    = 'Import-Csv ./fig1.csv | Export-ScalingPlot -Path fig1.png -X Alpha -Y EpsG -GroupBy L'
            Remarks = 'A Fig. 1-style family of learning curves from a CSV file: one series per L, log-log axes, simulation as markers with error bars, ODE as lines (the Source column sets the style).'
        }
        @{
            Code    = '$points | Export-ScalingPlot fig.svg -X Time -Y TestLoss -GroupBy N -Title "Random features, P = ∞" -Width 600 -Height 450'
            Remarks = 'An SVG of test loss against time, one curve per width N, with a custom title.'
        }
        @{
            Code    = '$law = [pscustomobject]@{ Exponent = 0.43; Coefficient = 0.07; Offset = 0 }; $points | Export-ScalingPlot fit.png -X Alpha -Y EpsG -Fit $law -Scale 2'
            Remarks = 'Overlays the law 0.07 * alpha^-0.43 as a dashed line (a fit object from Measure-ScalingLaw works the same way, through its Predict method) and writes a 1600 x 1200 pixel PNG with the layout of an 800 x 600 one.'
        }
        @{
            Code    = '$points | Export-ScalingPlot curves.png -X Alpha -Y EpsG -PassThru | Export-Csv curves.csv'
            Remarks = 'Plots and saves the same points in one pipeline.'
        }
        @{
            Code    = '$points | Export-ScalingPlot curves.png -X Step -Y EpsG -XScale Linear -WhatIf'
            Remarks = 'Says which file would be written, with its size and the number of series and points, and writes nothing.'
        }
    )
    Outputs     = 'None by default. With -PassThru, the input objects, unchanged.'
}
