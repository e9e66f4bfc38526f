<#
.SYNOPSIS
    Heavy-ball momentum in the random-feature model: the theory (Get-RandomFeatureCurve -Optimizer Momentum)
    against simulation at (N, P) = (100, inf), (200, 400), (400, 200) up to t = 1e5.
.DESCRIPTION
    a = 1.5, b = 1.25, M = 2000, eta = 0.1, mu = 0.9 (late effective rate eta/(1 - mu) = 1), 16 seeds; time is
    eta x steps. The theory inverts the generating function of the iteration on a contour that encloses the
    underdamped (oscillating) modes; gradient flow at the same time is drawn for reference (momentum is ten times
    faster late). Checks: simulation against theory per point (Compare-ScalingCurve z) and per curve (worst |z|,
    chi-square per dof).
    -Quick: M = 1000, 4 seeds, t up to 1e4.
#>
param([string] $OutputPath = (Join-Path $PSScriptRoot '../out/examples/RandomFeature-Momentum'), [switch] $Quick)
. (Join-Path $PSScriptRoot 'Common.ps1')
$ctx = Start-Example -Name 'RandomFeature-Momentum' -OutputPath $OutputPath -Quick:$Quick -Description 'heavy-ball theory against simulation'
$m = if ($Quick) { 1000 } else { 2000 }
$seeds = if ($Quick) { 4 } else { 16 }
$tMax = if ($Quick) { 1e4 } else { 1e5 }
$hb = @{ A = 1.5; B = 1.25; M = $m; Optimizer = 'Momentum'; Eta = 0.1; Momentum = 0.9 }
$grid = Get-LogGrid 0.1 $tMax 6
$simTimes = Get-LogGrid 1 $tMax 2
$rows = @(foreach ($np in @(@(100, [double]::PositiveInfinity), @(200, 400), @(400, 200))) {
        Get-RandomFeatureCurve @hb -N $np[0] -P $np[1] -Time $grid
        Invoke-RandomFeatureTraining @hb -N $np[0] -P $np[1] -Time $simTimes -Repeat $seeds -Aggregate
        Get-RandomFeatureCurve -A 1.5 -B 1.25 -M $m -N $np[0] -P $np[1] -Time $grid | ForEach-Object { $_ | Add-Member -NotePropertyName Series -NotePropertyValue 'gradient flow' -PassThru }
    }) | ForEach-Object {
    $series = if ($_.PSObject.Properties['Series']) { $_.Series } else { 'momentum' }
    $_ | Add-Member -NotePropertyName Curve -NotePropertyValue "N=$($_.N), P=$($_.P), $series" -PassThru -Force
}
Save-ExampleCsv $ctx 'RandomFeature-Momentum' @($rows | Select-Object Source, Curve, Optimizer, Momentum, Eta, N, P, Time, TestLoss, TrainLoss, StdErr, Count, M)
Save-ExamplePlot $ctx 'RandomFeature-Momentum' @($rows | Where-Object TestLoss -gt 1e-6) -X Time -Y TestLoss -Options @{
    GroupBy = 'Curve'; Title = "Heavy ball μ = 0.9, η = 0.1: theory lines, simulation markers ($seeds seeds); gradient flow for reference" }
$momentum = @($rows | Where-Object Optimizer -eq 'Momentum')
Add-ComparisonCheck $ctx @($momentum | Where-Object Source -eq 'Simulation') @($momentum | Where-Object Source -eq 'Theory') -GroupBy Curve
Complete-Example $ctx
