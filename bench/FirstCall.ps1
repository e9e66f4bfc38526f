<#
.SYNOPSIS
    First call against warm calls in fresh PowerShell sessions, split into the call's fixed part and its per-step
    part, with module import time and the machine's load.
.DESCRIPTION
    Each round starts a new pwsh process, imports the module (timed) and runs the chosen call once (the first call)
    and then three more times (the warm calls). Every output object is time-stamped as it arrives (the simulators
    stream one object per checkpoint, α = 0 first), so each call splits into
      fixed  from the call to its first output: binding, validation, assembly loading, type initialisation,
             spectrum and tables, weights drawn, the α = 0 error; no SGD step has run yet;
      steps  from the first output to the last: the seed-steps themselves, where a first call pays for any
             method still compiled by the JIT, or running at a lower tier, on its hot loop.
    (The steps part runs from the first output to the end of the call, whose last output comes as it ends.)
    For each of wall time, process CPU time and JIT time (System.Runtime.JitInfo: all threads) it prints the
    first call against the last warm call, per round, then the median and the spread (min–max) of the ratios
    over rounds. The load average is read before and after each round; on a shared machine compare ratios, and
    trust the CPU-time ratio more when the load average is above the number of cores.
.PARAMETER Module
    The module manifest to import (default: out/ScalingPS/ScalingPS.psd1, as laid out by build.ps1 -Task Build).
