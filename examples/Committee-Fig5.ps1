<#
.SYNOPSIS
    Worschech-Rosenow Fig. 5: the plateau of an erf committee lengthens with the number of hidden units
    (left, K = M varied) and shortens with the number of distinct eigenvalues L (right).
.DESCRIPTION
    Left (docs/committee.md): erf, K = M in {2..6}, eta = 0.01, sigma_J = 1e-6, beta = 0.25, L = N = 512.
    Right: K = M = 6, N = 500, L in {1, 5, 25, 125, 500}, eta = 0.01, sigma_J = 1e-6, beta = 0.25 (docs/committee.md, section 8).
    Lines: the order-parameter ODE from the random weights of a simulation with the same seed (simulations of
    10^4-10^5 alpha at N = 500 are beyond a script). Escape alpha = first alpha with eps_g below half the plateau
    height (docs/committee.md, section 6, Measure-Plateau) against Get-CommitteePlateau's length and docs/validation.md
    values of 1/gamma_esc; left: lengths against sqrt(2M-1)(2M+1)^(3/2); right: lengths against 1/nu_2.
    The right panel's escape lengths are compared with 1/nu_2 as ratios to L = 125 (L = 100 with -Quick); at
    L = 500 the plateau has nearly gone.
    Where no flat run of 0.5 decades is left (large L, where the approach to the plateau and the escape overlap),
    the escape alpha is the first alpha with eps_g below half the theoretical plateau height.
    -Panel Left or Right runs one panel. -Quick: eta = 0.1 (ten times shorter in alpha), left L = 64, N = 4096 with
    K = M in {2, 3, 4}; right K = M = 3, N = 2000, L in {1, 4, 20, 100}. The same effects, not the paper's numbers
    (the ODE's cost grows with L and K, not N; a large N keeps the random teacher's overlaps near 1).
#>
param([string] $OutputPath = (Join-Path $PSScriptRoot '../out/examples/Committee-Fig5'), [switch] $Quick,
    [ValidateSet('Left', 'Right', 'Both')] [string] $Panel = 'Both')
. (Join-Path $PSScriptRoot 'Common.ps1')
$ctx = Start-Example -Name 'Committee-Fig5' -OutputPath $OutputPath -Quick:$Quick -Description 'plateau length against K = M and against L'
$points = if ($Quick) { 100 } else { 150 }
$eta = if ($Quick) { 0.1 } else { 0.01 }

function Invoke-Panel([int] $n, [int] $l, [int] $k, [double] $alphaMax) {
    $sgd = @{ N = $n; L = $l; Beta = 0.25; K = $k; M = $k; Eta = $eta; SigmaJ = 1e-6; Seed = 1 }
    Invoke-MatchedOde -Sgd $sgd -Ode @{ Eta = $eta; Alpha = $alphaMax; Points = $points } |
        Where-Object { $_.Alpha -gt 0 -and $_.EpsG -gt 1e-9 }
}

function Add-EscapeChecks([object[]] $curve, $theory, [string] $setting, [double] $reference) {
    $found = $curve | Measure-Plateau -X Alpha -Y EpsG | Where-Object HasPlateau | Select-Object -First 1
    if ($found) {
        Add-Check $ctx 'plateau height' $setting $found.Height $theory.Height 'docs/validation.md'
        $escape = $found.EscapeX
    }
    else { $escape = @($curve | Where-Object EpsG -lt ($theory.Height / 2))[0].Alpha }
    if ($null -eq $escape) { $escape = [double]::NaN }
    $how = if ($found) { 'Measure-Plateau' } else { 'no flat run left: first eps_g < theory height / 2' }
    Add-Check $ctx 'escape alpha' $setting $escape $theory.Length "$how; Get-CommitteePlateau length"
    Add-Check $ctx '1/gamma_esc' $setting (1 / $theory.EscapeRate) $reference 'docs/validation.md'
    $escape
}

