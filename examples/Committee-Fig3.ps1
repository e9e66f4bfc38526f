<#
.SYNOPSIS
    Worschech-Rosenow Fig. 3: linear student with only N_l trainable input entries; the error floor falls as
    N_l^-beta ("a scaling law in the number of trainable student parameters").
.DESCRIPTION
    Left (docs/committee.md): L = N = 256, eta = 0.05, beta = 1 (docs/committee.md, section 8), N_l in {4, 16, 64, 256}:
    theory (lines) against SGD (markers, seed mean); the floors are checked against docs/validation.md
    (eps_inf = 6.77e-2, 1.770e-2, 3.626e-3; local slopes -0.97 and -1.14).
    Right: the CIFAR-5M panel. The sources leave the inputs open; this script uses Gaussian inputs with a
    CIFAR-like power-law spectrum, beta = 0.3, L = N = 1024 (the same eta = 0.05), and fits the floor against
    N_l, expecting a slope near -beta = -0.3 for N_l << N.
    -Panel Left or Right runs one panel. -Quick: N = L = 256 on the right, 2 seeds, shorter simulations.
#>
param([string] $OutputPath = (Join-Path $PSScriptRoot '../out/examples/Committee-Fig3'), [switch] $Quick,
    [ValidateSet('Left', 'Right', 'Both')] [string] $Panel = 'Both')
. (Join-Path $PSScriptRoot 'Common.ps1')
$ctx = Start-Example -Name 'Committee-Fig3' -OutputPath $OutputPath -Quick:$Quick -Description 'error floor against trainable inputs N_l'
$seeds = if ($Quick) { 2 } else { 8 }

function Get-Floor([int] $n, [int] $l, [double] $beta, [int] $nl) {
    # The eta-corrected floor eps_inf: the exact theory long after the slowest trained mode has converged.
    (Get-CommitteeLinearCurve -N $n -L $l -Beta $beta -Eta 0.05 -SigmaJ 0.01 -TrainableInputs $nl -AlphaGrid 1e7).EpsG
}

