<#
.SYNOPSIS
    Random-feature reconstruction R8 (docs/random-features.md): label noise sigma = 0.5, test and train
    loss from the DMFT theory against simulation.
.DESCRIPTION
    a = 1.5, b = 1.25, M = 1500, sigma = 0.5, 10 seeds; (N, P) = (200, 400) at t = 1, 100, 1e5 and (400, 200) at
    t = 1e3, 1e5, with theory curves over t in [1, 1e5]. Checks: (simulation - theory) / stderr for both losses.
    -Quick: 3 seeds.
#>
param([string] $OutputPath = (Join-Path $PSScriptRoot '../out/examples/RandomFeature-R8'), [switch] $Quick)
. (Join-Path $PSScriptRoot 'Common.ps1')
$ctx = Start-Example -Name 'RandomFeature-R8' -OutputPath $OutputPath -Quick:$Quick -Description 'label noise sigma = 0.5'
$seeds = if ($Quick) { 3 } else { 10 }
$rf = @{ A = 1.5; B = 1.25; M = 1500; Sigma = 0.5 }
$settings = @(@{ N = 200; P = 400; T = 1, 100, 1e5 }, @{ N = 400; P = 200; T = 1e3, 1e5 })
$rows = foreach ($s in $settings) {
    Get-RandomFeatureCurve @rf -N $s.N -P $s.P -Time (Get-LogGrid 1 1e5 4)
    Invoke-RandomFeatureTraining @rf -N $s.N -P $s.P -Time $s.T -Repeat $seeds -Aggregate
}
# One tidy row per loss, so test and train curves are separate series of one plot.
$long = @(foreach ($r in $rows) {
        foreach ($kind in 'Test', 'Train') {
            $err = if ($kind -eq 'Test') { $r.StdErr } else { $r.TrainStdErr }
            [pscustomobject]@{ Source = $r.Source; Curve = "N=$($r.N), P=$($r.P), $($kind.ToLower())"; N = $r.N; P = $r.P; Loss = $kind
                Time = $r.Time; Value = $r."$($kind)Loss"; StdErr = $err; Count = $r.Count; Sigma = 0.5 }
        }
    })
Save-ExampleCsv $ctx 'RandomFeature-R8' $long
Save-ExamplePlot $ctx 'RandomFeature-R8' @($long | Where-Object Value -gt 1e-4) -X Time -Y Value -Options @{
    GroupBy = 'Curve'; YLabel = 'loss'; Title = "R8: label noise σ = 0.5, a = 1.5, b = 1.25, M = 1500 (theory lines, simulation markers)" }
$theory = @($long | Where-Object Source -eq 'Theory')
foreach ($sim in $long | Where-Object Source -eq 'Simulation') {
    $th = Get-ValueAt @($theory | Where-Object Curve -eq $sim.Curve) Time Value $sim.Time
    if (-not ($th -gt 1e-10)) {
        Add-Check $ctx "$($sim.Loss.ToLower()) loss (interpolation, N > P)" "N=$($sim.N), P=$($sim.P), t=$($sim.Time)" $sim.Value 0 'both ~0: the model interpolates the noisy labels'
    }
}
# Simulation against theory where the loss is not ~0 (Compare-ScalingCurve: z per point, chi2 per curve).
$live = @($long | Where-Object { $_.Source -eq 'Simulation' -and $_.Value -gt 1e-10 })
foreach ($kind in 'Test', 'Train') {
    $sims = @($live | Where-Object Loss -eq $kind)
    if ($sims.Count) { Add-ComparisonCheck $ctx $sims $theory -X Time -Y Value -GroupBy Curve -Quantity "(simulation - theory) / stderr, $($kind.ToLower()) loss" }
}
Complete-Example $ctx
