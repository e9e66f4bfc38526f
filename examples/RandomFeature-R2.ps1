<#
.SYNOPSIS
    Random-feature reconstruction R2 (docs/random-features.md): the compute-optimal frontier of the
    DMFT theory, test loss against compute C = N t at P = infinity, and its slopes against docs/random-features.md, section 4.
.DESCRIPTION
    a = 1.5, b = 1.25, M = 3e4, N = 14 widths log-spaced in [10, 2000], t = 41 times in [1, 1e5]. The frontier
    (lowest loss at each compute, Get-RandomFeatureCurve -Compute) is fitted by Measure-ScalingLaw on its interior
    points; predicted (Get-RandomFeatureExponent): L* ~ C^-0.222, N* ~ C^0.444, t* ~ C^0.556.
    -Quick: M = 2000, 10 widths in [10, 500], times to 1e4.
#>
param([string] $OutputPath = (Join-Path $PSScriptRoot '../out/examples/RandomFeature-R2'), [switch] $Quick)
. (Join-Path $PSScriptRoot 'Common.ps1')
$ctx = Start-Example -Name 'RandomFeature-R2' -OutputPath $OutputPath -Quick:$Quick -Description 'compute-optimal frontier'
$m = if ($Quick) { 2000 } else { 30000 }
$widths = if ($Quick) { Get-LogGrid 10 500 6 | ForEach-Object { [math]::Round($_) } } else { 0..13 | ForEach-Object { [math]::Round(10 * [math]::Pow(200, $_ / 13)) } }
$times = if ($Quick) { Get-LogGrid 1 1e4 6 } else { Get-LogGrid 1 1e5 8 }
$result = Invoke-ComputeFrontier -A 1.5 -B 1.25 -M $m -Widths $widths -Times $times
Save-ExampleCsv $ctx 'RandomFeature-R2-curves' $result.Curves
Save-ExampleCsv $ctx 'RandomFeature-R2-frontier' $result.Frontier
Save-ExamplePlot $ctx 'RandomFeature-R2' $result.Plot -X Compute -Y TestLoss -Options @{
    GroupBy = 'N'; Fit = $result.LossFit; XLabel = 'C = N t (compute)'
    Title = "R2: compute frontier, a = 1.5, b = 1.25, M = $m, P = ∞" }
$predicted = Get-RandomFeatureExponent -A 1.5 -B 1.25
Add-Check $ctx 'frontier loss slope L* ~ C^x' "$($result.Interior) interior points" (-$result.LossFit.Exponent) (-$predicted.ComputeLossExponent) 'docs/random-features.md, section 4'
Add-Check $ctx 'frontier width slope N* ~ C^x' '' (-$result.WidthFit.Exponent) $predicted.ComputeWidthExponent 'docs/random-features.md, section 4'
Add-Check $ctx 'frontier time slope t* ~ C^x' '' (-$result.TimeFit.Exponent) $predicted.ComputeTimeExponent 'docs/random-features.md, section 4'
Complete-Example $ctx
