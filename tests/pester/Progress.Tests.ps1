BeforeAll { . $PSScriptRoot/TestSetup.ps1 }

Describe 'Progress of long runs' {
    It 'reaches the host between outputs, with percent and time left' {
        # Two checkpoints only: the progress records can come only from the polling pump, not from outputs. The run
        # must outlast the 500 ms before a first report with room to spare even on an idle machine with a warm JIT
        # (alpha = 4000 took about 0.6 s inside the full suite and left no intermediate record).
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$ModulePath'; Invoke-CommitteeSgd -N 256 -L 1 -Beta 1 -K 2 -M 2 -Eta 0.1 -SigmaJ 0.01 -Alpha 8000 -Points 1 | Out-Null")
            $null = $ps.Invoke()
            $ps.HadErrors | Should -BeFalse
            $running = @($ps.Streams.Progress | Where-Object RecordType -EQ 'Processing')
            $running.Count | Should -BeGreaterThan 0
            ($running | Where-Object { $_.PercentComplete -gt 0 -and $_.PercentComplete -lt 100 }).Count | Should -BeGreaterThan 0
            ($running | Where-Object SecondsRemaining -GE 0).Count | Should -BeGreaterThan 0
            @($ps.Streams.Progress)[-1].RecordType | Should -Be 'Completed'
        }
        finally { $ps.Dispose() }
    }
}
