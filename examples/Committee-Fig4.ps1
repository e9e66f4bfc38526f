<#
.SYNOPSIS
    Worschech-Rosenow Fig. 4: plateau dynamics of an erf committee with K = M = 4, L = 10, N = 7000: the
    first-order overlaps sit at the symmetric fixed point while the higher-order R^(l)_in split into M distinct
    plateau values, one per teacher unit.
.DESCRIPTION
    Setting (docs/committee.md): erf, L = 10, N = 7000, sigma_J = 0.01, eta = 0.1, K = M = 4, beta = 1
    (docs/committee.md, section 8). The order-parameter ODE is started from the random weights of a simulation with the same
    seed (a simulation at N = 7000 over alpha ~ 10^3 is beyond a script; the ODE is exact for N -> infinity with
    these initial overlaps). R^(l)_in = sum_tau w_tau lambda_tau^l R_tau,in. Checks (docs/validation.md):
    R* = 0.189, Q* = 1/7, eps_g plateau 0.0071 (+ eta correction), 1/gamma_esc = 249, a plateau of order 10^3,
    M = 4 distinct level-3 values with relative spread about sqrt((M-1) nu_{2l}/N) / nu_l.
    -Quick: fewer output points (the ODE's cost does not depend on N).
#>
param([string] $OutputPath = (Join-Path $PSScriptRoot '../out/examples/Committee-Fig4'), [switch] $Quick)
. (Join-Path $PSScriptRoot 'Common.ps1')
$ctx = Start-Example -Name 'Committee-Fig4' -OutputPath $OutputPath -Quick:$Quick -Description 'plateau of K = M = 4 and the split higher-order overlaps'
$points = if ($Quick) { 60 } else { 200 }
$alphaMax = if ($Quick) { 4000 } else { 6000 }
$k = 4
$sgd = @{ N = 7000; L = 10; Beta = 1; K = $k; M = $k; Eta = 0.1; SigmaJ = 0.01; Seed = 1 }
$states = @(Invoke-MatchedOde -Sgd $sgd -Ode @{ Eta = 0.1; Alpha = $alphaMax; Points = $points; OrderParameters = $true } | Where-Object Alpha -gt 0)

$levels = 1, 2, 3
$curve = foreach ($s in $states) { [pscustomobject]@{ Source = 'Ode'; Alpha = $s.Alpha; EpsG = $s.EpsG } }
$nuOf = @{}
foreach ($l in $levels) { $nuOf[$l] = ($states[0].Eigenvalues | ForEach-Object { [math]::Pow($_, $l) } | Measure-Object -Average).Average }
$overlaps = foreach ($s in $states) {
    $lg = $s.Eigenvalues.Count
    foreach ($l in $levels) {
        for ($n = 0; $n -lt $k; $n++) {
            $sum = 0.0
            for ($tau = 0; $tau -lt $lg; $tau++) {
                # student unit i = 0 (all students are alike on the plateau); RTau is row-major L x K x M
                $sum += $s.GroupWeights[$tau] * [math]::Pow($s.Eigenvalues[$tau], $l) * $s.RTau[($tau * $k + 0) * $k + $n]
            }
            [pscustomobject]@{ Source = 'Ode'; Alpha = $s.Alpha; Level = $l; Teacher = $n + 1; Series = "l=$l, n=$($n + 1)"; R = $sum; ROverNu = $sum / $nuOf[$l] }
        }
    }
}
$curve = @($curve); $overlaps = @($overlaps)
Save-ExampleCsv $ctx 'Committee-Fig4-epsg' $curve
Save-ExampleCsv $ctx 'Committee-Fig4-overlaps' $overlaps
Save-ExamplePlot $ctx 'Committee-Fig4-epsg' $curve -X Alpha -Y EpsG -Options @{
    Title = 'Fig. 4: erf, K = M = 4, L = 10, N = 7000, η = 0.1 (ODE from random weights)' }
Save-ExamplePlot $ctx 'Committee-Fig4-overlaps' @($overlaps | Where-Object Level -in 1, 3) -X Alpha -Y ROverNu -Options @{
    GroupBy = 'Series'; YScale = 'Linear'; YLabel = 'R^(l)_1n / ν_l (student 1, teacher n)'
    Title = 'Fig. 4: overlaps R^(l)_1n / ν_l, l = 1 and 3: M = 4 distinct plateau values near R* = 0.189' }

$theory = Get-CommitteePlateau -N 7000 -L 10 -Beta 1 -K $k -Eta 0.1 -SigmaJ 0.01
$plateau = $curve | Measure-Plateau -X Alpha -Y EpsG | Where-Object HasPlateau | Select-Object -First 1
Add-Check $ctx 'plateau height' 'ODE' $plateau.Height $theory.Height 'O(eta) value 0.007094; eta^2 terms raise it slightly'
Add-Check $ctx 'escape alpha (eps_g < height/2)' 'ODE' $plateau.EscapeX $theory.Length 'Get-CommitteePlateau length: of order 10^3'
Add-Check $ctx '1/gamma_esc' 'theory' (1 / $theory.EscapeRate) 249 'docs/validation.md'
$mid = [math]::Sqrt($plateau.Start * $plateau.End)   # the middle of the plateau on a log axis
$state = $states | Sort-Object { [math]::Abs([math]::Log($_.Alpha / $mid)) } | Select-Object -First 1
$r1 = ($state.R | Measure-Object -Average).Average
# Per-teacher normalisation: R_in = R* T_nn-ish; compare the mean first-order overlap with R* (T^(1) ~ 1)
Add-Check $ctx 'mean first-order R on the plateau' "alpha=$('{0:G3}' -f $state.Alpha)" $r1 $theory.RStar 'R* = 1/sqrt(K(2K-1)) = 0.189 (times sum_m T_mn)'
$q = for ($i = 0; $i -lt $k; $i++) { $state.Q[$i * $k + $i] }
Add-Check $ctx 'mean first-order Q_ii on the plateau' "alpha=$('{0:G3}' -f $state.Alpha)" (($q | Measure-Object -Average).Average) (1 / 7) 'Q* = 1/(2K-1)'
$lambda = $state.Eigenvalues
foreach ($l in 1, 3) {
    $values = @($overlaps | Where-Object { $_.Level -eq $l -and $_.Alpha -eq $state.Alpha } | ForEach-Object R)
    $mean = ($values | Measure-Object -Average).Average
    $sd = [math]::Sqrt((($values | ForEach-Object { ($_ - $mean) * ($_ - $mean) }) | Measure-Object -Sum).Sum / ($values.Count - 1))
    $nu = ($lambda | ForEach-Object { [math]::Pow($_, $l) } | Measure-Object -Average).Average
    $nu2l = ($lambda | ForEach-Object { [math]::Pow($_, 2 * $l) } | Measure-Object -Average).Average
    Add-Check $ctx 'relative spread of R^(l)_1n over teachers n' "l=$l" ($sd / $mean) ([math]::Sqrt(($k - 1) * $nu2l / 7000) / $nu) 'docs/validation.md: order of magnitude, grows with l'
}
Complete-Example $ctx
