BeforeAll { . $PSScriptRoot/TestSetup.ps1 }

Describe 'Invoke-RandomFeatureTraining' {
    It 'streams one point per seed and time, in seed order, reproducibly' {
        $a = Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 300 -N 30 -P 60 -Time 1, 10 -Seed 5 -Repeat 3
        $a.Count | Should -Be 6
        ($a.Seed -join ',') | Should -Be '5,5,6,6,7,7'
        $a[0].Source | Should -Be 'Simulation'
        $b = Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 300 -N 30 -P 60 -Time 1, 10 -Seed 6
        $b[1].TestLoss | Should -Be $a[3].TestLoss
    }
    It 'aggregates to mean and standard error, agreeing with the theory' {
        $t = 1, 10, 100
        $sim = Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 400 -N 40 -P 80 -Sigma 0.5 -Time $t -Repeat 16 -Aggregate
        $th = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 400 -N 40 -P 80 -Sigma 0.5 -Time $t
        $sim.Count | Should -Be 3
        foreach ($i in 0..2) {
            $sim[$i].Count | Should -Be 16
            $sim[$i].StdErr | Should -BeGreaterThan 0
            # 3.5 standard errors plus 3 % for finite-size corrections at these small sizes (fixed seeds).
            [math]::Abs($sim[$i].TestLoss - $th[$i].TestLoss) | Should -BeLessThan (3.5 * $sim[$i].StdErr + 0.03 * $th[$i].TestLoss)
            [math]::Abs($sim[$i].TrainLoss - $th[$i].TrainLoss) | Should -BeLessThan (3.5 * $sim[$i].TrainStdErr + 0.03 * $th[$i].TrainLoss)
            $sim[$i].Bias | Should -Not -BeNullOrEmpty
        }
    }
    It 'is exact in the kernel limit N = P = Infinity' {
        $s = Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 300 -Time 10
        $t = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 300 -Time 10
        [math]::Abs($s.TestLoss - $t.TestLoss) | Should -BeLessThan 1e-9
    }
    It 'runs GD, momentum, SGD and ensembles' {
        (Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 300 -N 30 -P 60 -Optimizer GD -Eta 0.5 -Time 5).Optimizer | Should -Be 'GD'
        (Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 300 -N 30 -P 60 -Optimizer Momentum -Eta 0.2 -Momentum 0.5 -Time 5).Momentum | Should -Be 0.5
        (New-PowerLawSpectrum -M 300 -A 1.5 -B 1.25 | Invoke-RandomFeatureTraining -N 30 -Optimizer SGD -Eta 0.2 -BatchSize 4 -Time 5).BatchSize | Should -Be 4
        (Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 300 -N 30 -Ensemble 3 -Time 5).Ensemble | Should -Be 3
        (Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 300 -N 30 -P 60 -Ensemble 2 -SharedData -Time 5).TestLoss | Should -BeGreaterThan 0
        # A random w(0) with scale s adds s^2 tr(Lambda) to the mean initial loss (3.5 standard errors, 16 fixed seeds).
        $l0 = 0.0; $tr = 0.0; foreach ($k in 1..300) { $l0 += [math]::Pow($k, -1.5); $tr += [math]::Pow($k, -1.25) }
        $init = Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 300 -N 30 -P 60 -InitScale 0.5 -Time 0 -Repeat 16 -Aggregate
        [math]::Abs($init.TestLoss - ($l0 + 0.25 * $tr)) | Should -BeLessThan (3.5 * $init.StdErr)
    }
    It 'reports a diverging run as a Diverged error and stops its points' {
        $errs = $null
        $out = Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 300 -N 30 -P 60 -Optimizer GD -Eta 3 -Time 3, 300, 3000 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Diverged,*'
        $errs[0].Exception.Message | Should -Match 'diverged at t = '
        @($out).Count | Should -BeLessThan 3
    }
    It 'rejects <Case> with error id <Id>' -ForEach @(
        @{ Case = 'SGD at finite P'; Params = @{ A = 1.5; B = 1.25; M = 100; N = 10; P = 50; Optimizer = 'SGD' }; Id = 'InvalidParameter.P' }
        @{ Case = 'infinite time'; Params = @{ A = 1.5; B = 1.25; M = 100; N = 10; Time = [double]::PositiveInfinity }; Id = 'InvalidParameter.Time' }
        @{ Case = 'momentum 1'; Params = @{ A = 1.5; B = 1.25; M = 100; N = 10; Optimizer = 'Momentum'; Momentum = 1 }; Id = 'InvalidParameter.Momentum' }
        @{ Case = 'eta 0'; Params = @{ A = 1.5; B = 1.25; M = 100; N = 10; Eta = 0 }; Id = 'InvalidParameter.Eta' }
        @{ Case = 'batch 0'; Params = @{ A = 1.5; B = 1.25; M = 100; N = 10; BatchSize = 0 }; Id = 'InvalidParameter.BatchSize' }
        @{ Case = 'too large'; Params = @{ A = 1.5; B = 1.25; M = 100000; N = 10000 }; Id = 'InvalidParameter.N' }
    ) {
        $err = $null
        try { Invoke-RandomFeatureTraining @Params -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike "$Id,*"
    }
}
