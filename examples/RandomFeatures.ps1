<#
.SYNOPSIS
    Reconstructs the random-feature figures of Bordelon, Atanasov & Pehlevan (ICML 2024) with the settings R1-R8 of
    spec/random-features.md section 5.2, theory beside simulation, and writes one CSV per figure to -OutputPath.
.DESCRIPTION
    Each CSV holds RandomFeaturePoint rows (Source = Theory or Simulation), so any plotting tool can draw the
    figure from it; with -Quick the simulations use fewer seeds. Takes about a minute on two cores.
#>
param(
    [string] $OutputPath = (Join-Path $PSScriptRoot '../out/examples/random-features'),
    [switch] $Quick
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Module ScalingPS)) { Import-Module (Join-Path $PSScriptRoot '../out/ScalingPS') }
$null = New-Item -ItemType Directory -Force $OutputPath
$seeds = if ($Quick) { 4 } else { 16 }
function Save($rows, [string] $name) {
    $path = Join-Path $OutputPath "$name.csv"
    $rows | Export-Csv $path -NoTypeInformation
    Write-Host "Wrote $path ($(@($rows).Count) rows)"
}
$grid = 0..24 | ForEach-Object { [math]::Pow(10, $_ / 4) }   # t = 1 .. 1e6

Write-Host 'R1: L(t) for several N at P = Infinity, several P at N = Infinity, and N = 200, P = 400' -ForegroundColor Cyan
$r1 = @(
    Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 2000 -N 50, 100, 200, 400, Infinity -P Infinity -Time $grid
    Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 2000 -N Infinity -P 50, 100, 200, 400 -Time $grid
    Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 2000 -N 200 -P 400 -Time $grid
    Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 2000 -N 100, 200 -P 400 -Time ($grid | Select-Object -First 17) -Repeat $seeds -Aggregate
)
Save $r1 'R1-learning-curves'

Write-Host 'R2: compute-optimal frontier at P = Infinity (C = N t)' -ForegroundColor Cyan
$widths = 0..13 | ForEach-Object { [math]::Round(10 * [math]::Pow(200, $_ / 13)) }
$times = 0..40 | ForEach-Object { [math]::Pow(1e5, $_ / 40) }
$m2 = if ($Quick) { 3000 } else { 30000 }
Save (Get-RandomFeatureCurve -A 1.5 -B 1.25 -M $m2 -N $widths -Time $times -Compute) 'R2-compute-frontier'
Get-RandomFeatureExponent -A 1.5 -B 1.25 | Format-Table

Write-Host 'R3: finite-width correction versus N (1/N early, N^-(a-1) late)' -ForegroundColor Cyan
$t3 = 0.3, 1, 3, 100, 1e4, 1e6
Save (Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 30000 -N 100, 200, 400, 800, 1600, 3200, Infinity -Time $t3) 'R3-width-correction'

Write-Host 'R4: train-test gap versus P at N = Infinity' -ForegroundColor Cyan
Save (Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 30000 -N Infinity -P 100, 200, 400, 800, 1600, 3200 -Time $t3) 'R4-train-test-gap'

Write-Host 'R5: ensembles of E = 4 width-100 models versus single models of width 100 and 400 (P = Infinity)' -ForegroundColor Cyan
$t5 = 1, 10, 100, 1e3, 1e4, 1e5
Save @(
    Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 1500 -N 100, 400 -Time $t5
    Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 1500 -N 100 -Ensemble 4 -Time $t5
    Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 1500 -N 100 -Ensemble 4 -Time $t5 -Repeat ([math]::Min($seeds, 8)) -Aggregate
) 'R5-ensembles'

Write-Host 'R6: wider is not always better at P = 300 (late loss peaks at N = P; early-stopped loss falls with N)' -ForegroundColor Cyan
$r6 = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 3000 -N 50, 100, 200, 280, 300, 320, 400, 800, 1600, 3000 -P 300 -Time (0..12 | ForEach-Object { [math]::Pow(10, $_ / 2) })
Save $r6 'R6-width-with-finite-data'
$r6 | Group-Object N | ForEach-Object {
    [pscustomobject]@{ N = [double]$_.Name; BestTestLoss = ($_.Group | Measure-Object TestLoss -Minimum).Minimum; LateTestLoss = ($_.Group | Sort-Object Time)[-1].TestLoss }
} | Sort-Object N | Format-Table

Write-Host 'R7: easy-task model bottleneck, (a, b) = (4, 1.1): slope towards -b = -1.1, not -2.2' -ForegroundColor Cyan
$n7 = 25, 50, 100, 200, 400
Save @(
    Get-RandomFeatureCurve -A 4 -B 1.1 -M 4000 -N $n7 -Static
    Invoke-RandomFeatureTraining -A 4 -B 1.1 -M 4000 -N $n7 -Time 1e8 -Repeat ([math]::Min($seeds, 6)) -Aggregate
) 'R7-easy-task-model-bottleneck'

Write-Host 'R8: label noise sigma = 0.5, theory versus simulation' -ForegroundColor Cyan
Save @(
    Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 1500 -N 200 -P 400 -Sigma 0.5 -Time 1, 100, 1e5
    Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 1500 -N 400 -P 200 -Sigma 0.5 -Time 1e3, 1e5
    Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 1500 -N 200 -P 400 -Sigma 0.5 -Time 1, 100, 1e5 -Repeat ([math]::Min($seeds, 10)) -Aggregate
    Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 1500 -N 400 -P 200 -Sigma 0.5 -Time 1e3, 1e5 -Repeat ([math]::Min($seeds, 10)) -Aggregate
) 'R8-label-noise'
