@{
    Synopsis    = 'Finds the compute-optimal frontier C = N t: for each compute budget the best model size, training time and loss, and the exponents of N*(C), t*(C) and L*(C) with bootstrap intervals.'
    Description = @'
From points (default properties N, Time, TestLoss, as the random-feature cmdlets emit them; any objects or
Import-Csv rows work), the loss is read as one curve of loss against time per model size, the standard way to
read a compute frontier. Compute is C = ComputeFactor x Size x Time (default factor 1, C = N t as in
docs/random-features.md, section 4; use 6 for the 6ND FLOP count). For each budget on a log grid
(C = 10^(k/BinsPerDecade)) every size whose curve reaches t = C/(factor N) is read off it by linear interpolation
on log-log axes; the least loss wins. When the winner has a smaller and a larger size beside it the optimum is
interior (Interior = $true) and is refined by the vertex of a parabola through the three in (log N, log L);
otherwise it is only the edge of the sizes given (Interior = $false) and is left out of the exponent fits.

Output: one ScalingPS.Core.Analysis.ComputeFrontierPoint per budget (Compute, Size, Time, Loss, Interior), then
one ScalingPS.Core.Analysis.ComputeOptimalSummary per group with SizeExponent, TimeExponent and LossExponent
(least-squares slopes on log axes over the interior points: N* ~ C^SizeExponent, t* ~ C^TimeExponent,
L* - LossOffset ~ C^LossExponent) and their bootstrap intervals. The bootstrap recomputes the whole frontier
from resampled seeds (a -ClusterBy property, default Seed, with at least 5 values: calibrated, 28-29 of 30
data sets covered in the tests) or from resampled points (approximate: about 80 % coverage for a nominal 95 %,
because a single point per (size, time) can only be kept or dropped, not redrawn; a warning says so).

-Law takes a Chinchilla fit from Measure-ScalingLaw (L = E + A N^-a + B D^-b with D read as time) and
-LossFunction a script block { param($N, $t) ... } returning the loss; both are evaluated on a log grid over
-SizeRange x -TimeRange and read with the same estimator. With -Law, LossOffset defaults to the fitted E; for
that law the exact exponents are N* ~ C^(b/(a+b)), t* ~ C^(a/(a+b)), L* - E ~ C^(-ab/(a+b)) (the tests recover
them to 1e-3), and their intervals come from the fit's own bootstrap draws of (a, b) taken jointly (38 and 39 of
40 noisy data sets covered in the tests); the loss interval is NaN if -LossOffset differs from E. A script
block has no sampling noise, so its intervals are NaN.

Refusals (non-terminating errors): FitRefused.TooFewPoints (fewer than 3 sizes), FitRefused.NoInteriorMinimum
(fewer than 3 budgets with an interior optimum: extend the sizes or times), FitRefused.RangeTooNarrow (the
interior frontier spans fewer than -MinDecades decades), FitRefused.NonPositive (a size, time or loss that is not
finite and positive, or L* <= LossOffset).
'@
    Parameters  = @{
        InputObject    = 'Points with a model size, a time and a loss (usually piped).'
        Size           = 'Property holding the model size N (default N).'
        Time           = 'Property holding the training time t (default Time): steps, or eta x steps, as long as C = factor N t is the compute.'
        Loss           = 'Property holding the loss (default TestLoss).'
        GroupBy        = 'Property names that split the points into separate frontiers (e.g. a task exponent).'
        Resample       = 'Auto (default: whole seeds when the -ClusterBy property has at least 5 values, else points), Points or Clusters.'
        ClusterBy      = 'Property labelling independent runs for the cluster bootstrap (default Seed).'
        Law            = 'A Chinchilla ScalingLawFit from Measure-ScalingLaw; its D is read as time.'
        LossFunction   = 'A script block { param($N, $t) ... } that returns the loss at size N and time t.'
        SizeRange      = 'Two numbers, the least and greatest model size of the grid on which -Law or -LossFunction is evaluated.'
        TimeRange      = 'Two numbers, the least and greatest time of the grid on which -Law or -LossFunction is evaluated.'
        SizesPerDecade = 'Grid sizes per decade for -Law and -LossFunction (default 8).'
        TimesPerDecade = 'Grid times per decade for -Law and -LossFunction (default 16).'
        ComputeFactor  = 'C = ComputeFactor x Size x Time (default 1). Scales C, not the exponents.'
        BinsPerDecade  = 'Compute budgets per decade of C (default 4).'
        LossOffset     = 'Subtracted from L* before its exponent is fitted (an irreducible loss). Default 0, or the fitted offset E with -Law.'
        Confidence     = 'Coverage of the intervals, in (0, 1). Default 0.95.'
        Bootstrap      = 'Bootstrap resamples of the points (default 1000; 0 for none). Ignored with -Law (which uses the fit''s own draws) and -LossFunction.'
        Seed           = 'Seed of the bootstrap random streams (default 0).'
        MinDecades     = 'Least compute range, in decades, of the interior frontier for fitting exponents (default 1).'
        SummaryOnly    = 'Emit only the summary, not the frontier points.'
    }
    Examples    = @(
        @{
            Code    = '$points | Find-ComputeOptimal -Size N -Time Time -Loss TestLoss -SummaryOnly'
            Remarks = 'The frontier exponents of a random-feature sweep over widths N and times t; compare with docs/random-features.md, section 4 (a = 1.5, b = 1.25: N* slope 0.444, t* 0.556, L* -0.222).'
        }
        @{
            Code    = '$law = $runs | Measure-ScalingLaw -X N -Z D -Y Loss -Form Chinchilla; Find-ComputeOptimal -Law $law -SizeRange 1e6, 1e11 -TimeRange 1e8, 1e13 -ComputeFactor 6'
            Remarks = 'The frontier of a fitted Chinchilla law with C = 6 N D.'
        }
        @{
            Code    = 'Find-ComputeOptimal -LossFunction { param($N, $t) [math]::Pow($t, -0.4) + [math]::Pow($N, -0.5) } -SizeRange 1e1, 1e5 -TimeRange 1e1, 1e7 | Where-Object Interior'
            Remarks = 'The frontier of L = t^-r_t + N^-r_N (docs/random-features.md, section 4): N* ~ C^(r_t/(r_t+r_N)).'
        }
    )
    Outputs     = 'ScalingPS.Core.Analysis.ComputeFrontierPoint, ScalingPS.Core.Analysis.ComputeOptimalSummary'
}
