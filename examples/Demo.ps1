<#
.SYNOPSIS
    The ScalingPS showcase, run by `dotnet pwsh ./build.ps1 -Task Demo`: erf committee learning curves (simulation
    and ODE for several L), a random-feature compute-optimal frontier, and their fitted exponents against theory.
.DESCRIPTION
    Writes to -OutputPath (default out/demo): committee-curves.csv/.png, compute-frontier.csv/.png and
    exponents.csv. Takes well under a minute on two cores. The figure scripts beside it (examples/README.md)
    reproduce each figure of the two papers in full.
#>
param([string] $OutputPath = (Join-Path $PSScriptRoot '../out/demo'))
. (Join-Path $PSScriptRoot 'Common.ps1')
$ctx = Start-Example -Name 'Demo' -OutputPath $OutputPath -Description 'learning curves, a compute frontier and their exponents'

Write-Host '1. Soft committee machine (erf, K = M = 2, N = 256, eta = 0.1, beta = 1): SGD and the ODE from the same weights' -ForegroundColor Cyan
$curves = foreach ($l in 1, 16, 256) {
    $sgd = @{ N = 256; L = $l; Beta = 1; K = 2; M = 2; Eta = 0.1; SigmaJ = 0.01; Seed = 1 }
    Invoke-MatchedOde -Sgd $sgd -Ode @{ Eta = 0.1; Alpha = 5000; Points = 80 }
    Invoke-CommitteeSgd @sgd -Alpha 1000 -Points 30
}
$curves = @($curves | Where-Object { $_.Alpha -gt 0 -and $_.EpsG -gt 1e-9 })
$curves | Where-Object { $_.Source -eq 'Ode' -and $_.Alpha -ge 1 } | Show-ScalingPlot -X Alpha -Y EpsG -GroupBy L -Width 72 -Height 16 -Title 'ε_g vs α (ODE), one curve per L'
Save-ExampleCsv $ctx 'committee-curves' @($curves | Select-Object Source, Seed, L, N, Alpha, EpsG, K, M, Eta, Beta, SigmaJ)
Save-ExamplePlot $ctx 'committee-curves' $curves -X Alpha -Y EpsG -Options @{
    GroupBy = 'L'; Title = 'erf committee, K = M = 2, N = 256: the plateau shortens as L grows (ODE lines, SGD markers)' }

Write-Host '2. Random features (a = 1.5, b = 1.25, M = 2000, P = ∞): the compute-optimal frontier of the DMFT theory' -ForegroundColor Cyan
$frontier = Invoke-ComputeFrontier -A 1.5 -B 1.25 -M 2000 -Widths (Get-LogGrid 10 500 6 | ForEach-Object { [math]::Round($_) }) -Times (Get-LogGrid 1 1e4 6)
Save-ExampleCsv $ctx 'compute-frontier' $frontier.Frontier
Save-ExamplePlot $ctx 'compute-frontier' $frontier.Plot -X Compute -Y TestLoss -Options @{
    GroupBy = 'N'; Fit = $frontier.LossFit; XLabel = 'C = N t (compute)'; Title = 'random features: learning curves per width N and the compute frontier' }

Write-Host '3. Fitted exponents against theory' -ForegroundColor Cyan
$plateau = $curves | Where-Object { $_.Source -eq 'Ode' -and $_.L -eq 1 } | Measure-Plateau | Where-Object HasPlateau | Select-Object -First 1
$theory = Get-CommitteePlateau -N 256 -L 1 -Beta 1 -K 2 -Eta 0.1 -SigmaJ 0.01
Add-Check $ctx 'committee: plateau height (L = 1)' 'ODE' $plateau.Height $theory.Height 'O(eta) fixed point 0.0058 (docs/committee.md, section 5)'
# The L = N specialised-phase exponent needs a large L: after the escape eps_g = (C/L)[(alpha/L)^(-1/2) - r] with
# r = 0.20 (docs/science-notes.md), so the local slope is -beta/(1+beta) = -0.5 only for alpha << L. At N = L = 4096
# (ODE, 2 s) over alpha in [300, 1200] the derived chord slope is -0.542; -0.5 is its alpha/L -> 0 limit.
$large = Invoke-CommitteeOde -N 4096 -L 4096 -Beta 1 -K 2 -M 2 -Eta 0.1 -SigmaJ 0.01 -Alpha 1500 -Points 80 -Seed 1 | Where-Object Alpha -gt 0
$slope = $large | Measure-ScalingLaw -X Alpha -Y EpsG -XMin 300 -XMax 1200 -MinDecades 0.5 -Bootstrap 200 -Seed 1
$r = 0.20; $x1 = 300 / 4096; $x2 = 1200 / 4096
$derived = [math]::Log(([math]::Pow($x2, -0.5) - $r) / ([math]::Pow($x1, -0.5) - $r)) / [math]::Log($x2 / $x1)
Add-Check $ctx 'committee: eps_g ~ alpha^x (L = N = 4096, ODE)' 'alpha in [300, 1200]' (-$slope.Exponent) $derived 'finite-L law (C/L)[(alpha/L)^-1/2 - 0.20]; its alpha/L -> 0 limit is -beta/(1+beta) = -0.5'
$predicted = Get-RandomFeatureExponent -A 1.5 -B 1.25
Add-Check $ctx 'random features: L* ~ C^x' 'frontier' (-$frontier.LossFit.Exponent) (-$predicted.ComputeLossExponent) 'docs/random-features.md, section 4'
Add-Check $ctx 'random features: N* ~ C^x' 'frontier' (-$frontier.WidthFit.Exponent) $predicted.ComputeWidthExponent 'parameters grow slower than steps'
Add-Check $ctx 'random features: t* ~ C^x' 'frontier' (-$frontier.TimeFit.Exponent) $predicted.ComputeTimeExponent ''
Complete-Example $ctx -ChecksFile 'exponents'
