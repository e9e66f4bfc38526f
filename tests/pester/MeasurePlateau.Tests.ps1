BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    # A step on log axes: slope -1 down to 6e-3 at alpha = 10, flat to 1000, slope -2 after; 20 points per decade.
    function New-StepCurve([int] $Seed = 0, [double] $Noise = 0) {
        $rng = [System.Random]::new($Seed)
        foreach ($i in 0..120) {
            $a = [math]::Pow(10, -1 + $i / 20)
            $e = if ($a -lt 10) { 6e-3 * 10 / $a } elseif ($a -le 1000) { 6e-3 } else { 6e-3 * [math]::Pow(1000 / $a, 2) }
            [ScalingPS.Core.Committee.CommitteePoint]@{ Alpha = $a; EpsG = $e * (1 + $Noise * ($rng.NextDouble() - 0.5)); Seed = $Seed }
        }
    }
}

Describe 'Measure-Plateau' {
    It 'finds the start, end, height and escape of a step curve' {
        $p = New-StepCurve | Measure-Plateau
        $p | Should -BeOfType ([ScalingPS.Core.Analysis.Plateau])
        $p.HasPlateau | Should -BeTrue
        [math]::Abs([math]::Log10($p.Start) - 1) | Should -BeLessThan 0.1
        [math]::Abs([math]::Log10($p.End) - 3) | Should -BeLessThan 0.1
        [math]::Abs($p.Height / 6e-3 - 1) | Should -BeLessThan 1e-12
        # First sample below half the height: alpha > 1000 sqrt(2).
        $p.EscapeX | Should -BeGreaterThan (1000 * [math]::Sqrt(2))
        $p.EscapeX | Should -BeLessThan (1000 * [math]::Sqrt(2) * [math]::Pow(10, 0.05))
        $p.XProperty | Should -Be 'Alpha'
    }
    It 'gives one result per seed with -GroupBy Seed' {
        $curves = foreach ($s in 1..3) { New-StepCurve -Seed $s -Noise 0.04 }
        $ps = $curves | Measure-Plateau -GroupBy Seed
        $ps.Count | Should -Be 3
        $ps.Group | Should -Be @('1', '2', '3')
        foreach ($p in $ps) { [math]::Abs($p.Height / 6e-3 - 1) | Should -BeLessThan 0.02 }
    }
    It 'reports HasPlateau false for a power law' {
        $pts = 0..80 | ForEach-Object { $a = [math]::Pow(10, $_ / 20); [pscustomobject]@{ Alpha = $a; EpsG = [math]::Pow($a, -0.5) } }
        $p = $pts | Measure-Plateau
        $p.HasPlateau | Should -BeFalse
        [double]::IsNaN($p.Height) | Should -BeTrue
    }
    It 'reads Import-Csv with other property names and honours -EscapeFraction' {
        $path = Join-Path $TestDrive 'c.csv'
        New-StepCurve | Select-Object @{ n = 'step'; e = { $_.Alpha } }, @{ n = 'loss'; e = { $_.EpsG } } | Export-Csv $path -NoTypeInformation
        $p = Import-Csv $path | Measure-Plateau -X step -Y loss -EscapeFraction 0.1
        # y < 0.1 h first after alpha = 1000 sqrt(10).
        $p.EscapeX | Should -BeGreaterThan (1000 * [math]::Sqrt(10))
        $p.EscapeFraction | Should -Be 0.1
    }
    It 'refuses <Case> with error id <Id>' -ForEach @(
        @{ Case = 'a negative error'; Id = 'FitRefused.NonPositive'; Block = { @([pscustomobject]@{ Alpha = 1; EpsG = -1e-3 }) + (2..9 | ForEach-Object { [pscustomobject]@{ Alpha = $_; EpsG = 1 } }) | Measure-Plateau } }
        @{ Case = 'four points'; Id = 'FitRefused.TooFewPoints'; Block = { 1..4 | ForEach-Object { [pscustomobject]@{ Alpha = $_; EpsG = 1 } } | Measure-Plateau } }
        @{ Case = 'a missing property'; Id = 'MissingProperty'; Block = { 1..9 | ForEach-Object { [pscustomobject]@{ Alpha = $_ } } | Measure-Plateau } }
    ) {
        # Non-terminating errors must stay non-terminating here even when the caller runs with 'Stop' (build.ps1 does).
        $ErrorActionPreference = 'Continue'
        $errs = @(& $Block 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errs[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
    }
    It 'leaves out the alpha = 0 start and a final zero error with a warning, and finds the same plateau' {
        $curve = @(New-StepCurve)
        $with = @([pscustomobject]@{ Alpha = 0; EpsG = 1 }) + $curve + @([pscustomobject]@{ Alpha = 1e9; EpsG = 0 })
        $p = $with | Measure-Plateau -WarningVariable w -WarningAction SilentlyContinue
        ($w -join ' ') | Should -Match '2 points'
        $ref = $curve | Measure-Plateau
        $p.Start | Should -Be $ref.Start
        $p.Height | Should -Be $ref.Height
    }
    It 'rejects an escape fraction of 1' {
        { New-StepCurve | Measure-Plateau -EscapeFraction 1 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter.EscapeFraction,*'
    }
}

Describe 'Measure-Plateau -SpecialisationThreshold' {
    BeforeAll {
        # Isotropic K = M = 2 (spec check: 1/gamma_esc = 304): a flat plateau, then specialisation.
        $script:Op = Invoke-CommitteeOde -N 1024 -L 1 -K 2 -M 2 -Eta 0.1 -SigmaJ 0.01 -Alpha 6000 -Points 200 -Seed 1 -OrderParameters
    }
    It 'reports alpha_S, the first alpha with mean specialisation above the threshold' {
        $p = $Op | Measure-Plateau -SpecialisationThreshold 0.2 -WarningAction SilentlyContinue | Select-Object -First 1
        $p.HasPlateau | Should -BeTrue
        $first = @($Op | Where-Object { $_.Specialisation -gt 0.2 } | Sort-Object Alpha)[0].Alpha
        $p.SpecialisationX | Should -Be $first
        # Specialisation precedes the half-height escape and follows the plateau start.
        $p.SpecialisationX | Should -BeLessThan $p.EscapeX
        $p.SpecialisationX | Should -BeGreaterThan $p.Start
        # Get-CommitteePlateau with the same constant c = 0.2 in ln(c/S0) predicts it within 15 % (O(1) approach time).
        $th = Get-CommitteePlateau -N 1024 -L 1 -Beta 1 -K 2 -Eta 0.1 -SigmaJ 0.01 -LogConstant 0.2
        [math]::Abs($p.SpecialisationX / $th.Length - 1) | Should -BeLessThan 0.15
    }
    It 'leaves SpecialisationX NaN when not asked for, and refuses bad thresholds' {
        [double]::IsNaN(($Op | Measure-Plateau -WarningAction SilentlyContinue | Select-Object -First 1).SpecialisationX) | Should -BeTrue
        foreach ($v in 0, -1, [double]::NaN, [double]::PositiveInfinity, 1e300) {
            { $Op | Measure-Plateau -SpecialisationThreshold $v -ErrorAction Stop -WarningAction SilentlyContinue } | Should -Throw -ErrorId 'InvalidParameter.SpecialisationThreshold,*'
        }
    }
}
