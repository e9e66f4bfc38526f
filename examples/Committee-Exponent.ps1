<#
.SYNOPSIS
    The specialised-phase exponent of an erf committee at L = N: eps_g after the escape is (C/L)[(alpha/L)^(-1/2) - r],
    so L eps_g is one curve of alpha/L for every L, and the local slope is -beta/(1+beta) = -0.5 only for alpha << L.
.DESCRIPTION
    erf, K = M = 2, eta = 0.1, beta = 1, sigma_J = 0.01, L = N in {1024, 4096, 16384}: the order-parameter ODE from the
    random weights of seed 1 (the same start as Fig. 1), to beyond the exponential cut-off alpha ~ 1/(eta lambda_L).
    Figure: L eps_g against alpha / L (the collapse). Checks: the fit of L eps_g = C x^(-1/2) - D per L (r = D/C), the
    local slope (Measure-ScalingLaw -Form LocalSlope) in the window against the derived -1/2 / (1 - r sqrt(alpha/L)),
    and the chord slope over alpha in [L/2, 2L] against the derived -0.630. Takes about two minutes (the L = 16384 ODE).
    -Quick: L = N in {256, 1024}.
#>
param([string] $OutputPath = (Join-Path $PSScriptRoot '../out/examples/Committee-Exponent'), [switch] $Quick)
. (Join-Path $PSScriptRoot 'Common.ps1')
$ctx = Start-Example -Name 'Committee-Exponent' -OutputPath $OutputPath -Quick:$Quick -Description 'the L = N specialised-phase exponent'
$sizes = if ($Quick) { 256, 1024 } else { 1024, 4096, 16384 }
$r = 0.20
$rows = @(foreach ($n in $sizes) {
        Invoke-CommitteeOde -N $n -L $n -Beta 1 -K 2 -M 2 -Eta 0.1 -SigmaJ 0.01 -Alpha (60 * $n) -Points 180 -Seed 1 |
            Where-Object { $_.Alpha -gt 0 -and $_.EpsG -gt 1e-12 } |
            Select-Object L, N, Alpha, EpsG, @{ n = 'AlphaOverL'; e = { $_.Alpha / $_.L } }, @{ n = 'LEpsG'; e = { $_.EpsG * $_.L } }
    })
Save-ExampleCsv $ctx 'Committee-Exponent' $rows
Save-ExamplePlot $ctx 'Committee-Exponent' @($rows | Where-Object { $_.AlphaOverL -gt 0.01 }) -X AlphaOverL -Y LEpsG -Options @{
    GroupBy = 'L'; XLabel = 'α / L'; YLabel = 'L ε_g'
    Title = 'erf K = M = 2, L = N, β = 1, η = 0.1: L ε_g is one curve of α/L (ODE)' }
foreach ($n in $sizes) {
    $curve = @($rows | Where-Object L -eq $n)
    # L eps = C x^-1/2 - D on x in [1/2, 8] (after the escape, before the cut-off): least squares, linear in (C, D).
    $pts = foreach ($x in 0.5, 1, 2, 4, 8) { [pscustomobject]@{ U = [math]::Pow($x, -0.5); V = (Get-ValueAt $curve AlphaOverL LEpsG $x) } }
    $mu = ($pts.U | Measure-Object -Average).Average; $mv = ($pts.V | Measure-Object -Average).Average
    $c = ($pts | ForEach-Object { ($_.U - $mu) * ($_.V - $mv) } | Measure-Object -Sum).Sum / ($pts | ForEach-Object { ($_.U - $mu) * ($_.U - $mu) } | Measure-Object -Sum).Sum
    $d = $c * $mu - $mv
    Add-Check $ctx 'r = D/C in L eps_g = C (alpha/L)^-1/2 - D' "L=N=$n" ($d / $c) $r 'the same r for every L: the collapse'
    $chord = [math]::Log((Get-ValueAt $curve Alpha EpsG (2 * $n)) / (Get-ValueAt $curve Alpha EpsG ($n / 2))) / [math]::Log(4)
    $derived = [math]::Log((1 / [math]::Sqrt(2) - $r) / ([math]::Sqrt(2) - $r)) / [math]::Log(4)
    Add-Check $ctx 'chord slope over alpha in [L/2, 2L]' "L=N=$n" $chord $derived 'derived from the finite-L law; not -0.5'
    $local = $curve | Measure-ScalingLaw -X Alpha -Y EpsG -Form LocalSlope -Window 9 -Bootstrap 0 |
        Where-Object { $_.X -ge 0.03 * $n -and $_.X -le 0.15 * $n -and $_.X -ge 300 } | Sort-Object Slope | Select-Object -First 1
    if ($local) {
        Add-Check $ctx 'steepest local slope, alpha in [max(300, 0.03 L), 0.15 L]' "L=N=$n, alpha=$('{0:G3}' -f $local.X)" $local.Slope (-0.5 / (1 - $r * [math]::Sqrt($local.X / $n))) '-1/2 / (1 - r sqrt(alpha/L)); tends to -beta/(1+beta) = -0.5 as L grows'
    }
}
Complete-Example $ctx
