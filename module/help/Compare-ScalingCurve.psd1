@{
    Synopsis    = 'Compares measured points (simulations) with a reference curve (theory): the reference at every measured x, ratio, standardised difference z, and per group the worst |z|, chi-square per degree of freedom with its p-value and the x range covered.'
    Description = @'
Pipe the measured points in and give the reference curve with -Reference. Both may be any objects with numeric
properties -X (default Alpha) and -Y (default EpsG): ScalingPS records, sweep results, or Import-Csv rows whose
values are strings. Use -X Time -Y TestLoss for random-feature curves.

For each distinct x of a group:
  * The reference is interpolated linearly in (log x, log y) between its two neighbouring points, which is exact
    on a power law; a reference point at the same x is used as it is. Where a neighbour has y <= 0 the
    interpolation is linear in y (still over log x). Measured points outside the reference's x range are
    reported with InRange = $false and no z; they are counted in OutsideRange, never silently dropped.
  * Several measured values at the same x are taken as seeds: their mean is compared, their spread gives the
    standard error s/sqrt(n), and the t statistic (n - 1 degrees of freedom) is mapped to the normal quantile
    with the same tail probability. A single value at an x uses its own standard error from -StdErrProperty
    (default StdErr, as written by -Aggregate); z = (y - reference) / StdErr, and when the number n of seeds behind
    it is known (-CountProperty, default Count, as -Aggregate writes it) this t statistic is mapped through the t
    distribution with n - 1 degrees of freedom like the seed spread (a standard error from 2 seeds is itself very
    uncertain). Either way z is standard normal for unbiased Gaussian measurements: |z| > 2 in 4.55 % of points.
  * -RelativeTolerance adds a systematic allowance tau * reference in quadrature to the standard error (then the
    t-to-normal mapping is not applied).
Per group (default output: one ScalingPS.Core.Analysis.ComparisonSummary) the verdict is: Points, Compared (in
range with a z), OutsideRange, WithoutStdErr, WorstZ (signed) at WorstZX, ChiSquare = sum of z^2 with Dof =
Compared, ChiSquarePerDof and PValue = P(chi-square_Dof >= ChiSquare), RatioMin/RatioMax, the x range compared
(XMin, XMax) and the reference's (ReferenceXMin, ReferenceXMax). Detail holds the per-point records; -PerPoint
emits those instead (ScalingPS.Core.Analysis.ComparisonPoint: X, Y, StdErr, Count, Reference, Ratio, Difference,
Z, InRange).

With -GroupBy, the measured points are split into groups; if every reference object also carries the -GroupBy
properties the reference is split the same way and matched group by group, otherwise the one reference serves
every group. A group the reference covers nowhere is refused with the error ComparisonRefused.NoOverlap (non-
terminating; the other groups go on). A reference without numeric X and Y is InvalidParameter.Reference.
'@
    Parameters  = @{
        InputObject       = 'The measured points: any objects with the numeric properties named by -X and -Y (and optionally -StdErrProperty); usually piped.'
        Reference         = 'The reference curve: objects with the numeric properties -X and -Y, e.g. the output of Invoke-CommitteeOde or Get-RandomFeatureCurve. Split by -GroupBy when it carries those properties.'
        X                 = 'Property holding the abscissa (default Alpha; Time for random-feature curves).'
        Y                 = 'Property holding the compared value (default EpsG; TestLoss or TrainLoss for random-feature curves).'
        StdErrProperty    = 'Property holding the standard error of a single measured value (default StdErr, as -Aggregate writes it). Ignored where several values share an x: their spread is used.'
        CountProperty     = 'Property holding the number of seeds behind a single measured value (default Count, as -Aggregate writes it); with n >= 2 its z is calibrated through the t distribution with n - 1 degrees of freedom. Missing or 1: z = difference / StdErr.'
        GroupBy           = 'Property names that split the measured points (and the reference, when it has them) into curves compared separately, e.g. N, P or L.'
        RelativeTolerance = 'Systematic allowance as a fraction of the reference (default 0), added in quadrature to the standard error: 0.02 tolerates a 2 % bias of the theory, e.g. a finite-size correction. Must be in [0, 1e6).'
        PerPoint          = 'Emit one ComparisonPoint per measured x instead of one ComparisonSummary per group.'
    }
    Examples    = @(
        @{
            Code    = '$ode = Invoke-CommitteeOde -N 1024 -L 16 -K 2 -M 2 -AlphaGrid 1,10,100,1000; Invoke-CommitteeSgd -N 1024 -L 16 -K 2 -M 2 -AlphaGrid 1,10,100,1000 -Seed 1 -Repeat 8 -Aggregate | Compare-ScalingCurve -Reference $ode'
            Remarks = 'SGD averaged over 8 seeds against the ODE: worst |z|, chi-square per dof and its p-value.'
        }
        @{
            Code    = '$theory = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 2000 -N 100,200 -P Infinity -Time (1..40 | % { [math]::Pow(10, $_/8) }); Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 2000 -N 100,200 -P Infinity -Time 10,100,1000 -Seed 1 -Repeat 16 | Compare-ScalingCurve -Reference $theory -X Time -Y TestLoss -GroupBy N -PerPoint'
            Remarks = 'Per-seed simulation points against the theory at two widths: the seed spread gives each z, the theory is interpolated on log axes between its times.'
        }
        @{
            Code    = 'Import-Csv sim.csv | Compare-ScalingCurve -Reference (Import-Csv theory.csv) -X step -Y loss -RelativeTolerance 0.02'
            Remarks = 'Curves from another tool, with a 2 % systematic allowance.'
        }
    )
    Outputs     = 'ScalingPS.Core.Analysis.ComparisonSummary (default), ScalingPS.Core.Analysis.ComparisonPoint (-PerPoint)'
}
