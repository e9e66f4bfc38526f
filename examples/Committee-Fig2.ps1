<#
.SYNOPSIS
    Worschech-Rosenow Fig. 2 (both panels): linear activation, exact theory (lines) against SGD (markers).
.DESCRIPTION
    Left (docs/committee.md): N = 128, K = M = 1, sigma_J^2 = 1, beta = 1, eta = 1, L in {1, 2, 8, 32, 128};
    the exact eta^2 solution is needed, and agreement degrades as lambda_+ approaches N (L = N = 128, lambda_+ = 78).
    Right: N = L = 256, beta = 0.75, eta = 0.1, sigma_J = 0.01, 5 seeds; the exact curve is checked against the ten
    reference values (docs/validation.md) and its slope against -beta/(1+beta) = -0.4286 (local slope -0.44 to -0.46 on [0.2, 1]).
    -Panel Left or Right runs one panel. -Quick: 2 seeds, shorter simulations.
#>
param([string] $OutputPath = (Join-Path $PSScriptRoot '../out/examples/Committee-Fig2'), [switch] $Quick,
    [ValidateSet('Left', 'Right', 'Both')] [string] $Panel = 'Both')
. (Join-Path $PSScriptRoot 'Common.ps1')
$ctx = Start-Example -Name 'Committee-Fig2' -OutputPath $OutputPath -Quick:$Quick -Description 'linear activation: exact theory vs SGD'
$seeds = if ($Quick) { 2 } else { 5 }

if ($Panel -ne 'Right') {
    $ls = if ($Quick) { 1, 8, 128 } else { 1, 2, 8, 32, 128 }
    $alphaMax = if ($Quick) { 30 } else { 100 }
    $left = foreach ($l in $ls) {
        Get-CommitteeLinearCurve -N 128 -L $l -Beta 1 -Eta 1 -SigmaJ 1 -Alpha (Get-LogGrid 0.01 $alphaMax 12)
        Invoke-CommitteeSgd -N 128 -L $l -Beta 1 -K 1 -M 1 -Eta 1 -SigmaJ 1 -Activation Linear -Alpha $alphaMax -Points 25 -Repeat $seeds -Aggregate
    }
    $left = @($left | Where-Object { $_.Alpha -gt 0 -and $_.EpsG -gt 0 })
    Save-ExampleCsv $ctx 'Committee-Fig2-left' @($left | Select-Object Source, L, N, Alpha, EpsG, StdErr, Count, Eta, Beta, SigmaJ)
    Save-ExamplePlot $ctx 'Committee-Fig2-left' $left -X Alpha -Y EpsG -Options @{
        GroupBy = 'L'; Title = "Fig. 2 left: linear, N = 128, η = 1, σ_J = 1 (theory lines, SGD markers, $seeds seeds)" }
    foreach ($l in $ls) {
        foreach ($a in 1, 10, 30) {
            if ($a -gt $alphaMax) { continue }
            $sim = Get-ValueAt @($left | Where-Object { $_.L -eq $l -and $_.Source -eq 'Simulation' }) Alpha EpsG $a
            $th = (Get-CommitteeLinearCurve -N 128 -L $l -Beta 1 -Eta 1 -SigmaJ 1 -AlphaGrid $a).EpsG
            Add-Check $ctx 'left: SGD eps_g / exact theory' "L=$l, alpha=$a" ($sim / $th) 1 'close for lambda_+ << N; off at L = N = 128'
        }
    }
    # Every SGD point against the exact theory (Compare-ScalingCurve: z from the seeds' standard error, chi2 per L).
    Add-ComparisonCheck $ctx @($left | Where-Object { $_.Source -eq 'Simulation' -and $_.Alpha -ge 1 }) @($left | Where-Object Source -eq 'Theory') `
        -X Alpha -Y EpsG -GroupBy L -Quantity 'left: (SGD - exact theory) / stderr'
}

if ($Panel -ne 'Left') {
    $tableAlpha = 0.1, 0.316, 1, 3.16, 10, 31.6, 100, 316, 1000, 3162
    $tableEpsG = 0.2046, 0.1228, 0.07298, 0.04243, 0.02376, 0.01238, 5.572e-3, 1.791e-3, 2.416e-4, 2.73e-6
    $spec = @{ N = 256; L = 256; Beta = 0.75; Eta = 0.1; SigmaJ = 0.01 }
    $alphaSim = if ($Quick) { 100 } else { 3162 }
    $theory = Get-CommitteeLinearCurve @spec -Alpha (Get-LogGrid 0.01 3162 16)
    $sim = Invoke-CommitteeSgd @spec -K 1 -M 1 -Activation Linear -Alpha $alphaSim -Points 30 -Repeat $seeds -Aggregate
    $right = @(@($theory) + @($sim) | Where-Object { $_.Alpha -gt 0 -and $_.EpsG -gt 0 })
    $fit = $theory | Measure-ScalingLaw -X Alpha -Y EpsG -XMin 0.2 -XMax 1 -MinDecades 0.6 -Bootstrap 200 -Seed 1
    Save-ExampleCsv $ctx 'Committee-Fig2-right' @($right | Select-Object Source, L, N, Alpha, EpsG, StdErr, Count, Eta, Beta, SigmaJ)
    Save-ExamplePlot $ctx 'Committee-Fig2-right' $right -X Alpha -Y EpsG -Options @{
        Fit = $fit; Title = "Fig. 2 right: linear, N = L = 256, β = 0.75, η = 0.1 (theory line, SGD markers, $seeds seeds)" }
    for ($i = 0; $i -lt $tableAlpha.Count; $i++) {
        $a = $tableAlpha[$i]
        Add-Check $ctx 'right: exact theory eps_g' "alpha=$a" (Get-CommitteeLinearCurve @spec -AlphaGrid $a).EpsG $tableEpsG[$i] 'docs/validation.md'
    }
    Add-Check $ctx 'right: fitted slope on alpha in [0.2, 1]' 'theory' (-$fit.Exponent) -0.4286 '-beta/(1+beta); the exact local slope is -0.44 to -0.46 there'
    Add-Check $ctx 'right: local slope at alpha = 10' 'theory' (Get-LogSlope $theory Alpha EpsG 7 14) -0.53 'docs/validation.md'
    Add-Check $ctx 'right: local slope at alpha = 100' 'theory' (Get-LogSlope $theory Alpha EpsG 70 140) -0.81 'docs/validation.md'
    foreach ($a in 1, 10, 100, 1000) {
        if ($a -gt $alphaSim) { continue }
        Add-Check $ctx 'right: SGD eps_g / exact theory' "alpha=$a" ((Get-ValueAt @($sim) Alpha EpsG $a) / (Get-CommitteeLinearCurve @spec -AlphaGrid $a).EpsG) 1 "$seeds seeds"
    }
}
Complete-Example $ctx
