<#
.SYNOPSIS
    Random-feature reconstruction R3 (docs/random-features.md, section 4): the finite-width correction
    Delta(t, N) = L(t, N) - L(t, infinity) at P = infinity falls as 1/N early and as N^-(a-1) late.
.DESCRIPTION
    a = 1.5, b = 1.25, M = 3e4, N in {100, ..., 3200} doubling, t in {0.3, 1, 3, 1e2, 1e4, 1e6}. The slope of
    log Delta against log N over the widths: -1 at early times (t^(1/b) << N), towards -(a-1) = -0.5 late
    (the late slopes drift with N because of finite M, docs/random-features.md, section 4).
    -Quick: M = 5000, N in {100, ..., 1600}.
#>
param([string] $OutputPath = (Join-Path $PSScriptRoot '../out/examples/RandomFeature-R3'), [switch] $Quick)
. (Join-Path $PSScriptRoot 'Common.ps1')
$ctx = Start-Example -Name 'RandomFeature-R3' -OutputPath $OutputPath -Quick:$Quick -Description 'finite-width correction 1/N early, N^-(a-1) late'
$m = if ($Quick) { 5000 } else { 30000 }
$widths = if ($Quick) { 100, 200, 400, 800, 1600 } else { 100, 200, 400, 800, 1600, 3200 }
$times = 0.3, 1, 3, 100, 1e4, 1e6
$curves = @(Get-RandomFeatureCurve -A 1.5 -B 1.25 -M $m -N ($widths + [double]::PositiveInfinity) -Time $times)
$rows = @(foreach ($t in $times) {
        $limit = ($curves | Where-Object { [double]::IsInfinity($_.N) -and $_.Time -eq $t }).TestLoss
        foreach ($p in $curves | Where-Object { -not [double]::IsInfinity($_.N) -and $_.Time -eq $t }) {
            [pscustomobject]@{ Source = 'Theory'; Time = $t; N = $p.N; TestLoss = $p.TestLoss; LossInfiniteWidth = $limit; Delta = $p.TestLoss - $limit; M = $m }
        }
    })
Save-ExampleCsv $ctx 'RandomFeature-R3' $rows
Save-ExamplePlot $ctx 'RandomFeature-R3' $rows -X N -Y Delta -Options @{
    GroupBy = 'Time'; YLabel = 'Δ = L(t, N) − L(t, ∞)'; Title = "R3: finite-width correction, a = 1.5, b = 1.25, M = $m, P = ∞" }
Add-CrossoverSlopeCheck $ctx $rows $times -X N -Y Delta -B 1.25 -SmallestSize $widths[0] -LateSlope -0.5 `
    -Quantity 'slope of Delta against N' -EarlyNote 'early: t^(1/b) << N' -LateNote 'late: towards -(a-1), finite-M drift'
foreach ($t in 1e4, 1e6) {
    # The late regime needs N << t^(1/b) and N << M: the local slope at the two smallest values
    Add-Check $ctx 'local slope at the smallest N' "t=$t, N=100..200" (Get-LogSlope @($rows | Where-Object Time -eq $t) N Delta 100 200) -0.5 'towards -(a-1) = -0.5 (docs/random-features.md, section 4)'
}
Complete-Example $ctx