.PARAMETER Command
    Sgd: Invoke-CommitteeSgd at N = 1024, K = M = 2, erf, float64, 8 seeds, α = -Alpha (the issue's setting).
    Ode: Invoke-CommitteeOde at K = M = 2, N = 1024, α to 1e4.
    RandomFeature: Invoke-RandomFeatureTraining at M = 1000, N = 300, P = 600, 4 seeds.
.PARAMETER Rounds
    Fresh processes to start.
.PARAMETER Alpha
    α of every Sgd call.
.PARAMETER Pause
    Milliseconds between import and the first call: 0 for a script or for autoloading (the call follows the import
    at once); about 1000 or more for a user who imported the module (or has it in the profile) and then types.
.PARAMETER Environment
    Extra environment variables for the child processes ('NAME=value'), to measure a runtime setting that the
    module itself cannot set (e.g. DOTNET_TieredPGO=0).
.PARAMETER Compare
    Environment variables of a second variant ('NAME=value'; e.g. SCALINGPS_WARMUP=0 for the module without its
    warm-up at import). Rounds then alternate between the two, so both see the same load, and each is summarised.
#>
[CmdletBinding()]
param(
    [string] $Module = (Join-Path $PSScriptRoot '../out/ScalingPS/ScalingPS.psd1'),
    [ValidateSet('Sgd', 'Ode', 'RandomFeature')] [string] $Command = 'Sgd',
    [ValidateRange(1, 50)] [int] $Rounds = 9,
    [ValidateRange(1, 10000)] [double] $Alpha = 40,
    [ValidateRange(0, 60000)] [int] $Pause = 0,
    [string[]] $Environment = @(),
    [string[]] $Compare = @()
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$pwsh = (Get-Process -Id $PID).Path
$pwshArgs = [Environment]::GetCommandLineArgs() | Select-Object -First 1 | Where-Object { $_ -like '*.dll' } # 'dotnet pwsh.dll' hosts

$calls = @{
    Sgd           = "Invoke-CommitteeSgd -N 1024 -L 1024 -K 2 -M 2 -Alpha $Alpha -Repeat 8 -Aggregate"
    Ode           = 'Invoke-CommitteeOde -N 1024 -L 1024 -K 2 -M 2 -Alpha 1e4'
    RandomFeature = 'Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 1000 -N 300 -P 600 -Time 1, 10, 100, 1000, 10000 -Repeat 4 -Aggregate'
}
# Work units of one call, for the per-unit figures: seed-steps for the SGD.
$units = @{ Sgd = $Alpha * 1024 * 8; Ode = 0; RandomFeature = 0 }

$child = {
    param($module, $call, $pause)
    $ProgressPreference = 'SilentlyContinue' # a child's progress records would arrive as CLIXML on our output
    $ErrorActionPreference = 'Stop' # a failed call must fail the round, not be timed
    $proc = [Diagnostics.Process]::GetCurrentProcess()
    $sw = [Diagnostics.Stopwatch]::StartNew()
    function Snap {
        $proc.Refresh()
        [pscustomobject]@{
            Wall = $sw.Elapsed.TotalMilliseconds; Cpu = $proc.TotalProcessorTime.TotalMilliseconds
            Jit = [System.Runtime.JitInfo]::GetCompilationTime($false).TotalMilliseconds
            Methods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
        }
    }
    function Span($a, $b) {
        [pscustomobject]@{ Wall = $b.Wall - $a.Wall; Cpu = $b.Cpu - $a.Cpu; Jit = $b.Jit - $a.Jit; Methods = $b.Methods - $a.Methods }
    }
    $before = Snap
    Import-Module $module
    $import = Span $before (Snap)
    $block = [scriptblock]::Create($call)
    $run = {
        $t0 = Snap
        # Only the first output is time-stamped: reading the clocks at every output would take CPU from the engine's
        # threads. The steps part runs from it to the end of the call (the last output is written as the call ends).
        $script:mark = $null
        & $block | ForEach-Object { if ($null -eq $script:mark) { $script:mark = Snap } }
        $t1 = Snap
        if ($null -eq $script:mark) { throw "The call wrote no output: $call" }
        [pscustomobject]@{ Fixed = Span $t0 $script:mark; Steps = Span $script:mark $t1; Total = Span $t0 $t1 }
    }
    Start-Sleep -Milliseconds $pause
    $first = & $run
    $warm = @(1..3 | ForEach-Object { & $run })
    [pscustomobject]@{ Import = $import; First = $first; Warm = $warm } | ConvertTo-Json -Depth 5 -Compress
}

function Median([double[]] $v) {
    $s = @($v | Sort-Object)
    if ($s.Count % 2) { $s[[int][Math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 }
}
function Load { ((Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ')[0] }
# A call's warm figure: the last of the three warm calls, part by part and measure by measure. The runtime may still be
# recompiling hot code (instrumented, then optimised) during the second and third call of a session, most of all for the
# ODE and the random-feature simulation; the last is the nearest to the steady state, and a single call like the first.
function WarmFigure($warm, [string] $part, [string] $measure) { @($warm)[-1].$part.$measure }

$encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes(
        "& { $child } '$((Resolve-Path $Module).Path)' '$($calls[$Command])' $Pause"))
function Invoke-Round([string[]] $settings) {
    $saved = @{}
    foreach ($pair in $settings) {
        $name, $value = $pair -split '=', 2
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $value)
    }
    try {
        $loadBefore = Load
        $json = if ($pwshArgs) { & $pwsh $pwshArgs -NoProfile -NonInteractive -EncodedCommand $encoded 2>$null } else { & $pwsh -NoProfile -NonInteractive -EncodedCommand $encoded 2>$null }
    } finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
    $o = $json | Where-Object { $_ -like '{*' } | Select-Object -Last 1 | ConvertFrom-Json
    if (-not $o) { throw "A round produced no result (the child pwsh failed: run the call by hand to see why)." }
    $w = @{}
    foreach ($part in 'Fixed', 'Steps', 'Total') { foreach ($m in 'Wall', 'Cpu', 'Jit') { $w["$part$m"] = WarmFigure $o.Warm $part $m } }
    [pscustomobject]@{
        Load = "$loadBefore→$(Load)"; ImportWall = $o.Import.Wall; ImportCpu = $o.Import.Cpu
        FirstWall = $o.First.Total.Wall; WarmWall = $w.TotalWall
        TotalWall = $o.First.Total.Wall / $w.TotalWall; TotalCpu = $o.First.Total.Cpu / $w.TotalCpu
        StepsWall = $o.First.Steps.Wall / $w.StepsWall; StepsCpu = $o.First.Steps.Cpu / $w.StepsCpu
        FixedFirst = $o.First.Fixed.Wall; FixedWarm = $w.FixedWall
        JitFirst = $o.First.Total.Jit; JitFixed = $o.First.Fixed.Jit; JitSteps = $o.First.Steps.Jit; JitWarm = $w.TotalJit
        Methods = $o.First.Total.Methods
    }
}

$variants = @([pscustomobject]@{ Name = $(if ($Environment) { $Environment -join ' ' } else { 'as built' }); Settings = $Environment; Rows = [Collections.Generic.List[object]]::new() })
if ($Compare) { $variants += [pscustomobject]@{ Name = ($Environment + $Compare) -join ' '; Settings = $Environment + $Compare; Rows = [Collections.Generic.List[object]]::new() } }
'   call: {0}, {5} ms after import; {1} fresh sessions{2}; {3} cores; load average {4} at start' -f $calls[$Command], $Rounds,
    $(if ($Compare) { ' per variant, alternating' } else { '' }), [Environment]::ProcessorCount, (Load), $Pause
foreach ($r in 1..$Rounds) {
    foreach ($v in $variants) { $v.Rows.Add((Invoke-Round $v.Settings)) }
}
function Spread([string] $name, [string] $format = 'F2') {
    $v = @($rows.$name)
    "{0:$format} [{1:$format}–{2:$format}]" -f (Median $v), ($v | Measure-Object -Minimum).Minimum, ($v | Measure-Object -Maximum).Maximum
}
foreach ($variant in $variants) {
    $rows = $variant.Rows
    '  == {0}' -f $variant.Name
    foreach ($o in $rows) {
        '   load {0,-10} import {1,4:F0} ms ({2,4:F0} CPU); call {3,5:F0} ms first, {4,5:F0} warm: ratio {5:F2} wall, {6:F2} CPU; steps {7:F2} wall, {8:F2} CPU; fixed {9,4:F0} ms first, {10,3:F0} warm; JIT {11,4:F0} ms first ({12:F0} fixed, {13:F0} steps, {14} methods), {15:F0} warm' -f `
            $o.Load, $o.ImportWall, $o.ImportCpu, $o.FirstWall, $o.WarmWall, $o.TotalWall, $o.TotalCpu, $o.StepsWall, $o.StepsCpu,
            $o.FixedFirst, $o.FixedWarm, $o.JitFirst, $o.JitFixed, $o.JitSteps, $o.Methods, $o.JitWarm
    }
    $perUnit = if ($units[$Command] -gt 0) { '; warm {0:F0} ns per seed-step wall' -f ((Median @($rows.WarmWall)) * 1e6 / $units[$Command]) } else { '' }
    '   median [min–max] over {0} fresh sessions, load average {1} at end:' -f $rows.Count, (Load)
    '     first/warm whole call  {0} wall, {1} CPU time   (target ≤ 1.2){2}' -f (Spread TotalWall), (Spread TotalCpu), $perUnit
    '     first/warm steps only  {0} wall, {1} CPU time' -f (Spread StepsWall), (Spread StepsCpu)
    '     fixed part             {0} ms first, {1} ms warm (wall)' -f (Spread FixedFirst 'F0'), (Spread FixedWarm 'F0')
    '     JIT in the first call  {0} ms ({1} ms before the first step, {2} ms during the steps); warm call {3} ms' -f (Spread JitFirst 'F0'), (Spread JitFixed 'F0'), (Spread JitSteps 'F0'), (Spread JitWarm 'F0')
    '     import                 {0} ms wall, {1} ms CPU' -f (Spread ImportWall 'F0'), (Spread ImportCpu 'F0')
}
