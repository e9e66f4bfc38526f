<#
.SYNOPSIS
    The committee plateau length over K = M and L as a sweep: planned, run in parallel into a Parquet store,
    interrupted on purpose and resumed, then fitted and plotted from the store.
.DESCRIPTION
    A sweep of Invoke-CommitteeSgd over K = M in {2, 3, 4, 5} x L in {1, 4, 16, 64} with several seeds per setting
    (erf, beta = 0.25, sigma_J = 1e-3). The script
      1. makes the plan with New-ScalingSweep (M derived from K, seeds cut into tasks),
      2. starts Invoke-ScalingSweep in a background runspace and stops it once about half the tasks are done,
         as Ctrl+C or a lost node would, and shows the plan's state with Get-ScalingSweep,
      3. runs Invoke-ScalingSweep again, which runs only the tasks without a shard,
      4. reads the store back with Import-ScalingResult and measures each curve's escape from the plateau: the first
         alpha at which eps_g falls below half the plateau height of the theory (Get-CommitteePlateau),
      5. fits the mean escape alpha against the theory's escape time 1/gamma_esc = 1/(eta nu_2 gamma_hat(K)) over all
         (K, L) (the plateau lasts ln(1/S0)/gamma_esc, so the exponent is about 1) and plots the curves and the fit.
    The plateau lengthens with K (gamma_hat(K) falls like K^-2) and shortens with L (nu_2 grows with L).
    -Quick: K = M in {2, 4}, L in {1, 16}, N = 64, eta = 0.5, two seeds: the same effects in seconds.
#>
param([string] $OutputPath = (Join-Path $PSScriptRoot '../out/examples/Sweep-Plateau'), [switch] $Quick)
. (Join-Path $PSScriptRoot 'Common.ps1')
$ctx = Start-Example -Name 'Sweep-Plateau' -OutputPath $OutputPath -Quick:$Quick -Description 'plateau length over K = M and L as a resumable sweep'

$ks = if ($Quick) { 2, 4 } else { 2, 3, 4, 5 }
$ls = if ($Quick) { 1, 16 } else { 1, 4, 16, 64 }
$n = if ($Quick) { 64 } else { 256 }
$eta = if ($Quick) { 0.5 } else { 0.2 }
$seeds = if ($Quick) { 1..2 } else { 1..8 }
$sigmaJ = 1e-3
$theory = @{}
foreach ($k in $ks) { foreach ($l in $ls) { $theory["$k,$l"] = Get-CommitteePlateau -N $n -L $l -Beta 0.25 -K $k -Eta $eta -SigmaJ $sigmaJ } }
# Each curve runs to twice the longest predicted plateau of its K, so every escape is inside the curve.
$alpha = [ordered]@{}
foreach ($k in $ks) { $alpha["$k"] = 2 * ($ls | ForEach-Object { $theory["$k,$_"].Length } | Measure-Object -Maximum).Maximum }

# 1. The plan: K and L crossed, M = K derived, the run length zipped with K, seeds two per task.
$plan = Join-Path $ctx.OutputPath 'plateau-plan.json'
$store = Join-Path $ctx.OutputPath 'plateau-results'
if (Test-Path $store) { Remove-Item $store -Recurse -Force }
$sweep = New-ScalingSweep -Command Invoke-CommitteeSgd -Grid @{ L = $ls } -Zip @{ K = $ks; Alpha = @($alpha.Values) } `
    -Derived @{ M = { $_.K } } -Fixed @{ N = $n; Beta = 0.25; Eta = $eta; SigmaJ = $sigmaJ; Points = 60 } `
    -Seeds $seeds -SeedsPerTask 2 -Path $plan -OutputPath (Split-Path $store -Leaf)
Write-Host "  plan: $($sweep.Tasks) tasks of $($sweep.Command) in $plan"

