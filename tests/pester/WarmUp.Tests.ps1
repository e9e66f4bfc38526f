# The warm-up the module starts at import (ScalingPS.Infrastructure.ModuleWarmUp): import does not wait for it, a
# call made while it runs gives the numbers of a session without it, and it compiles every hot method without a
# failure. Nothing is timed here: what the warm-up buys is measured by bench/FirstCall.ps1. Each case runs in a
# fresh process, because the warm-up runs once per session.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    # Runs $body in a fresh pwsh with the given environment and returns its last output line parsed from JSON.
    function Invoke-FreshSession([hashtable] $environment, [string] $body) {
        $saved = @{}
        foreach ($name in $environment.Keys) {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $environment[$name])
        }
        try {
            $out = & dotnet pwsh -NoProfile -NonInteractive -Command "`$ErrorActionPreference = 'Stop'; Import-Module '$ModulePath'; $body" 2>&1 |
                ForEach-Object { "$_" -replace "\x1b\[[0-9;?]*[A-Za-z]", "" }
        } finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        ($out | Select-Object -Last 1) | ConvertFrom-Json
    }
    # Both precisions, a power-law spectrum, K + M = 5: the 4-row and 1-row passes and both updates. The numbers
    # travel as round-trip strings so that the comparison is bit for bit.
    $script:Calls = @'
function Get-Numbers {
    foreach ($precision in 'Double', 'Single') {
        Invoke-CommitteeSgd -N 256 -L 16 -K 3 -M 2 -Eta 0.5 -Alpha 4 -AlphaMin 0.5 -Points 4 -Repeat 2 -Aggregate -Precision $precision |
            ForEach-Object { $_.EpsG.ToString('R') }
    }
}
'@
}

Describe 'Warm-up at import' {
    It 'returns from import before the warm-up ends, and a call during it gives the numbers of a session without it' {
        # A pause of 100 ms between methods stretches the warm-up over several seconds, so the call certainly overlaps it.
        $warm = Invoke-FreshSession @{ SCALINGPS_WARMUP = $null; SCALINGPS_WARMUP_PAUSE_MS = '100' } @"
$Calls
`$completion = [ScalingPS.Infrastructure.ModuleWarmUp]::Completion
`$atImport = `$completion.IsCompleted
`$during = @(Get-Numbers)
`$overlapped = -not `$completion.IsCompleted
`$report = `$completion.GetAwaiter().GetResult()
`$after = @(Get-Numbers)
[pscustomobject]@{ AtImport = `$atImport; Overlapped = `$overlapped; Prepared = `$report.Prepared; Failed = @(`$report.Failed); During = `$during; After = `$after } | ConvertTo-Json -Compress
"@
        $cold = Invoke-FreshSession @{ SCALINGPS_WARMUP = 'Off'; SCALINGPS_WARMUP_PAUSE_MS = $null } @"
$Calls
`$report = [ScalingPS.Infrastructure.ModuleWarmUp]::Completion.GetAwaiter().GetResult()
[pscustomobject]@{ Report = `$report; Numbers = @(Get-Numbers) } | ConvertTo-Json -Compress
"@
        $warm.AtImport | Should -BeFalse
        $warm.Overlapped | Should -BeTrue -Because 'the call must have run while the warm-up was still compiling'
        $warm.Failed | Should -BeNullOrEmpty
        $warm.Prepared | Should -BeGreaterThan 20
        $cold.Report | Should -BeNullOrEmpty -Because 'SCALINGPS_WARMUP=Off skips the warm-up'
        $cold.Numbers.Count | Should -Be 10
        $warm.During | Should -Be $cold.Numbers
        $warm.After | Should -Be $cold.Numbers
    }

    It 'starts once per session: Import-Module -Force keeps the same warm-up' {
        $r = Invoke-FreshSession @{ SCALINGPS_WARMUP = $null; SCALINGPS_WARMUP_PAUSE_MS = $null } @"
`$first = [ScalingPS.Infrastructure.ModuleWarmUp]::Completion
Import-Module '$ModulePath' -Force
`$second = [ScalingPS.Infrastructure.ModuleWarmUp]::Completion
`$report = `$second.GetAwaiter().GetResult()
[pscustomobject]@{ Same = [object]::ReferenceEquals(`$first, `$second); Failed = @(`$report.Failed) } | ConvertTo-Json -Compress
"@
        $r.Same | Should -BeTrue
        $r.Failed | Should -BeNullOrEmpty
    }
}
