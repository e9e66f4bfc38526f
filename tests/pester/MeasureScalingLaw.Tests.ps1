BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    # y = 0.02 x^-0.5 on 40 log-spaced points over 4 decades (exact), as PSCustomObjects.
    $script:Xs = 1..40 | ForEach-Object { [math]::Pow(10, $_ / 10) }
    $script:Pts = $Xs | ForEach-Object { [pscustomobject]@{ Alpha = $_; EpsG = 0.02 * [math]::Pow($_, -0.5); Width = 'a' } }
    function Get-Refusal([scriptblock] $Block) {
        # Non-terminating errors must stay non-terminating here even when the caller runs with 'Stop' (build.ps1 does).
        $ErrorActionPreference = 'Continue'
        $errs = @(& $Block 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errs
    }
}

Describe 'Measure-ScalingLaw' {
    It 'recovers a power law and predicts from the shell' {
        $fit = $Pts | Measure-ScalingLaw -X Alpha -Y EpsG -Bootstrap 200
        $fit | Should -BeOfType ([ScalingPS.Core.Analysis.ScalingLawFit])
        [math]::Abs($fit.Exponent - 0.5) | Should -BeLessThan 1e-9
        [math]::Abs($fit.Coefficient - 0.02) | Should -BeLessThan 1e-10
        [math]::Abs($fit.Predict(1e5) / (0.02 * [math]::Pow(1e5, -0.5)) - 1) | Should -BeLessThan 1e-8
        $fit.Offset | Should -BeNullOrEmpty -Because "a plain power law has no offset (null = not applicable)"
        $fit.Points | Should -Be 40
        $fit.XProperty | Should -Be 'Alpha'
        $fit.Confidence | Should -Be 0.95
    }
    It 'reads Import-Csv string numbers and gives the same fit as the objects' {
        $path = Join-Path $TestDrive 'curve.csv'
        $noisy = $Xs | ForEach-Object -Begin { $i = 0 } -Process { $i++; [pscustomobject]@{ Alpha = $_; EpsG = 0.02 * [math]::Pow($_, -0.5) * (1 + 0.05 * [math]::Sin(7 * $i)) } }
        $noisy | Export-Csv -Path $path -NoTypeInformation
        $csv = Import-Csv $path
        $csv[0].EpsG | Should -BeOfType ([string])
        $a = $csv | Measure-ScalingLaw Alpha EpsG -Bootstrap 100 -Seed 3
        $b = $noisy | Measure-ScalingLaw Alpha EpsG -Bootstrap 100 -Seed 3
        # Export-Csv writes 15 significant digits, so the two fits agree to about that precision, not bit for bit.
        [math]::Abs($a.Exponent - $b.Exponent) | Should -BeLessThan 1e-9
        [math]::Abs($a.ExponentLower - $b.ExponentLower) | Should -BeLessThan 1e-9
        $a.Points | Should -Be 40
        $a.ExponentLower | Should -BeLessThan 0.5
        $a.ExponentUpper | Should -BeGreaterThan 0.5
    }
    It 'fits one law per -GroupBy group' {
        $two = foreach ($p in 0.3, 0.8) { $Xs | ForEach-Object { [pscustomobject]@{ x = $_; y = 3 * [math]::Pow($_, -$p); p = $p } } }
        $fits = $two | Measure-ScalingLaw -X x -Y y -GroupBy p -Bootstrap 50
        $fits.Count | Should -Be 2
        $fits.Group | Should -Be @('0.3', '0.8')
        foreach ($f in $fits) { [math]::Abs($f.Exponent - [double]$f.Group) | Should -BeLessThan 1e-9 }
    }
    It 'fits a power law with offset' {
        $pts = $Xs | ForEach-Object { [pscustomobject]@{ t = $_; L = 0.1 + 2 * [math]::Pow($_, -0.7) } }
        $fit = $pts | Measure-ScalingLaw t L -Form PowerLawOffset -Bootstrap 50
        [math]::Abs($fit.Offset - 0.1) | Should -BeLessThan 1e-5
        [math]::Abs($fit.Exponent - 0.7) | Should -BeLessThan 1e-5
    }
    It 'fits a Chinchilla law and predicts with two arguments' {
        $pts = foreach ($n in 1e2, 3e2, 1e3, 3e3, 1e4, 3e4) { foreach ($d in 1e3, 1e4, 1e5, 1e6, 1e7) {
                    [pscustomobject]@{ N = $n; D = $d; Loss = 0.5 + 20 * [math]::Pow($n, -0.35) + 50 * [math]::Pow($d, -0.3) } } }
        $fit = $pts | Measure-ScalingLaw -X N -Z D -Y Loss -Form Chinchilla -Bootstrap 30
        [math]::Abs($fit.Exponent - 0.35) | Should -BeLessThan 1e-3
        [math]::Abs($fit.SecondExponent - 0.3) | Should -BeLessThan 1e-3
        $expected = 0.5 + 20 * [math]::Pow(2e3, -0.35) + 50 * [math]::Pow(2e5, -0.3)
        [math]::Abs($fit.Predict(2e3, 2e5) / $expected - 1) | Should -BeLessThan 1e-5
        { $fit.Predict(2e3) } | Should -Throw '*two arguments*'
    }
    It 'emits the local slope per window' {
        $s = $Pts | Measure-ScalingLaw Alpha EpsG -Form LocalSlope -Window 5 -Bootstrap 20
        $s.Count | Should -Be 36
        $s[0] | Should -BeOfType ([ScalingPS.Core.Analysis.LocalSlopePoint])
        foreach ($p in $s) { [math]::Abs($p.Slope + 0.5) | Should -BeLessThan 1e-9 }
    }
    It 'resamples whole seeds for CommitteePoint records with a Seed' {
        $recs = foreach ($seed in 1..6) { foreach ($x in $Xs) {
                [ScalingPS.Core.Committee.CommitteePoint]@{ Alpha = $x; EpsG = 0.02 * [math]::Pow($x, -0.5) * (1 + 0.01 * $seed); Seed = $seed } } }
        $fit = $recs | Measure-ScalingLaw Alpha EpsG -Bootstrap 100
        $fit.Resampled | Should -Be 'Clusters'
        $fit.ResampleUnits | Should -Be 6
        ($recs | Measure-ScalingLaw Alpha EpsG -Bootstrap 100 -Resample Points).Resampled | Should -Be 'Points'
    }
    It 'warns when many resamples cannot be fitted' {
        # Four points for three parameters: a resample with two distinct x values (34 % of them) identifies nothing.
        $pts = 1, 10, 100, 1000 | ForEach-Object { [pscustomobject]@{ x = $_; y = 0.1 + [math]::Pow($_, -0.5) } }
        $warn = $null
        $fit = $pts | Measure-ScalingLaw x y -Form PowerLawOffset -Bootstrap 200 -WarningVariable warn -WarningAction SilentlyContinue
        $fit.Resamples | Should -BeLessThan 180
        $fit.Resamples | Should -BeGreaterThan 100
        $warn | Should -Match 'bootstrap resamples gave a fit'
    }
    It 'restricts the range with -XMin/-XMax' {
        $fit = $Pts | Measure-ScalingLaw Alpha EpsG -XMin 10 -XMax 1000 -Bootstrap 20
        $fit.XMin | Should -Be 10
        $fit.XMax | Should -Be 1000
        $fit.Points | Should -Be 21
    }
    It 'exports a tidy one-row CSV' {
        $fit = $Pts | Measure-ScalingLaw Alpha EpsG -Bootstrap 20
        $rows = @($fit | ConvertTo-Csv -NoTypeInformation)
        $rows.Count | Should -Be 2
        $rows[0] | Should -Match '"ExponentLower"'
    }
    It 'refuses <Case> with error id <Id>' -ForEach @(
        @{ Case = 'too few points'; Id = 'FitRefused.TooFewPoints'; Block = { $Pts[0..2] | Measure-ScalingLaw Alpha EpsG -Form PowerLawOffset } }
        @{ Case = 'a range under a decade'; Id = 'FitRefused.RangeTooNarrow'; Block = { $Pts[0..8] | Measure-ScalingLaw Alpha EpsG } }
        @{ Case = 'a non-positive value'; Id = 'FitRefused.NonPositive'; Block = { ($Pts + [pscustomobject]@{ Alpha = 5; EpsG = 0 }) | Measure-ScalingLaw Alpha EpsG } }
        @{ Case = 'an offset with no interior minimum'; Id = 'FitRefused.NoInteriorMinimum'; Block = { $Pts | Measure-ScalingLaw Alpha EpsG -Form PowerLawOffset } }
        @{ Case = 'a missing property'; Id = 'MissingProperty'; Block = { $Pts | Measure-ScalingLaw Alpha Loss } }
        @{ Case = 'a value that is not a number'; Id = 'NotNumeric'; Block = { [pscustomobject]@{ Alpha = 'ten'; EpsG = 1 } | Measure-ScalingLaw Alpha EpsG } }
    ) {
        $errs = Get-Refusal $Block
        $errs | Should -Not -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
    }
    It 'goes on with the other groups after a refusal' {
        $mixed = @($Pts) + @($Xs[0..2] | ForEach-Object { [pscustomobject]@{ Alpha = $_; EpsG = 1 / $_; Width = 'b' } })
        $errs = $null
        $fits = $mixed | Measure-ScalingLaw Alpha EpsG -GroupBy Width -Bootstrap 20 -ErrorVariable errs -ErrorAction SilentlyContinue
        @($fits).Count | Should -Be 1
        $fits.Group | Should -Be 'a'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'FitRefused.*'
        $errs[0].TargetObject | Should -Be 'b'
    }
    It 'rejects <Case> as InvalidParameter.<Name>' -ForEach @(
        @{ Case = 'Confidence 1'; Name = 'Confidence'; Params = @{ Confidence = 1 } }
        @{ Case = 'Chinchilla without Z'; Name = 'Z'; Params = @{ Form = 'Chinchilla' } }
        @{ Case = 'XMin above XMax'; Name = 'XMax'; Params = @{ XMin = 10; XMax = 1 } }
    ) {
        $err = $null
        try { $Pts | Measure-ScalingLaw -X Alpha -Y EpsG @Params -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike "InvalidParameter.$Name,*"
    }
}
