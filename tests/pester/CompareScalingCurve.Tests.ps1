BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $script:Law = { param($x) 2.5 * [math]::Pow($x, -0.5) }
    # A coarse reference: one point per decade from 1 to 1e4.
    $script:Ref = foreach ($i in 0..4) { $x = [math]::Pow(10, $i); [pscustomobject]@{ Alpha = $x; EpsG = & $Law $x } }
}

Describe 'Compare-ScalingCurve' {
    It 'interpolates the reference on log axes (exact on a power law) and gives ratio and z' {
        $pts = foreach ($x in 3, 30, 300) { [pscustomobject]@{ Alpha = $x; EpsG = 1.1 * (& $Law $x); StdErr = 0.05 * (& $Law $x) } }
        $s = $pts | Compare-ScalingCurve -Reference $Ref
        $s | Should -BeOfType ([ScalingPS.Core.Analysis.ComparisonSummary])
        $s.Compared | Should -Be 3
        foreach ($p in $s.Detail) {
            [math]::Abs($p.Reference / (& $Law $p.X) - 1) | Should -BeLessThan 1e-12
            [math]::Abs($p.Ratio - 1.1) | Should -BeLessThan 1e-12
            [math]::Abs($p.Z - 2) | Should -BeLessThan 1e-9
        }
        [math]::Abs($s.ChiSquarePerDof - 4) | Should -BeLessThan 1e-9
    }
    It 'reads Import-Csv strings, uses the seed spread, and groups with -GroupBy' {
        $rows = foreach ($g in 'a', 'b') { foreach ($x in 2, 20) { foreach ($k in -1, 0, 1) {
            [pscustomobject]@{ t = "$x"; loss = "$((& $Law $x) * (1 + 0.01 * $k))"; run = $g } } } }
        $csv = $rows | ConvertTo-Csv | ConvertFrom-Csv
        $ref = $Ref | Select-Object @{ n = 't'; e = { "$($_.Alpha)" } }, @{ n = 'loss'; e = { "$($_.EpsG)" } }
        $p = $csv | Compare-ScalingCurve -Reference $ref -X t -Y loss -GroupBy run -PerPoint
        $p.Count | Should -Be 4
        $p | Should -BeOfType ([ScalingPS.Core.Analysis.ComparisonPoint])
        ($p | Select-Object -ExpandProperty Count -Unique) | Should -Be 3
        foreach ($q in $p) { [math]::Abs($q.Z) | Should -BeLessThan 1e-6; $q.StdErr | Should -BeGreaterThan 0 }
        $p.Group | Sort-Object -Unique | Should -Be @('a', 'b')
    }
    It 'matches a reference split by the same -GroupBy property' {
        $ref = foreach ($n in 1, 2) { foreach ($x in 1, 10, 100) { [pscustomobject]@{ Alpha = $x; EpsG = $n * (& $Law $x); N = $n } } }
        $pts = foreach ($n in 1, 2) { [pscustomobject]@{ Alpha = 5; EpsG = $n * (& $Law 5); N = $n; StdErr = 0.01 } }
        $s = $pts | Compare-ScalingCurve -Reference $ref -GroupBy N
        $s.Count | Should -Be 2
        foreach ($x in $s) { [math]::Abs($x.RatioMin - 1) | Should -BeLessThan 1e-12 }
    }
    It 'reports points outside the reference and refuses a group it does not cover' {
        $pts = foreach ($x in 0.1, 10, 1e6) { [pscustomobject]@{ Alpha = $x; EpsG = & $Law $x; StdErr = 0.1; G = 'in' } }
        $pts += [pscustomobject]@{ Alpha = 1e7; EpsG = 1; StdErr = 0.1; G = 'out' }
        $s = $pts | Compare-ScalingCurve -Reference $Ref -GroupBy G -ErrorVariable err -ErrorAction SilentlyContinue
        $s.Group | Should -Be 'in'
        $s.OutsideRange | Should -Be 2
        $s.Compared | Should -Be 1
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ComparisonRefused.NoOverlap,*'
        $err[0].TargetObject | Should -Be 'out'
    }
    It 'refuses bad -RelativeTolerance and an unusable -Reference with ids' {
        $pt = [pscustomobject]@{ Alpha = 10; EpsG = 1 }
        foreach ($v in [double]::NaN, -1, [double]::PositiveInfinity, 1e300) {
            { $pt | Compare-ScalingCurve -Reference $Ref -RelativeTolerance $v -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidParameter.RelativeTolerance,*'
        }
        { $pt | Compare-ScalingCurve -Reference ([pscustomobject]@{ Foo = 1 }) -ErrorAction Stop 2>$null } |
            Should -Throw -ErrorId 'InvalidParameter.Reference,*'
    }
    It 'compares a random-feature simulation with its theory within statistical error' {
        $times = 1..24 | ForEach-Object { [math]::Pow(10, $_ / 6) }
        $theory = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 400 -N 50 -P Infinity -Time $times
        $sim = Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 400 -N 50 -P Infinity -Time 10, 100, 1000 -Seed 1 -Repeat 12
        $s = $sim | Compare-ScalingCurve -Reference $theory -X Time -Y TestLoss
        $s.Compared | Should -Be 3
        # Finite M = 400 biases the theory by ~1 %: allow 2 % in quadrature; |z| <= 3.5 with 3 points.
        $t = $sim | Compare-ScalingCurve -Reference $theory -X Time -Y TestLoss -RelativeTolerance 0.02
        [math]::Abs($t.WorstZ) | Should -BeLessThan 3.5
    }
}
