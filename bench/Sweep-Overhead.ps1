<#
.SYNOPSIS
    End-to-end overhead of Invoke-ScalingSweep per task: the same tasks run as a sweep (one worker) and as plain
    sequential calls of the model cmdlet; the difference per task is the sweep's cost (runspace dispatch, reading
    the cmdlet's objects into typed columns, shard write, bookkeeping), printed against 5 % of a 1-second task.
#>
param([string] $ModulePath = (Join-Path $PSScriptRoot '../out/ScalingPS'), [int] $Tasks = 16)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$dir = Join-Path ([IO.Path]::GetTempPath()) "scalingps-sweep-overhead-$PID"
$null = New-Item -ItemType Directory -Force $dir
try {
    # Tasks of ~0.1 s (one seed, N = 1024 to alpha = 60): the sweep's cost per task does not grow with the task.
    $seeds = 1..$Tasks
    $plan = Join-Path $dir 'plan.json'
    $null = New-ScalingSweep Invoke-CommitteeSgd -Fixed @{ N = 1024; Alpha = 60; Points = 50 } -Seeds $seeds -Path $plan
    $parameters = (Get-Content $plan -Raw | ConvertFrom-Json -AsHashtable).tasks.parameters
    $first = @($parameters)[0]
    $null = Invoke-CommitteeSgd @first -ThrottleLimit 1 # warm up
    $best = [double]::PositiveInfinity; $direct = 0; $sweep = 0
    foreach ($round in 1..3) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        foreach ($p in $parameters) { $null = Invoke-CommitteeSgd @p -ThrottleLimit 1 }
        $d = $clock.Elapsed.TotalSeconds
        $out = Join-Path $dir "run$round"
        $clock.Restart()
        $verbose = Invoke-ScalingSweep -Path $plan -OutputPath $out -ThrottleLimit 1 -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        $s = $clock.Elapsed.TotalSeconds
        # The runspaces (each imports the module) start once per run, not per task: measured and reported apart.
        $start = [double](($verbose.Message | Select-String 'Runspaces ready in ([\d.]+) s').Matches[0].Groups[1].Value)
        if ($s - $d - $start -lt $best) { $best = $s - $d - $start; $direct = $d; $sweep = $s; $startup = $start }
    }
    $perTaskMs = 1000 * $best / $Tasks
    "{0} tasks: plain calls {1:F2} s ({2:F0} ms/task), sweep {3:F2} s of which {4:F2} s starting the runspaces once; overhead {5:F1} ms/task (best of 3 rounds)" -f $Tasks, $direct, (1000 * $direct / $Tasks), $sweep, $startup, $perTaskMs
    "  = {0:F2} % of a 1-second task (bound 5 %): {1} the bound" -f ($perTaskMs / 10), $(if ($perTaskMs -lt 50) { 'within' } else { 'OVER' })
}
finally { Remove-Item $dir -Recurse -Force -ErrorAction Ignore }