# 2. Start the sweep in the background and interrupt it half-way, as Ctrl+C or a lost node would.
$background = [powershell]::Create()
$null = $background.AddScript("Import-Module '$((Get-Module ScalingPS).Path)'; Invoke-ScalingSweep -Path '$plan' -OutputPath '$store' -ThrottleLimit 1 | Out-Null")
$handle = $background.BeginInvoke()
$half = [math]::Ceiling($sweep.Tasks / 2)
while (-not $handle.IsCompleted -and @(Get-ChildItem $store -Filter *.parquet -ErrorAction Ignore).Count -lt $half) { Start-Sleep -Milliseconds 20 }
$background.Stop(); $background.Dispose()
$states = Get-ScalingSweep $plan
$doneBefore = @($states | Where-Object State -eq Done).Count
Write-Host "  interrupted with $doneBefore of $($sweep.Tasks) tasks done"

# 3. Resume: only the tasks without a shard run.
$resumed = @(Invoke-ScalingSweep -Path $plan -OutputPath $store)
$tasksRun = @($resumed | ForEach-Object { "$($_.K),$($_.L),$($_.Seed)" } | Sort-Object -Unique).Count / 2
Write-Host "  resumed: $tasksRun task(s) ran, $($resumed.Count) points"
Add-Check $ctx 'tasks run on resume' 'all' $tasksRun ($sweep.Tasks - $doneBefore) 'only the tasks without a complete shard run again'
Add-Check $ctx 'tasks done after resume' 'all' @(Get-ScalingSweep $plan -State Done).Count $sweep.Tasks 'none lost'

# 4. From the store: escape alpha of every curve, then the mean per (K, L).
$rows = @(Import-ScalingResult $store -Where { $_.Alpha -gt 0 })
$escapes = foreach ($curve in $rows | Group-Object K, L, Seed) {
    $first = $curve.Group[0]
    $t = $theory["$($first.K),$($first.L)"]
    $below = @($curve.Group | Sort-Object Alpha | Where-Object EpsG -lt ($t.Height / 2))
    [pscustomobject]@{ K = $first.K; L = $first.L; Seed = $first.Seed; EscapeAlpha = if ($below) { $below[0].Alpha } else { [double]::NaN }
        EscapeTime = 1 / $t.EscapeRate; Predicted = $t.Length }
}
$perSetting = foreach ($g in $escapes | Group-Object K, L) {
    $m = $g.Group | Measure-Object EscapeAlpha -Average -StandardDeviation
    [pscustomobject]@{ K = $g.Group[0].K; L = $g.Group[0].L; EscapeAlpha = $m.Average; StdErr = $m.StandardDeviation / [math]::Sqrt($m.Count)
        EscapeTime = $g.Group[0].EscapeTime; Predicted = $g.Group[0].Predicted; Seeds = $m.Count }
}
Save-ExampleCsv $ctx 'Sweep-Plateau' @($perSetting | Sort-Object K, L)
foreach ($s in $perSetting | Sort-Object K, L) {
    Add-Check $ctx 'escape alpha / predicted length' "K=M=$($s.K) L=$($s.L)" $s.EscapeAlpha $s.Predicted 'Get-CommitteePlateau: ln(1/S0)/gamma_esc, O(eta) theory'
}

# 5. Fit: escape alpha against 1/gamma_esc over every (K, L).
# Measure-ScalingLaw fits y = A x^-p, so the growth exponent is -p.
$fit = $perSetting | Measure-ScalingLaw -X EscapeTime -Y EscapeAlpha -Form PowerLaw -Bootstrap 0
Add-Check $ctx 'exponent of escape alpha against 1/gamma_esc' 'all K, L' (-$fit.Exponent) 1 "least-squares fit in log space over $(@($perSetting).Count) (K, L) settings"
Save-ExamplePlot $ctx 'Sweep-Plateau-curves' @($rows | Where-Object Seed -eq $seeds[0]) -X Alpha -Y EpsG -Options @{
    GroupBy = 'K', 'L'; Title = "Plateau sweep: erf, K = M, L varied, N = $n, β = 0.25, η = $eta (seed $($seeds[0]), from the Parquet store)" }
Save-ExamplePlot $ctx 'Sweep-Plateau-fit' @($perSetting) -X EscapeTime -Y EscapeAlpha -Options @{
    Fit = $fit; Title = 'Escape α against the theory''s 1/γ_esc, every (K, L): fitted power law' }
Complete-Example $ctx