if ($Panel -ne 'Right') {
    $ks = if ($Quick) { 2, 3, 4 } else { 2, 3, 4, 5, 6 }
    $nLeft = if ($Quick) { 4096 } else { 512 }
    $lLeft = if ($Quick) { 64 } else { 512 }
    $reference = if ($Quick) { @{} } else { @{ 2 = 62; 3 = 134; 4 = 230; 5 = 353; 6 = 501 } }
    $alphaLeft = if ($Quick) { 6000 } else { 2e4 }
    $left = @(foreach ($k in $ks) { Invoke-Panel $nLeft $lLeft $k $alphaLeft })
    Save-ExampleCsv $ctx 'Committee-Fig5-left' @($left | Select-Object Source, K, M, L, N, Alpha, EpsG, Eta, Beta, SigmaJ)
    Save-ExamplePlot $ctx 'Committee-Fig5-left' $left -X Alpha -Y EpsG -Options @{
        GroupBy = 'K'; Title = "Fig. 5 left: erf, K = M varied, L = $lLeft, N = $nLeft, β = 0.25, η = $eta, σ_J = 1e-6 (ODE)" }
    $escapes = @{}
    foreach ($k in $ks) {
        $theory = Get-CommitteePlateau -N $nLeft -L $lLeft -Beta 0.25 -K $k -Eta $eta -SigmaJ 1e-6
        $ref = if ($reference.ContainsKey($k)) { $reference[$k] } else { [double]::NaN }
        $escapes[$k] = Add-EscapeChecks @($left | Where-Object K -eq $k) $theory "K=M=$k" $ref
    }
    $shape = { param($m) [math]::Sqrt(2 * $m - 1) * [math]::Pow(2 * $m + 1, 1.5) }
    foreach ($k in $ks | Select-Object -Skip 1) {
        Add-Check $ctx 'escape ratio to K=M=2' "K=M=$k" ($escapes[$k] / $escapes[2]) ((& $shape $k) / (& $shape 2)) 'sqrt(2M-1)(2M+1)^(3/2) ratio (the log factor is common)'
    }

    # The M^2 law where the plateau is flat (small L, eta, sigma_J): N = 512, L = 4, beta = 0.25, eta = 0.05,
    # sigma_J = 1e-4; escape alpha_S = first alpha with mean specialisation > 0.2 (Measure-Plateau
    # -SpecialisationThreshold), from the ODE started at the random weights of several seeds.
    $mks = if ($Quick) { 2, 3, 4, 5 } else { 2, 3, 4, 5, 6, 7, 8 }
    $mseeds = if ($Quick) { 1, 2 } else { 1, 2, 3, 4 }
    $law = @(foreach ($k in $mks) {
            $th = Get-CommitteePlateau -N 512 -L 4 -Beta 0.25 -K $k -Eta 0.05 -SigmaJ 1e-4 -LogConstant 0.2
            foreach ($s in $mseeds) {
                $p = Invoke-CommitteeOde -N 512 -L 4 -Beta 0.25 -K $k -M $k -Eta 0.05 -SigmaJ 1e-4 -Alpha (2.5 * $th.Length) -Points 300 -Seed $s -OrderParameters |
                    Measure-Plateau -SpecialisationThreshold 0.2 -WarningAction SilentlyContinue | Select-Object -First 1
                [pscustomobject]@{ K = $k; M = $k; Seed = $s; AlphaS = $p.SpecialisationX; HasPlateau = $p.HasPlateau
                    InverseEscapeRate = 1 / $th.EscapeRate; GammaAlphaS = $p.SpecialisationX * $th.EscapeRate; Predicted = $th.Length }
            }
        })
    Save-ExampleCsv $ctx 'Committee-Fig5-m2' $law
    $fitM = $law | Measure-ScalingLaw -X M -Y AlphaS -MinDecades 0.3 -Bootstrap 1000 -Seed 1 -ClusterBy Seed
    Save-ExamplePlot $ctx 'Committee-Fig5-m2' $law -X M -Y AlphaS -Options @{
        Fit = $fitM; XLabel = 'K = M'; YLabel = 'α_S (mean specialisation > 0.2)'
        Title = 'Escape against K = M where the plateau is flat: N = 512, L = 4, β = 0.25, η = 0.05, σ_J = 1e-4 (ODE, 4 seeds)' }
    $chordLaw = [math]::Log((& $shape $mks[-1]) / (& $shape $mks[0])) / [math]::Log($mks[-1] / $mks[0])
    Add-Check $ctx 'alpha_S ~ M^x (flat plateau, L=4)' "M=$($mks[0])..$($mks[-1])" (-$fitM.Exponent) $chordLaw ('95 % interval [{0:F2}, {1:F2}]; expected: the chord of sqrt(2M-1)(2M+1)^(3/2); M^2 would be 2' -f (-$fitM.ExponentUpper), (-$fitM.ExponentLower))
    foreach ($k in $mks) {
        $g = @($law | Where-Object K -eq $k)
        Add-Check $ctx 'gamma_esc * alpha_S (log factor)' "K=M=$k" (($g.GammaAlphaS | Measure-Object -Average).Average) -Note 'constant if only 1/gamma_esc grew with M'
    }
}

if ($Panel -ne 'Left') {
    $ls = if ($Quick) { 1, 4, 20, 100 } else { 1, 5, 25, 125, 500 }
    $nRight = if ($Quick) { 2000 } else { 500 }
    $kRight = if ($Quick) { 3 } else { 6 }
    $reference = if ($Quick) { @{} } else { @{ 1 = 24419; 5 = 14905; 25 = 5793 } }
    $right = @(foreach ($l in $ls) {
            $theory = Get-CommitteePlateau -N $nRight -L $l -Beta 0.25 -K $kRight -Eta $eta -SigmaJ 1e-6
            Invoke-Panel $nRight $l $kRight (1.6 * $theory.Length)
        })
    Save-ExampleCsv $ctx 'Committee-Fig5-right' @($right | Select-Object Source, K, M, L, N, Alpha, EpsG, Eta, Beta, SigmaJ)
    Save-ExamplePlot $ctx 'Committee-Fig5-right' $right -X Alpha -Y EpsG -Options @{
        GroupBy = 'L'; Title = "Fig. 5 right: erf, K = M = $kRight, N = $nRight, L varied, β = 0.25, η = $eta, σ_J = 1e-6 (ODE)" }
    $escapes = @{}; $nu2 = @{}
    foreach ($l in $ls) {
        $theory = Get-CommitteePlateau -N $nRight -L $l -Beta 0.25 -K $kRight -Eta $eta -SigmaJ 1e-6
        $nu2[$l] = $theory.Nu2
        $ref = if ($reference.ContainsKey($l)) { $reference[$l] } else { [double]::NaN }
        $escapes[$l] = Add-EscapeChecks @($right | Where-Object L -eq $l) $theory "L=$l" $ref
    }
    $refL = if ($Quick) { 100 } else { 125 }
    foreach ($l in $ls | Where-Object { $_ -ne $refL }) {
        Add-Check $ctx "escape ratio to L=$refL" "L=$l" ($escapes[$l] / $escapes[$refL]) ($nu2[$refL] / $nu2[$l]) 'nu_2 ratio: length ~ 1/nu_2 ~ 1/L for large L'
    }
}
Complete-Example $ctx
