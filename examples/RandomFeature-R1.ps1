<#
.SYNOPSIS
    Random-feature reconstruction R1 (docs/random-features.md): test loss L(t) for several widths N at
    P = infinity, several data sizes P at N = infinity, and N = 200, P = 400; DMFT theory (lines) against simulation
    (markers, seed means with standard errors).
.DESCRIPTION
    a = 1.5, b = 1.25, M = 2000, t in [1, 1e6]. Checks: the theory against docs/validation.md, the curves' late
    values against the static limit L_inf (docs/random-features.md, section 3), and the simulation against the theory in standard errors.
    -Quick: 4 seeds (16 in full), simulations to t = 1e3 (1e4 in full).
#>
param([string] $OutputPath = (Join-Path $PSScriptRoot '../out/examples/RandomFeature-R1'), [switch] $Quick)
. (Join-Path $PSScriptRoot 'Common.ps1')
$ctx = Start-Example -Name 'RandomFeature-R1' -OutputPath $OutputPath -Quick:$Quick -Description 'learning curves, theory vs simulation'
$seeds = if ($Quick) { 4 } else { 16 }
$rf = @{ A = 1.5; B = 1.25; M = 2000 }
$grid = Get-LogGrid 1 1e6 4
$simTimes = Get-LogGrid 1 $(if ($Quick) { 1e3 } else { 1e4 }) 4
$rows = @(
    Get-RandomFeatureCurve @rf -N 100, 400, Infinity -P Infinity -Time $grid
    Get-RandomFeatureCurve @rf -N Infinity -P 100, 400 -Time $grid
    Get-RandomFeatureCurve @rf -N 200 -P 400 -Time $grid
    Invoke-RandomFeatureTraining @rf -N 100 -P Infinity -Time $simTimes -Repeat $seeds -Aggregate
    Invoke-RandomFeatureTraining @rf -N 200 -P 400 -Time $simTimes -Repeat $seeds -Aggregate
) | ForEach-Object { $_ | Add-Member -NotePropertyName Curve -NotePropertyValue "N=$($_.N), P=$($_.P)" -PassThru }
Save-ExampleCsv $ctx 'RandomFeature-R1' @($rows | Select-Object Source, Curve, N, P, Time, TestLoss, TrainLoss, Bias, StdErr, Count, A, B, M)
Save-ExamplePlot $ctx 'RandomFeature-R1' @($rows | Where-Object TestLoss -gt 1e-6) -X Time -Y TestLoss -Options @{
    GroupBy = 'Curve'; Title = "R1: a = 1.5, b = 1.25, M = 2000 (theory lines, simulation markers, $seeds seeds)" }

$table = @(
    @{ N = [double]::PositiveInfinity; P = [double]::PositiveInfinity; T = 1, 10, 100, 1e3, 1e4; L = 1.31349, 0.490693, 0.168617, 0.0419674, 0.00208922 }
    @{ N = 100.0; P = [double]::PositiveInfinity; T = 1, 10, 100, 1e3; L = 1.34356, 0.60065, 0.40118, 0.38837 }
    @{ N = [double]::PositiveInfinity; P = 100.0; T = 1, 10, 100; L = 1.33688, 0.56732, 0.33838 }
    @{ N = 200.0; P = 400.0; T = 1, 10, 100, 1e3, 1e4; L = 1.33463, 0.5672, 0.34537, 0.39405, 0.49154 }
)
foreach ($entry in $table) {
    $theory = Get-RandomFeatureCurve @rf -N $entry.N -P $entry.P -Time $entry.T
    for ($i = 0; $i -lt $entry.T.Count; $i++) {
        Add-Check $ctx 'theory test loss' "N=$($entry.N), P=$($entry.P), t=$($entry.T[$i])" $theory[$i].TestLoss $entry.L[$i] 'docs/validation.md'
    }
}
$static = Get-RandomFeatureCurve @rf -N 100 -P Infinity -Static
$late = ($rows | Where-Object { $_.Source -eq 'Theory' -and $_.N -eq 100 -and [double]::IsInfinity($_.P) })[-1]
Add-Check $ctx 'L(t = 1e6) / static L_inf' 'N=100, P=inf' ($late.TestLoss / $static.TestLoss) 1 'L_inf = 0.38837 (docs/random-features.md, section 3)'
# Simulation against theory at every simulated time from t = 10 (Compare-ScalingCurve: z per point, chi2 per curve).
Add-ComparisonCheck $ctx @($rows | Where-Object { $_.Source -eq 'Simulation' -and $_.Time -ge 9 }) @($rows | Where-Object Source -eq 'Theory') -GroupBy Curve
Complete-Example $ctx
