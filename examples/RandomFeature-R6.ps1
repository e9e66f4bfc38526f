<#
.SYNOPSIS
    Random-feature reconstruction R6 (docs/random-features.md, section 4): wider is not always better
    with finite data: at P = 300 the late loss peaks at N = P while the early-stopped loss falls with N.
.DESCRIPTION
    a = 1.5, b = 1.25, M = 3000, P = 300, N in {50, 100, 200, 280, 300, 320, 400, 800, 1600, 3000}, t in [1, 1e6].
    Checks: min_t L decreases monotonically with N; L(t = 1e6) is largest at N = P.
    -Quick: M = 1500, N in {50, 100, 200, 300, 400, 800, 1500}.
#>
param([string] $OutputPath = (Join-Path $PSScriptRoot '../out/examples/RandomFeature-R6'), [switch] $Quick)
. (Join-Path $PSScriptRoot 'Common.ps1')
$ctx = Start-Example -Name 'RandomFeature-R6' -OutputPath $OutputPath -Quick:$Quick -Description 'wider is not always better at P = 300'
$m = if ($Quick) { 1500 } else { 3000 }
$widths = if ($Quick) { 50, 100, 200, 300, 400, 800, 1500 } else { 50, 100, 200, 280, 300, 320, 400, 800, 1600, 3000 }
$curves = @(Get-RandomFeatureCurve -A 1.5 -B 1.25 -M $m -N $widths -P 300 -Time (Get-LogGrid 1 1e6 4))
$summary = @(foreach ($group in $curves | Group-Object N) {
        $sorted = @($group.Group | Sort-Object Time)
        [pscustomobject]@{ N = [double]$group.Name; P = 300; BestTestLoss = ($sorted | Measure-Object TestLoss -Minimum).Minimum
            BestTime = ($sorted | Sort-Object TestLoss | Select-Object -First 1).Time; LateTestLoss = $sorted[-1].TestLoss; LateTime = $sorted[-1].Time; M = $m }
    }) | Sort-Object N
Save-ExampleCsv $ctx 'RandomFeature-R6-curves' @($curves | Select-Object Source, N, P, Time, TestLoss, TrainLoss, M)
Save-ExampleCsv $ctx 'RandomFeature-R6' $summary
$plot = @($summary | ForEach-Object {
        [pscustomobject]@{ Source = 'Theory'; Quantity = 'L(t = 1e6)'; N = $_.N; TestLoss = $_.LateTestLoss }
        [pscustomobject]@{ Source = 'Theory'; Quantity = 'min over t of L'; N = $_.N; TestLoss = $_.BestTestLoss } })
Save-ExamplePlot $ctx 'RandomFeature-R6' $plot -X N -Y TestLoss -Options @{
    GroupBy = 'Quantity'; XLabel = 'N (width)'; Title = "R6: P = 300, a = 1.5, b = 1.25, M = ${m}: late loss peaks at N = P" }
$monotone = 1
for ($i = 1; $i -lt $summary.Count; $i++) { if ($summary[$i].BestTestLoss -gt $summary[$i - 1].BestTestLoss) { $monotone = 0 } }
Add-Check $ctx 'min_t L decreasing in N (1 = yes)' "N=$($widths[0])..$($widths[-1])" $monotone 1 'docs/random-features.md, section 4'
$peak = ($summary | Sort-Object LateTestLoss -Descending | Select-Object -First 1)
Add-Check $ctx 'N of the largest L(t = 1e6)' 'P=300' $peak.N 300 'interpolation peak at N = P'
Add-Check $ctx 'L(1e6) at N = P / at N = largest' '' ($peak.LateTestLoss / $summary[-1].LateTestLoss) -Note '> 1: wider is not always better late'
Complete-Example $ctx
