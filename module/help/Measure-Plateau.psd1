@{
    Synopsis    = 'Finds plateaus in learning curves on log axes: start, end, length, height and the escape time to a fraction of the height, per curve.'
    Description = @'
Reads -X (default Alpha) and -Y (default EpsG) from any pipeline objects (ScalingPS records, Import-Csv rows,
...), one curve per -GroupBy group (use -GroupBy Seed for one result per seed; points with equal x in a group
are averaged). Points with x = 0 (the alpha = 0 start of a learning curve) or y = 0 (an error that reached
exactly zero) have no place on log axes and are left out with a warning; negative or non-finite values are
refused (FitRefused.NonPositive). Emits one ScalingPS.Core.Analysis.Plateau per plateau found, in order of x, or one object with
HasPlateau = $false (other fields NaN) for a curve without a plateau.

Criterion, with u = log10 x and v = log10 y:
  1. Smooth: s_i = median of v over the points with |u_j - u_i| <= Window/2 (a running median ignores outliers
     and leaves a monotone curve unchanged).
  2. Local slope: the least-squares slope of s against u over the same window (at least 3 points).
  3. Flat core: a maximal run of points with |slope| < SlopeThreshold.
  4. Extension: the core is extended on both sides while the smoothed curve stays within a factor
     (1 + Tolerance) of the core's median height; overlapping plateaus merge. This pins Start and End to where
     the curve meets the plateau rather than to where the slope window stops straddling a corner.
  5. A plateau must span at least MinDecades decades. Height is the median y over it; Start and End are the
     x of its first and last sampled points; Length = End - Start; LengthDecades = log10(End/Start).
  6. A flat run that begins at the first sample is the initial condition, not a plateau, and is dropped unless
     -IncludeInitial. A run that reaches the last sample is kept (a final floor) and has Escaped = $false.
Escape: EscapeX is the first sampled x at or after Start with y < EscapeFraction x Height (default 1/2, the
"first alpha with eps_g < eps_g^pl / 2" of docs/committee.md, section 6); NaN and
Escaped = $false when the curve never gets there.

On synthetic step curves with 20 points per decade the ends are found within 0.1 decades, with and without 3 %
noise. With -SpecialisationThreshold c, SpecialisationX is the first x at which the mean specialisation of the students
exceeds c (order-parameter input). This is the escape alpha_S used for the plateau-length law: with c = 0.2 and
Get-CommitteePlateau -LogConstant 0.2 the prediction alpha_0 + ln(c/S_0)/gamma_esc refers to the same event.

Refusals are non-terminating errors: FitRefused.NonPositive (a y or x that is not finite and positive),
FitRefused.TooFewPoints (fewer than 5 distinct x in a curve). Missing properties give MissingProperty.
'@
    Parameters  = @{
        InputObject    = 'The learning-curve points: any objects with the numeric properties named by -X and -Y; usually piped.'
        X              = 'Property holding the time axis (default Alpha). Values must be positive.'
        Y              = 'Property holding the error (default EpsG). Values must be positive.'
        GroupBy        = 'Property names that split the input into curves, e.g. Seed, or L, Seed. Default: one curve.'
        Window         = 'Width in decades of x of the running median and of the local-slope window (default 0.3). Wider tolerates more noise but blurs short features.'
        SlopeThreshold = 'A point is flat when the magnitude of the local slope d log y / d log x is below this (default 0.1).'
        MinDecades     = 'Shortest plateau reported, in decades of x (default 0.5).'
        Tolerance      = 'Relative band around the height into which a flat core is extended: y within [h/(1+Tolerance), h(1+Tolerance)] (default 0.1).'
        EscapeFraction = 'Escape when y first falls below this fraction of the height (default 0.5), in (0, 1).'
        IncludeInitial = 'Also report a flat run that starts at the first sample (by default it is the initial condition, not a plateau).'
        SpecialisationThreshold = 'Escape by specialisation: SpecialisationX is the first x where the students'' mean specialisation (the Specialisation property of order-parameter objects: per student max_n R_in minus the mean of its other overlaps, on the first-order R) exceeds this value; 0.2 is the usual choice. Needs the -OrderParameters output of Invoke-CommitteeOde or Invoke-CommitteeSgd. Unlike the half-height escape it does not depend on the curve having a flat plateau, so it separates the escape from the approach when the two overlap (large L). Must be > 0.'
    }
    Examples    = @(
        @{
            Code    = 'Invoke-CommitteeOde -N 512 -L 1 -K 4 -M 4 -Eta 0.01 -SigmaJ 1e-6 -Alpha 3e5 -OrderParameters | Measure-Plateau -SpecialisationThreshold 0.2 | Select-Object Start, Height, EscapeX, SpecialisationX'
            Remarks = 'The escape alpha_S (mean specialisation > 0.2) next to the half-height escape.'
        }
        @{
            Code    = '$curve | Measure-Plateau | Format-Table'
            Remarks = 'Plateaus of a committee learning curve (Alpha, EpsG): where it starts and ends, its height and the first alpha with eps_g below half the height.'
        }
        @{
            Code    = '$sgd | Measure-Plateau -GroupBy Seed | Measure-Object -Property EscapeX -Average -StandardDeviation'
            Remarks = 'Escape time per seed, then its mean and spread over seeds.'
        }
        @{
            Code    = 'Import-Csv curve.csv | Measure-Plateau -X step -Y loss -Window 0.5 -SlopeThreshold 0.15'
            Remarks = 'A noisy curve from another tool: a wider window and a looser flatness threshold.'
        }
    )
    Outputs     = 'ScalingPS.Core.Analysis.Plateau'
}
