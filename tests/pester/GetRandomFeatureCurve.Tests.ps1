BeforeAll { . $PSScriptRoot/TestSetup.ps1 }

Describe 'Get-RandomFeatureCurve' {
    It 'reproduces spec section 6.2 for (N, P) = (200, 400)' {
        $r = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 2000 -N 200 -P 400 -Time 1, 100, 1e4
        $r.Count | Should -Be 3
        [math]::Round($r[0].TestLoss, 5) | Should -Be 1.33463
        [math]::Round($r[1].TestLoss, 5) | Should -Be 0.34537
        [math]::Round($r[2].TrainLoss, 4) | Should -Be 0.1233
        [math]::Round($r[1].Bias, 5) | Should -Be 0.22785
        $r[0].Source | Should -Be 'Theory'
        $r[0].Model | Should -Be 'RandomFeature'
        $r[0].N | Should -Be 200
        $r[0].Compute | Should -Be 200
        $r[0].StdErr | Should -BeNullOrEmpty
    }
    It 'binds Infinity as the limit and combines every N with every P' {
        $r = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 2000 -N 100, Infinity -P Infinity, 100 -Time 100
        $r.Count | Should -Be 4
        ($r | ForEach-Object { "$($_.N)/$($_.P)" }) -join ',' | Should -Be '100/Infinity,100/100,Infinity/Infinity,Infinity/100'
        [math]::Round(($r | Where-Object { $_.N -eq 100 -and [double]::IsPositiveInfinity($_.P) }).TestLoss, 5) | Should -Be 0.40118
        [math]::Round(($r | Where-Object { [double]::IsPositiveInfinity($_.N) -and [double]::IsPositiveInfinity($_.P) }).TestLoss, 6) | Should -Be 0.168617
    }
    It 'gives the static limit with -Static and an infinite loss at N = P' {
        $r = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 2000 -N 100, Infinity -P Infinity, 100 -Static
        ($r | Where-Object { $_.N -eq 100 -and $_.P -gt 1000 }).TestLoss | ForEach-Object { [math]::Round($_, 5) } | Should -Be 0.38837
        ($r | Where-Object { $_.N -gt 1000 -and $_.P -eq 100 }).TestLoss | ForEach-Object { [math]::Round($_, 5) } | Should -Be 0.31533
        [double]::IsPositiveInfinity(($r | Where-Object { $_.N -eq 100 -and $_.P -eq 100 }).TestLoss) | Should -BeTrue
        $r | ForEach-Object { [double]::IsPositiveInfinity($_.Time) | Should -BeTrue }
    }
    It 'keeps the bias symmetric when N and P are exchanged' {
        $a = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 1000 -N 100 -P 300 -Time 10, 1000
        $b = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 1000 -N 300 -P 100 -Time 10, 1000
        foreach ($i in 0, 1) { [math]::Abs($a[$i].Bias - $b[$i].Bias) | Should -BeLessThan 1e-9 }
        [math]::Abs($a[1].TestLoss - $b[1].TestLoss) | Should -BeGreaterThan 1e-3
    }
    It 'accepts a spectrum from the pipeline and matches the -A -B -M form' {
        $x = New-PowerLawSpectrum -M 500 -A 1.5 -B 1.25 | Get-RandomFeatureCurve -N 50 -P 80 -Sigma 0.5 -Time 3
        $y = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 500 -N 50 -P 80 -Sigma 0.5 -Time 3
        $x.TestLoss | Should -Be $y.TestLoss
        $x.Sigma | Should -Be 0.5
    }
    It 'accepts an explicit spectrum with multiplicities and target power, and rejects one without a target' {
        $s = New-PowerLawSpectrum -Eigenvalue 1, 0.5, 0.25 -Multiplicity 1, 2, 4 -TargetPower 1, 0.5, 0.25
        $r = $s | Get-RandomFeatureCurve -Time 0, 2
        # L(0) = sum over the 7 modes of lambda w*^2 = 1 + 2 * 0.25 + 4 * 0.0625; N = P = Infinity: sum lambda w^2 e^(-2 lambda t).
        [math]::Abs($r[0].TestLoss - 1.75) | Should -BeLessThan 1e-14
        $exact = [math]::Exp(-4) + 2 * 0.25 * [math]::Exp(-2) + 4 * 0.0625 * [math]::Exp(-1)
        [math]::Abs($r[1].TestLoss - $exact) | Should -BeLessThan 1e-10
        $r[0].M | Should -Be 7
        $err = $null
        try { New-PowerLawSpectrum -N 64 -L 8 -Beta 1 | Get-RandomFeatureCurve -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Spectrum,*'
    }
    It 'applies the conventions: MSE doubles time, ensemble gives B + (L - B)/E' {
        $h = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 500 -N 50 -P 80 -Time 20
        $m = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 500 -N 50 -P 80 -Time 10 -Objective Mse
        [math]::Abs($h.TestLoss - $m.TestLoss) | Should -BeLessThan 1e-12
        $e = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 500 -N 50 -P 80 -Time 20 -Ensemble 4
        [math]::Abs($e.TestLoss - ($h.Bias + ($h.TestLoss - $h.Bias) / 4)) | Should -BeLessThan 1e-12
        $e.Ensemble | Should -Be 4
    }
    It 'runs the GD and SGD theories' {
        $gd = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 500 -N 50 -P 80 -Optimizer GD -Eta 0.5 -Time 0.5, 50
        $gd[0].Optimizer | Should -Be 'GD'
        $gd[1].TestLoss | Should -BeLessThan $gd[0].TestLoss
        $sgd = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 500 -Optimizer SGD -Eta 0.5 -BatchSize 4 -Time 10
        $sgd.BatchSize | Should -Be 4
        $sgd.TestLoss | Should -BeGreaterThan $sgd.Bias
    }
    It 'runs the heavy-ball theory and matches the simulation' {
        $common = @{ A = 1.5; B = 1.25; M = 400; N = 40; P = 80; Optimizer = 'Momentum'; Eta = 0.2; Momentum = 0.8 }
        $th = Get-RandomFeatureCurve @common -Time 1, 10, 100, 1000
        $th.Momentum | Should -Be @(0.8, 0.8, 0.8, 0.8)
        $sim = Invoke-RandomFeatureTraining @common -Time 1, 10, 100, 1000 -Seed 1 -Repeat 12 -Aggregate
        # 3.5 standard errors plus 2 % for the finite-size corrections of the theory.
        $cmp = $sim | Compare-ScalingCurve -Reference $th -X Time -Y TestLoss -RelativeTolerance 0.02
        $cmp.Compared | Should -Be 4
        [math]::Abs($cmp.WorstZ) | Should -BeLessThan 3.5
    }
    It 'shows a compact table' {
        $text = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 500 -N 50 -Time 1 | Out-String
        $text | Should -Match 'TestLoss'
        $text | Should -Match 'Inf'
    }
    It 'exports a tidy CSV' {
        $csv = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 300 -N 30 -P 60 -Time 1, 10 | ConvertTo-Csv | ConvertFrom-Csv
        $csv.Count | Should -Be 2
        $csv[0].PSObject.Properties.Name | Should -Contain 'TrainLoss'
    }
    It 'rejects <Case> with error id <Id>' -ForEach @(
        @{ Case = 'fractional N'; Params = @{ A = 1.5; B = 1.25; M = 100; N = 10.5 }; Id = 'InvalidParameter.N' }
        @{ Case = 'P = 0'; Params = @{ A = 1.5; B = 1.25; M = 100; P = 0 }; Id = 'InvalidParameter.P' }
        @{ Case = 'negative time'; Params = @{ A = 1.5; B = 1.25; M = 100; Time = -1 }; Id = 'InvalidParameter.Time' }
        @{ Case = 'A <= 1'; Params = @{ A = 1; B = 1.25; M = 100 }; Id = 'InvalidParameter.A' }
        @{ Case = 'negative sigma'; Params = @{ A = 1.5; B = 1.25; M = 100; Sigma = -1 }; Id = 'InvalidParameter.Sigma' }
        @{ Case = 'momentum eta too large'; Params = @{ A = 1.5; B = 1.25; M = 100; N = 10; Optimizer = 'Momentum'; Momentum = 0.25; Eta = 2.5 }; Id = 'InvalidParameter.Eta' }
        @{ Case = 'GD eta too large'; Params = @{ A = 1.5; B = 1.25; M = 100; N = 10; Optimizer = 'GD'; Eta = 1.5 }; Id = 'InvalidParameter.Eta' }
        @{ Case = 'SGD at finite P'; Params = @{ A = 1.5; B = 1.25; M = 100; P = 50; Optimizer = 'SGD' }; Id = 'InvalidParameter.P' }
        @{ Case = 'SGD theory at finite N'; Params = @{ A = 1.5; B = 1.25; M = 100; N = 50; Optimizer = 'SGD' }; Id = 'InvalidParameter.N' }
        @{ Case = 'Ensemble 0'; Params = @{ A = 1.5; B = 1.25; M = 100; Ensemble = 0 }; Id = 'InvalidParameter.Ensemble' }
    ) {
        $err = $null
        try { Get-RandomFeatureCurve @Params -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}

Describe 'Get-RandomFeatureCurve -Compute' {
    It 'returns the compute-optimal frontier with N* growing like C^(1/(1+b))' {
        $n = 0..7 | ForEach-Object { [math]::Round(10 * [math]::Pow(100, $_ / 7)) }
        $t = 0..16 | ForEach-Object { [math]::Pow(1e4, $_ / 16) }
        $f = @(Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 2000 -N $n -Time $t -Compute | Where-Object Interior)
        $f.Count | Should -BeGreaterThan 10
        $f[0].PSObject.TypeNames[0] | Should -Be 'ScalingPS.Core.RandomFeatures.RandomFeatureFrontierPoint'
        $x = $f | ForEach-Object { [math]::Log($_.Compute) }
        $y = $f | ForEach-Object { [math]::Log($_.N) }
        $mx = ($x | Measure-Object -Average).Average; $my = ($y | Measure-Object -Average).Average
        $slope = (0..($x.Count - 1) | ForEach-Object { ($x[$_] - $mx) * ($y[$_] - $my) } | Measure-Object -Sum).Sum / (0..($x.Count - 1) | ForEach-Object { ($x[$_] - $mx) * ($x[$_] - $mx) } | Measure-Object -Sum).Sum
        # Predicted 1/(1 + b) = 0.444; the small grid and M = 2000 allow ±0.06.
        $slope | Should -BeGreaterThan 0.38
        $slope | Should -BeLessThan 0.51
        foreach ($p in $f) { [math]::Abs($p.N * $p.Time - $p.Compute) / $p.Compute | Should -BeLessThan 1e-9 }
    }
    It 'needs at least three finite widths' {
        $err = $null
        try { Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 200 -N 10, 20 -Compute -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.N,*'
    }
}
