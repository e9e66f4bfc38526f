<#
.SYNOPSIS
    Random-feature reconstruction R4 (docs/random-features.md, section 4): the train-test gap from data
    reuse, L - L_hat against P at N = infinity: -1 while t^(1/b) << P, towards -min(a-1, 2b) = -0.5 late.
.DESCRIPTION
    a = 1.5, b = 1.25, M = 3e4, P in {100, ..., 3200} doubling, t in {0.3, 1, 3, 1e2, 1e4, 1e6}; the gap starts at 0
    and grows linearly, about (2t/P) tr(Lambda) L(0) (docs/random-features.md, section 3).
    -Quick: M = 5000, P in {100, ..., 1600}.
#>
param([string] $OutputPath = (Join-Path $PSScriptRoot '../out/examples/RandomFeature-R4'), [switch] $Quick)
. (Join-Path $PSScriptRoot 'Common.ps1')
$ctx = Start-Example -Name 'RandomFeature-R4' -OutputPath $OutputPath -Quick:$Quick -Description 'train-test gap against P'
$m = if ($Quick) { 5000 } else { 30000 }
$sizes = if ($Quick) { 100, 200, 400, 800, 1600 } else { 100, 200, 400, 800, 1600, 3200 }
$times = 0.3, 1, 3, 100, 1e4, 1e6
$rows = @(Get-RandomFeatureCurve -A 1.5 -B 1.25 -M $m -N Infinity -P $sizes -Time $times | ForEach-Object {
        [pscustomobject]@{ Source = 'Theory'; Time = $_.Time; P = $_.P; TestLoss = $_.TestLoss; TrainLoss = $_.TrainLoss; Gap = $_.TestLoss - $_.TrainLoss; M = $m }
    })
Save-ExampleCsv $ctx 'RandomFeature-R4' $rows
Save-ExamplePlot $ctx 'RandomFeature-R4' $rows -X P -Y Gap -Options @{
    GroupBy = 'Time'; YLabel = 'gap L − L̂'; Title = "R4: train-test gap, a = 1.5, b = 1.25, M = $m, N = ∞" }
Add-CrossoverSlopeCheck $ctx $rows $times -X P -Y Gap -B 1.25 -SmallestSize $sizes[0] -LateSlope -0.5 `
    -Quantity 'slope of the gap against P' -EarlyNote 'early: t^(1/b) << P' -LateNote 'late: towards -min(a-1, 2b)'
$trace = 0.0; $l0 = 0.0
for ($k = 1; $k -le $m; $k++) { $trace += [math]::Pow($k, -1.25); $l0 += [math]::Pow($k, -1.5) }
$early = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M $m -N Infinity -P 1600 -Time 0.01
Add-Check $ctx 'early gap / (2t/P) tr(Lambda) L(0)' 't=0.01, P=1600' (($early.TestLoss - $early.TrainLoss) / (2 * 0.01 / 1600 * $trace * $l0)) 1 'docs/random-features.md, section 4 linear onset (first order in t)'
foreach ($t in 1e4, 1e6) {
    # The late regime needs P << t^(1/b) and P << M: the local slope at the two smallest values
    Add-Check $ctx 'local slope at the smallest P' "t=$t, P=100..200" (Get-LogSlope @($rows | Where-Object Time -eq $t) P Gap 100 200) -0.5 'towards -(a-1) = -0.5 (docs/random-features.md, section 4)'
}
Complete-Example $ctx
