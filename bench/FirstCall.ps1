<#
.SYNOPSIS
    First call against warm calls of Invoke-CommitteeSgd in fresh PowerShell sessions, and module import time.
.DESCRIPTION
    Each round starts a new pwsh process, imports the module (timed), runs Invoke-CommitteeSgd at N = 1024,
    K = M = 2, erf, 8 seeds, α = 40 once (the first call) and then three more times (warm: the fastest of the three).
    It reports wall-clock and process CPU time; on a shared machine the CPU-time ratio is the steadier one. The
    median over rounds is printed with every round, as ratios measured in the same process.
.PARAMETER Module
    The module manifest to import (default: out/ScalingPS/ScalingPS.psd1, as laid out by build.ps1 -Task Build).
.PARAMETER Rounds
    Fresh processes to start.
.PARAMETER Alpha
    α of every call.
#>
[CmdletBinding()]
param(
    [string] $Module = (Join-Path $PSScriptRoot '../out/ScalingPS/ScalingPS.psd1'),
    [ValidateRange(1, 50)] [int] $Rounds = 5,
    [ValidateRange(1, 10000)] [double] $Alpha = 40
)
$ErrorActionPreference = 'Stop'
$pwsh = (Get-Process -Id $PID).Path
$pwshArgs = [Environment]::GetCommandLineArgs() | Select-Object -First 1 | Where-Object { $_ -like '*.dll' } # 'dotnet pwsh.dll' hosts
$child = {
    param($module, $alpha)
    $ProgressPreference = 'SilentlyContinue' # a child's progress records would arrive as CLIXML on our output
    $proc = [Diagnostics.Process]::GetCurrentProcess()
    $sw = [Diagnostics.Stopwatch]::StartNew()
    Import-Module $module
    $import = $sw.Elapsed.TotalMilliseconds
    $run = {
        $proc.Refresh(); $c0 = $proc.TotalProcessorTime.TotalMilliseconds; $sw.Restart()
        $null = Invoke-CommitteeSgd -N 1024 -L 1024 -K 2 -M 2 -Alpha $alpha -Repeat 8 -Aggregate
        $wall = $sw.Elapsed.TotalMilliseconds; $proc.Refresh()
        [pscustomobject]@{ Wall = $wall; Cpu = $proc.TotalProcessorTime.TotalMilliseconds - $c0 }
    }
    $first = & $run
    $warm = 1..3 | ForEach-Object { & $run }
    [pscustomobject]@{
        ImportMs = $import; FirstWallMs = $first.Wall; WarmWallMs = ($warm.Wall | Measure-Object -Minimum).Minimum
        FirstCpuMs = $first.Cpu; WarmCpuMs = ($warm.Cpu | Measure-Object -Minimum).Minimum
    } | ConvertTo-Json -Compress
}
$encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes(
    "& { $child } '$((Resolve-Path $Module).Path)' $Alpha"))
$steps = $Alpha * 1024 * 8
$rows = foreach ($r in 1..$Rounds) {
    $json = if ($pwshArgs) { & $pwsh $pwshArgs -NoProfile -NonInteractive -EncodedCommand $encoded 2>$null } else { & $pwsh -NoProfile -NonInteractive -EncodedCommand $encoded 2>$null }
    $o = $json | Where-Object { $_ -like '{*' } | Select-Object -Last 1 | ConvertFrom-Json
    $o | Add-Member -PassThru NoteProperty WallRatio ($o.FirstWallMs / $o.WarmWallMs) |
        Add-Member -PassThru NoteProperty CpuRatio ($o.FirstCpuMs / $o.WarmCpuMs)
}
function Median([double[]] $v) { $s = $v | Sort-Object; if ($s.Count % 2) { $s[[int][Math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 } }
foreach ($o in $rows) {
    '   import {0,5:F0} ms; first call {1,6:F0} ms wall ({2,6:F0} ns per seed-step), warm {3,6:F0} ms: wall ratio {4:F2}, CPU ratio {5:F2}' -f `
        $o.ImportMs, $o.FirstWallMs, ($o.FirstWallMs * 1e6 / $steps), $o.WarmWallMs, $o.WallRatio, $o.CpuRatio
}
'   median over {0} fresh sessions: import {1:F0} ms; first/warm {2:F2} wall, {3:F2} CPU time (target ≤ 1.2); load average {4}' -f `
    $Rounds, (Median $rows.ImportMs), (Median $rows.WallRatio), (Median $rows.CpuRatio), ((Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ')[0]
