# A sweep interrupted mid-way — stopped in its runspace (Ctrl+C) or its process killed with SIGKILL — resumes: the
# re-run runs exactly the tasks without a complete shard, leaves finished shards untouched, and the union is the
# uninterrupted run bit for bit.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    . $PSScriptRoot/SweepHelpers.ps1
    $script:Plan = Join-Path $TestDrive 'resume.json'
    # 16 tasks of ~0.1-0.3 s each (one seed of N = 512 to alpha = 60): long enough to interrupt between tasks.
    $null = New-ScalingSweep Invoke-CommitteeSgd -Grid @{ L = 1, 2, 4, 8; K = 2, 3 } -Fixed @{ N = 512; Alpha = 60; Points = 8 } -Derived @{ M = { $_.K } } -Seeds 1, 2 -Path $script:Plan
    $script:Reference = Join-Path $TestDrive 'reference'
    $null = Invoke-ScalingSweep -Path $script:Plan -OutputPath $script:Reference
    $script:RefHashes = Get-ShardHashes $script:Reference
    $script:RowsPerTask = 9

    # Checks the resumed folder: nothing run twice (earlier shards untouched, the re-run's points are exactly those of
    # the missing tasks), nothing lost (16 shards), union = uninterrupted run bit for bit.
    function Assert-Resumed([string] $folder) {
        $before = @{}
        foreach ($f in Get-ChildItem $folder -File -Filter *.parquet) { $before[$f.Name] = $f.LastWriteTimeUtc }
        $before.Count | Should -BeLessThan 16 -Because 'the interruption came before the end'
        $before.Count | Should -BeGreaterThan 0
        $points = @(Invoke-ScalingSweep -Path $Plan -OutputPath $folder)
        $points.Count | Should -Be ((16 - $before.Count) * $RowsPerTask) -Because 'the re-run runs only the tasks without a shard'
        foreach ($f in Get-ChildItem $folder -File -Filter *.parquet) {
            if ($before.ContainsKey($f.Name)) { $f.LastWriteTimeUtc | Should -Be $before[$f.Name] -Because "$($f.Name) was done before and must not run twice" }
        }
        $hashes = Get-ShardHashes $folder
        $hashes.Count | Should -Be 16
        foreach ($k in $RefHashes.Keys) { $hashes[$k] | Should -Be $RefHashes[$k] -Because "$k equals the uninterrupted run" }
        @(Get-ChildItem $folder -File | Where-Object { $_.Name -notmatch '^(\.|[0-9a-f]{16}\.parquet$)' } | ForEach-Object Name) | Should -BeNullOrEmpty
    }
}

Describe 'Resuming an interrupted sweep' {
    It 'after Stop on the runspace running it' {
        $folder = Join-Path $TestDrive 'stopped'
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$ModulePath'; Invoke-ScalingSweep -Path '$Plan' -OutputPath '$folder' -ThrottleLimit 2 | Out-Null")
            $handle = $ps.BeginInvoke()
            $null = Wait-Shards $folder 3
            $ps.Stop()
            $handle.IsCompleted | Should -BeTrue
        }
        finally { $ps.Dispose() }
        Assert-Resumed $folder
    }

    It 'after kill -9 of the child pwsh running it' {
        $folder = Join-Path $TestDrive 'killed'
        $pwsh = Get-PwshCommand
        $psi = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
        foreach ($a in @($pwsh | Select-Object -Skip 1)) { $psi.ArgumentList.Add($a) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-Command', "Import-Module '$ModulePath'; Invoke-ScalingSweep -Path '$Plan' -OutputPath '$folder' -ThrottleLimit 2 | Out-Null") { $psi.ArgumentList.Add($a) }
        $psi.UseShellExecute = $false
        $child = [Diagnostics.Process]::Start($psi)
        try {
            $null = Wait-Shards $folder 3
            & kill -9 $child.Id
            $child.WaitForExit(10000) | Should -BeTrue
            $child.ExitCode | Should -Be 137 -Because 'SIGKILL, not a clean exit'
        }
        finally { if (-not $child.HasExited) { $child.Kill() } }
        Assert-Resumed $folder
    }
}