if ($Panel -ne 'Right') {
    $nls = if ($Quick) { 4, 16, 64 } else { 4, 16, 64, 256 }
    $alphaSim = if ($Quick) { 300 } else { 3000 }
    $left = foreach ($nl in $nls) {
        Get-CommitteeLinearCurve -N 256 -L 256 -Beta 1 -Eta 0.05 -SigmaJ 0.01 -TrainableInputs $nl -Alpha (Get-LogGrid 0.01 1e4 12)
        Invoke-CommitteeSgd -N 256 -L 256 -Beta 1 -K 1 -M 1 -Eta 0.05 -SigmaJ 0.01 -Activation Linear -TrainableInputs $nl `
            -Alpha $alphaSim -Points 25 -Repeat $seeds -Aggregate
    }
    $left = @($left | Where-Object { $_.Alpha -gt 0 -and $_.EpsG -gt 0 })
    Save-ExampleCsv $ctx 'Committee-Fig3-left' @($left | Select-Object Source, TrainableInputs, L, N, Alpha, EpsG, StdErr, Count, Eta, Beta)
    Save-ExamplePlot $ctx 'Committee-Fig3-left' $left -X Alpha -Y EpsG -Options @{
        GroupBy = 'TrainableInputs'; Title = "Fig. 3 left: linear, N = L = 256, β = 1, η = 0.05, N_l trainable (theory lines, SGD markers)" }
    $expected = @{ 4 = 6.77e-2; 16 = 1.770e-2; 64 = 3.626e-3; 256 = 0 }
    $floors = @{}
    foreach ($nl in $nls) {
        $floors[$nl] = Get-Floor 256 256 1 $nl
        Add-Check $ctx 'left: theory floor eps_inf' "N_l=$nl" $floors[$nl] $expected[$nl] 'docs/validation.md'
        $last = @($left | Where-Object { $_.Source -eq 'Simulation' -and $_.TrainableInputs -eq $nl })[-1]
        if ($nl -lt 64 -or -not $Quick) {
            $theoryThere = (Get-CommitteeLinearCurve -N 256 -L 256 -Beta 1 -Eta 0.05 -SigmaJ 0.01 -TrainableInputs $nl -AlphaGrid $last.Alpha).EpsG
            Add-Check $ctx 'left: SGD eps_g / theory at the last alpha' "N_l=$nl, alpha=$('{0:G4}' -f $last.Alpha)" ($last.EpsG / $theoryThere) 1 "$seeds seeds; chi-square teacher weights scatter the floor"
        }
    }
    Add-Check $ctx 'left: floor slope 4 -> 16' 'theory' ([math]::Log($floors[16] / $floors[4]) / [math]::Log(4)) -0.97 'docs/validation.md'
    Add-Check $ctx 'left: floor slope 16 -> 64' 'theory' ([math]::Log($floors[64] / $floors[16]) / [math]::Log(4)) -1.14 'docs/validation.md'
}

if ($Panel -ne 'Left') {
    $n = if ($Quick) { 256 } else { 1024 }
    $nls = if ($Quick) { 4, 16, 64 } else { 4, 8, 16, 32, 64, 128, 256 }
    $alphaSim = if ($Quick) { 100 } else { 300 }
    $rows = foreach ($nl in $nls) {
        $floor = Get-Floor $n $n 0.3 $nl
        $sim = Invoke-CommitteeSgd -N $n -L $n -Beta 0.3 -K 1 -M 1 -Eta 0.05 -SigmaJ 0.01 -Activation Linear -TrainableInputs $nl `
            -Alpha $alphaSim -Points 10 -Repeat $seeds -Aggregate | Select-Object -Last 3
        [pscustomobject]@{ Source = 'Theory'; TrainableInputs = $nl; EpsMin = $floor; StdErr = [double]::NaN; N = $n; Beta = 0.3; Eta = 0.05 }
        [pscustomobject]@{ Source = 'Simulation'; TrainableInputs = $nl; EpsMin = ($sim | Measure-Object EpsG -Average).Average
            StdErr = ($sim | Measure-Object StdErr -Average).Average; N = $n; Beta = 0.3; Eta = 0.05 }
    }
    $rows = @($rows)
    $fit = $rows | Where-Object Source -eq 'Theory' | Measure-ScalingLaw -X TrainableInputs -Y EpsMin -MinDecades 1 -Bootstrap 200 -Seed 1
    Save-ExampleCsv $ctx 'Committee-Fig3-right' $rows
    Save-ExamplePlot $ctx 'Committee-Fig3-right' $rows -X TrainableInputs -Y EpsMin -Options @{
        Fit = $fit; XLabel = 'N_l (trainable inputs)'; YLabel = 'ε_min (floor)'
        Title = "Fig. 3 right: Gaussian inputs, CIFAR-like spectrum β = 0.3, L = N = $n (theory line, SGD markers)" }
    # Closed form (docs/validation.md): eps_inf = eps_min / (1 - eta/(2N) sum_{k<=N_l} lambda_k), eps_min = (1/2N) sum_{k>N_l} lambda_k.
    $lambda = (New-PowerLawSpectrum -N $n -L $n -Beta 0.3).Eigenvalues
    $closed = foreach ($nl in $nls[0], $nls[-1]) {
        $head = 0.0; $tail = 0.0
        for ($k = 0; $k -lt $lambda.Count; $k++) { if ($k -lt $nl) { $head += $lambda[$k] } else { $tail += $lambda[$k] } }
        ($tail / (2 * $n)) / (1 - 0.05 * $head / (2 * $n))
    }
    $closedSlope = [math]::Log($closed[1] / $closed[0]) / [math]::Log($nls[-1] / $nls[0])
    Add-Check $ctx 'right: fitted floor slope vs N_l' "N=L=$n, N_l=$($nls[0])..$($nls[-1])" (-$fit.Exponent) $closedSlope 'chord slope of the closed-form floor over the same N_l (the finite-L tail steepens it)'
    Add-Check $ctx 'right: fitted floor slope vs N_l' "N=L=$n" (-$fit.Exponent) -0.3 'asymptotic -beta, reached only for N_l << N'
    foreach ($r in $rows | Where-Object Source -eq 'Simulation') {
        $th = ($rows | Where-Object { $_.Source -eq 'Theory' -and $_.TrainableInputs -eq $r.TrainableInputs }).EpsMin
        Add-Check $ctx 'right: SGD floor / theory' "N_l=$($r.TrainableInputs)" ($r.EpsMin / $th) 1 "$seeds seeds, alpha=$alphaSim"
    }
}
Complete-Example $ctx
