# The first pipeline a researcher writes: simulate, save as CSV, read back, fit. Every simulator's curve starts
# at alpha = 0 (or t = 0); the module's one rule is that such a point is left out of a fit with a warning, never
# refuses the curve — and the CSV carries names (Source = Simulation, not 0) and reads back as numbers.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) "scalingps-firstpipe-$PID"
    $null = New-Item -ItemType Directory -Force $Dir
}

AfterAll { Remove-Item $Dir -Recurse -Force -ErrorAction SilentlyContinue }

Describe 'Simulate | Export-Csv; Import-Csv | Measure-ScalingLaw' {
    It '<Name>: fits the CSV, leaving the origin out with a warning' -ForEach @(
        @{ Name = 'Invoke-CommitteeSgd'; Make = { Invoke-CommitteeSgd -N 64 -L 8 -Alpha 30 -Points 12 -Seed 3 }; X = 'Alpha'; Y = 'EpsG' }
        @{ Name = 'Invoke-CommitteeOde'; Make = { Invoke-CommitteeOde -N 64 -L 8 -Alpha 30 -Points 12 }; X = 'Alpha'; Y = 'EpsG' }
        @{ Name = 'Get-CommitteeLinearCurve'; Make = { Get-CommitteeLinearCurve -L 64 -Alpha 0, 1, 3, 10, 30, 100, 300 }; X = 'Alpha'; Y = 'EpsG' }
        @{ Name = 'Invoke-RandomFeatureTraining'; Make = { Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 100 -N 50 -P 100 -Time 0, 1, 3, 10, 30, 100 }; X = 'Time'; Y = 'TestLoss' }
        @{ Name = 'Get-RandomFeatureCurve'; Make = { Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 200 -Time 0, 1, 3, 10, 30, 100, 300 }; X = 'Time'; Y = 'TestLoss' }
    ) {
        $csv = Join-Path $Dir "$Name.csv"
        & $Make | Export-Csv $csv
        $rows = Import-Csv $csv
        @($rows | Where-Object { [double]$_.$X -eq 0 }).Count | Should -BeGreaterThan 0 -Because 'the curve starts at the origin'
        $rows[0].Source | Should -Match '^[A-Za-z]+$' -Because 'enums leave the module as names'
        $fit = $rows | Measure-ScalingLaw -X $X -Y $Y -MinDecades 0.5 -WarningVariable warned -WarningAction SilentlyContinue -ErrorAction Stop
        $fit | Should -Not -BeNullOrEmpty
        [double]::IsFinite($fit.Exponent) | Should -BeTrue
        ($warned -join "`n") | Should -Match "$X = 0 left out"
    }
}
