<#
.SYNOPSIS
    Random-feature reconstruction R5 (docs/random-features.md, section 4): an ensemble of E = 4 width-100
    models against single models of width 100 and 400 at P = infinity: ensembling removes only variance.
.DESCRIPTION
    a = 1.5, b = 1.25, M = 1500, N = 100, E = 4, t in [1, 1e5]. Theory: L_E = B + (L - B)/E; the simulated ensembles
    (8 in full) should match it, stay above the bias B(t; N) and above the single model of width 4N.
    -Quick: 3 ensembles, t to 1e4.
#>
param([string] $OutputPath = (Join-Path $PSScriptRoot '../out/examples/RandomFeature-R5'), [switch] $Quick)
. (Join-Path $PSScriptRoot 'Common.ps1')
$ctx = Start-Example -Name 'RandomFeature-R5' -OutputPath $OutputPath -Quick:$Quick -Description 'ensembles against width'
$repeat = if ($Quick) { 3 } else { 8 }
$rf = @{ A = 1.5; B = 1.25; M = 1500 }
$grid = Get-LogGrid 1 1e5 4
$simTimes = if ($Quick) { 1, 10, 100, 1e3, 1e4 } else { 1, 10, 100, 1e3, 1e4, 1e5 }
$label = { param($p) if ($p.Ensemble -gt 1) { "E=$($p.Ensemble) x N=$($p.N)" } else { "N=$($p.N)" } }
$rows = @(
    Get-RandomFeatureCurve @rf -N 100, 400 -Time $grid
    Get-RandomFeatureCurve @rf -N 100 -Ensemble 4 -Time $grid
    Invoke-RandomFeatureTraining @rf -N 100 -Ensemble 4 -Time $simTimes -Repeat $repeat -Aggregate
) | ForEach-Object { $_ | Add-Member -NotePropertyName Series -NotePropertyValue (& $label $_) -PassThru }
$bias = Get-RandomFeatureCurve @rf -N 100 -Time $grid | ForEach-Object {
    [pscustomobject]@{ Source = 'Theory'; Series = 'bias B(t; N=100)'; Time = $_.Time; TestLoss = $_.Bias; N = 100; Ensemble = 1 } }
$all = @($rows | Select-Object Source, Series, N, Ensemble, Time, TestLoss, Bias, StdErr, Count) + @($bias)
Save-ExampleCsv $ctx 'RandomFeature-R5' $all
Save-ExamplePlot $ctx 'RandomFeature-R5' $all -X Time -Y TestLoss -Options @{
    GroupBy = 'Series'; Title = "R5: ensembles vs width, a = 1.5, b = 1.25, M = 1500, P = ∞ ($repeat ensembles)" }
foreach ($sim in $rows | Where-Object Source -eq 'Simulation') {
    $t = $sim.Time
    $one = Get-RandomFeatureCurve @rf -N 100 -Time $t
    $wide = Get-RandomFeatureCurve @rf -N 400 -Time $t
    $predicted = $one.Bias + ($one.TestLoss - $one.Bias) / 4
    Add-Check $ctx 'simulated L_E / (B + (L - B)/E)' "t=$t" ($sim.TestLoss / $predicted) 1 ('stderr {0:P1}' -f ($sim.StdErr / $sim.TestLoss))
    Add-Check $ctx 'L_E / B(t; N)' "t=$t" ($predicted / $one.Bias) -Note '>= 1: ensembling cannot remove the bias'
    Add-Check $ctx 'L_E / L(t; 4N)' "t=$t" ($predicted / $wide.TestLoss) -Note '> 1 once bias dominates: widening beats ensembling'
}
Complete-Example $ctx
