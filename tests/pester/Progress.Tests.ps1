BeforeAll { . $PSScriptRoot/TestSetup.ps1 }

Describe 'Progress of long runs' {
    It 'reaches the host between outputs, with percent and time left, for <Name>' -ForEach @(
        # Runs that would take far longer than the test: it waits for the first informative record and then stops
        # them, so no run length has to be guessed right for the machine's speed (only a generous upper bound).
        @{ Name = 'Invoke-CommitteeSgd'; Script = 'Invoke-CommitteeSgd -N 256 -L 1 -K 2 -M 2 -Alpha 1e7 -Points 1' }
        # The formula path evaluates a script block on a 601 × 601 (N, t) grid on the pipeline thread; each call sleeps
        # 1 ms so that the run outlasts the first report on any machine (unslowed, an idle machine finished it in 1 s).
        @{ Name = 'Find-ComputeOptimal -LossFunction'; Script = 'Find-ComputeOptimal -LossFunction { param($n, $t) Start-Sleep -Milliseconds 1; 1 / $n + 1 / $t } -SizeRange 1, 1e6 -TimeRange 1, 1e6 -SizesPerDecade 100 -TimesPerDecade 100' }
        @{ Name = 'Invoke-RandomFeatureTraining'; Script = 'Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 400 -N 300 -P 300 -Time 10 -Ensemble 200' }
    ) {
        $rs = [runspacefactory]::CreateRunspace(); $rs.Open()
        $ps = [powershell]::Create(); $ps.Runspace = $rs
        try {
            $null = $ps.AddScript("Import-Module '$ModulePath'").Invoke(); $ps.Commands.Clear()
            $null = $ps.AddScript("$Script | Out-Null")
            $handle = $ps.BeginInvoke()
            $deadline = [Diagnostics.Stopwatch]::StartNew()
            $informative = $null
            while (-not $informative -and -not $handle.IsCompleted -and $deadline.Elapsed.TotalSeconds -lt 60) {
                Start-Sleep -Milliseconds 100
                $informative = @($ps.Streams.Progress) | Where-Object {
                    $_.RecordType -eq 'Processing' -and $_.PercentComplete -ge 0 -and $_.PercentComplete -lt 100 -and $_.SecondsRemaining -ge 0 } |
                    Select-Object -First 1
            }
            $ps.Stop()
            $informative | Should -Not -BeNullOrEmpty -Because 'a long run reports percent and time left while it runs'
            $informative.StatusDescription | Should -Not -BeNullOrEmpty
        }
        finally { $ps.Dispose(); $rs.Dispose() }
    }
}
