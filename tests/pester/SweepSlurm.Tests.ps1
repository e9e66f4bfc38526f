# Invoke-ScalingSweep -Scheduler Slurm against a real Slurm (started by tests/slurm/start.sh, which .ci/run calls):
# the array's shards equal the local run bit for bit, and after scancel half-way a re-submission runs only the
# missing tasks. Where no Slurm can be reached this prints one line and runs nothing (not counted as passed);
# on CI (CI=true) an unreachable Slurm is a failure.
BeforeDiscovery {
    $script:SlurmWhyNot = $null
    if (-not (Get-Command sinfo -ErrorAction Ignore) -or -not (Get-Command sbatch -ErrorAction Ignore)) { $script:SlurmWhyNot = 'Slurm (sinfo, sbatch) is not installed; run tests/slurm/start.sh as root to install and start it' }
    else {
        $state = & sinfo -h -N -o '%t' 2>&1
        if ($LASTEXITCODE -ne 0 -or -not ($state -match '^(idle|mix|alloc)')) { $script:SlurmWhyNot = "no Slurm node is up (sinfo: $($state -join ' ')); run tests/slurm/start.sh as root" }
        else {
            # Jobs left by an earlier run hold the single node, and -Wait would then wait for them without end.
            $queued = @(& squeue -h -o '%i %j %T' 2>$null)
            if ($queued.Count -gt 0) { $script:SlurmWhyNot = "the Slurm node already holds $($queued.Count) job(s) from elsewhere ($($queued[0]) ...); cancel them (scancel) and rerun" }
        }
    }
    $script:OnCI = $env:CI -eq 'true'
    if ($script:SlurmWhyNot -and -not $script:OnCI) { Write-Host "SweepSlurm: NOT RUN (not passed): $($script:SlurmWhyNot)." }
}

# Blocks are defined only where they can run: Pester's -Skip would count them as skipped, which the build counts as failed.
if ($SlurmWhyNot -and $OnCI) {
    Describe 'Slurm is reachable on CI' {
        It 'has a free Slurm node (tests/slurm/start.sh ran before the tests)' { $SlurmWhyNot | Should -BeNullOrEmpty }
    }
}

if (-not $SlurmWhyNot) {
Describe 'Invoke-ScalingSweep -Scheduler Slurm' {
    BeforeAll {
        . $PSScriptRoot/TestSetup.ps1
        . $PSScriptRoot/SweepHelpers.ps1
        $script:Plan = Join-Path $TestDrive 'slurm.json'
        $null = New-ScalingSweep Invoke-CommitteeSgd -Grid @{ L = 1, 4, 16; K = 2, 3 } -Fixed @{ N = 64; Alpha = 20; Points = 6 } -Derived @{ M = { $_.K } } -Seeds 1..2 -SeedsPerTask 2 -Path $script:Plan
        $script:Local = Join-Path $TestDrive 'local'
        $null = Invoke-ScalingSweep -Path $script:Plan -OutputPath $script:Local
        $script:LocalHashes = Get-ShardHashes $script:Local
        # Slurm's --array list of indices, consecutive runs as a-b (written independently of the cmdlet's own).
        function ConvertTo-ArraySpec([int[]] $indices) {
            $parts = [Collections.Generic.List[string]]::new()
            $i = 0
            while ($i -lt $indices.Count) {
                $j = $i
                while ($j + 1 -lt $indices.Count -and $indices[$j + 1] -eq $indices[$j] + 1) { $j++ }
                $parts.Add($(if ($j -eq $i) { "$($indices[$i])" } else { "$($indices[$i])-$($indices[$j])" }))
                $i = $j + 1
            }
            $parts -join ','
        }
    }

    It 'runs the plan as a job array whose shards equal the local run bit for bit' {
        $out = Join-Path $TestDrive 'array'
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $job = Invoke-ScalingSweep -Path $Plan -OutputPath $out -Scheduler Slurm -CpusPerTask 1 -TimeLimit 00:10:00 -Wait
        Write-Host "SweepSlurm: 6-task array $($job.JobId) ran in $([math]::Round($clock.Elapsed.TotalSeconds, 1)) s (submission to last shard)."
        $job.JobId | Should -Match '^\d+$'
        $job.Array | Should -Be '0-5'
        $job.State | Should -Be 'Completed'
        $job.Done | Should -Be 6
        Test-Path (Join-Path $job.LogFolder 'task-3.log') | Should -BeTrue -Because 'each task logs to its own file'
        $hashes = Get-ShardHashes $out
        $hashes.Count | Should -Be 6
        foreach ($k in $LocalHashes.Keys) { $hashes[$k] | Should -Be $LocalHashes[$k] -Because "$k from the array equals the local run" }
        # Everything is done, so a re-submission has nothing to run.
        Invoke-ScalingSweep -Path $Plan -OutputPath $out -Scheduler Slurm | Should -BeNullOrEmpty
    }

    It 'after scancel half-way, re-submits only the missing tasks' {
        $out = Join-Path $TestDrive 'cancelled'
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $first = Invoke-ScalingSweep -Path $Plan -OutputPath $out -Scheduler Slurm -MaxConcurrent 1
        $first.Array | Should -Be '0-5%1'
        $null = Wait-Shards $out 2
        & scancel $first.JobId
        while (& squeue -h -j $first.JobId 2>$null) { Start-Sleep -Milliseconds 200 }
        $before = @{}
        foreach ($f in Get-ChildItem $out -File -Filter *.parquet) { $before[$f.Name] = $f.LastWriteTimeUtc }
        $before.Count | Should -BeLessThan 6 -Because 'the job was cancelled before its end'
        $missing = @(Get-ScalingSweep $Plan -OutputPath $out -State Pending).Index
        $missing.Count | Should -Be (6 - $before.Count)
        $second = Invoke-ScalingSweep -Path $Plan -OutputPath $out -Scheduler Slurm -Wait
        Write-Host "SweepSlurm: cancelled after $($before.Count) of 6 tasks; re-submission of $($second.Tasks) ran in $($second.Seconds) s; $([math]::Round($clock.Elapsed.TotalSeconds, 1)) s in all."
        $second.Tasks | Should -Be $missing.Count
        $second.Array | Should -Be (ConvertTo-ArraySpec $missing) -Because 'the second array lists exactly the missing task indices'
        $second.State | Should -Be 'Completed'
        foreach ($f in Get-ChildItem $out -File -Filter *.parquet) {
            if ($before.ContainsKey($f.Name)) { $f.LastWriteTimeUtc | Should -Be $before[$f.Name] -Because "$($f.Name) landed before the cancel and must not run again" }
        }
        $hashes = Get-ShardHashes $out
        foreach ($k in $LocalHashes.Keys) { $hashes[$k] | Should -Be $LocalHashes[$k] }
    }
}
}
