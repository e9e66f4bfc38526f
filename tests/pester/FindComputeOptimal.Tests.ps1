BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    # L = 0.5 + 20 N^-0.35 + 50 t^-0.3: N* ~ C^(0.3/0.65), t* ~ C^(0.35/0.65), L* - 0.5 ~ C^(-0.105/0.65).
    $script:Law = { param($N, $t) 0.5 + 20 * [math]::Pow($N, -0.35) + 50 * [math]::Pow($t, -0.3) }
    $script:SizeExp = 0.3 / 0.65
}

Describe 'Find-ComputeOptimal' {
    It 'reads the frontier of a script-block loss and matches the closed-form exponents' {
        $out = Find-ComputeOptimal -LossFunction $Law -SizeRange 1e2, 1e6 -TimeRange 1e2, 1e9 -LossOffset 0.5
        $summary = $out | Where-Object { $_ -is [ScalingPS.Core.Analysis.ComputeOptimalSummary] }
        $frontier = $out | Where-Object { $_ -is [ScalingPS.Core.Analysis.ComputeFrontierPoint] }
        [math]::Abs($summary.SizeExponent - $SizeExp) | Should -BeLessThan 0.005
        [math]::Abs($summary.TimeExponent - 0.35 / 0.65) | Should -BeLessThan 0.005
        [math]::Abs($summary.LossExponent + 0.105 / 0.65) | Should -BeLessThan 0.003
        @($frontier | Where-Object Interior).Count | Should -Be $summary.InteriorPoints
        foreach ($p in $frontier) { [math]::Abs($p.Compute / ($p.Size * $p.Time) - 1) | Should -BeLessThan 1e-12 }
    }
    It 'takes a fitted Chinchilla law and uses its offset' {
        $pts = foreach ($n in 1e2, 3e2, 1e3, 3e3, 1e4, 3e4) { foreach ($d in 1e3, 1e4, 1e5, 1e6, 1e7) { [pscustomobject]@{ N = $n; D = $d; Loss = & $Law $n $d } } }
        $fit = $pts | Measure-ScalingLaw -X N -Z D -Y Loss -Form Chinchilla -Bootstrap 20
        $s = Find-ComputeOptimal -Law $fit -SizeRange 1e2, 1e6 -TimeRange 1e2, 1e9 -SummaryOnly
        $s.LossOffset | Should -Be $fit.Offset
        [math]::Abs($s.SizeExponent - $fit.SecondExponent / ($fit.Exponent + $fit.SecondExponent)) | Should -BeLessThan 0.005
        # Intervals come from the law's bootstrap draws of (a, b).
        $s.Resamples | Should -Be $fit.Resamples
        $s.SizeExponentLower | Should -BeLessOrEqual $s.SizeExponentUpper
        $s.LossExponentLower | Should -Not -BeNullOrEmpty
        # Another offset: the L* - E interval no longer applies.
        (Find-ComputeOptimal -Law $fit -SizeRange 1e2, 1e6 -TimeRange 1e2, 1e9 -SummaryOnly -LossOffset 0).LossExponentLower | Should -BeNullOrEmpty
    }
    It 'reads points with the default property names, per group, and warns about the point bootstrap' {
        $pts = foreach ($n in (0..12 | ForEach-Object { [math]::Pow(10, 2 + $_ / 3) })) {
            foreach ($t in (0..56 | ForEach-Object { [math]::Pow(10, 2 + $_ / 8) })) { [pscustomobject]@{ N = $n; Time = $t; TestLoss = & $Law $n $t; Task = 'x' } } }
        $warn = $null
        $s = $pts | Find-ComputeOptimal -GroupBy Task -Bootstrap 50 -LossOffset 0.5 -SummaryOnly -WarningVariable warn -WarningAction SilentlyContinue
        $s.Group | Should -Be 'x'
        [math]::Abs($s.SizeExponent - $SizeExp) | Should -BeLessThan 0.01
        $s.SizeExponentLower | Should -BeLessThan $s.SizeExponentUpper
        $warn | Should -Match 'approximate'
    }
    It 'refuses <Case> with error id <Id>' -ForEach @(
        @{ Case = 'two sizes'; Id = 'FitRefused.TooFewPoints'; Block = { $(foreach ($n in 1, 10) { foreach ($t in 1, 10, 100) { [pscustomobject]@{ N = $n; Time = $t; TestLoss = 1 / $n + 1 / $t } } }) | Find-ComputeOptimal } }
        @{ Case = 'no interior optimum'; Id = 'FitRefused.NoInteriorMinimum'; Block = { Find-ComputeOptimal -LossFunction { param($N, $t) 1 + 1 / $N } -SizeRange 10, 1e4 -TimeRange 10, 1e4 } }
        @{ Case = 'a negative loss'; Id = 'FitRefused.NonPositive'; Block = { Find-ComputeOptimal -LossFunction { param($N, $t) -1 } -SizeRange 10, 1e4 -TimeRange 10, 1e4 } }
    ) {
        # Non-terminating errors must stay non-terminating here even when the caller runs with 'Stop' (build.ps1 does).
        $ErrorActionPreference = 'Continue'
        $errs = @(& $Block 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errs[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
    }
    It 'rejects a law that is not Chinchilla' {
        $fit = 1..20 | ForEach-Object { [pscustomobject]@{ x = [math]::Pow(10, $_ / 5); y = [math]::Pow(10, -$_ / 10) } } | Measure-ScalingLaw x y -Bootstrap 10
        { Find-ComputeOptimal -Law $fit -SizeRange 1, 10 -TimeRange 1, 10 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter.Law,*'
    }
}
