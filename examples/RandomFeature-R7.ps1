<#
.SYNOPSIS
    Random-feature reconstruction R7 (docs/random-features.md, section 4): the easy-task model bottleneck,
    (a, b) = (4, 1.1): L_inf(N) falls towards N^-min(a-1, b) = N^-1.1, not the N^-2.2 of the data bottleneck.
.DESCRIPTION
    M = 4000, N in {25, 50, 100, 200, 400}; static theory (docs/random-features.md, section 3, line) against gradient flow run to t = 1e8
    (markers, 6 seeds in full). Checks: the local slopes of the theory, which tend to -1.1, and the simulation
    against the theory.
    -Quick: M = 1500, N up to 200, 2 seeds.
#>
param([string] $OutputPath = (Join-Path $PSScriptRoot '../out/examples/RandomFeature-R7'), [switch] $Quick)
. (Join-Path $PSScriptRoot 'Common.ps1')
$ctx = Start-Example -Name 'RandomFeature-R7' -OutputPath $OutputPath -Quick:$Quick -Description 'easy-task model bottleneck'
$m = if ($Quick) { 1500 } else { 4000 }
$widths = if ($Quick) { 25, 50, 100, 200 } else { 25, 50, 100, 200, 400 }
$seeds = if ($Quick) { 2 } else { 6 }
$theory = @(Get-RandomFeatureCurve -A 4 -B 1.1 -M $m -N $widths -Static)
$sim = @(Invoke-RandomFeatureTraining -A 4 -B 1.1 -M $m -N $widths -Time 1e8 -Repeat $seeds -Aggregate)
$rows = @(@($theory) + @($sim) | Select-Object Source, N, P, Time, TestLoss, StdErr, Count, A, B, M)
Save-ExampleCsv $ctx 'RandomFeature-R7' $rows
$fit = $theory | Measure-ScalingLaw -X N -Y TestLoss -Bootstrap 100 -Seed 1 -MinDecades 0.5
Save-ExamplePlot $ctx 'RandomFeature-R7' $rows -X N -Y TestLoss -Options @{
    Fit = $fit; XLabel = 'N (width)'; YLabel = 'L∞ (test loss at t = ∞)'
    Title = "R7: easy task a = 4, b = 1.1, M = $m, P = ∞ (static theory line, GD to t = 1e8 markers)" }
for ($i = 1; $i -lt $widths.Count; $i++) {
    Add-Check $ctx 'local slope of L_inf(N)' "N=$($widths[$i - 1])..$($widths[$i])" (Get-LogSlope $theory N TestLoss $widths[$i - 1] $widths[$i]) -1.1 'tends to -min(a-1, b) = -1.1, not -2.2'
}
# Simulation (t = 1e8) against the static theory, per width (Compare-ScalingCurve over N).
Add-ComparisonCheck $ctx $sim $theory -X N -Y TestLoss -Quantity '(simulation - static theory) / stderr'
Complete-Example $ctx
