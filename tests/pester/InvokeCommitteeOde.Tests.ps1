BeforeAll { . $PSScriptRoot/TestSetup.ps1 }

Describe 'Invoke-CommitteeOde' {
    It 'streams log-spaced CommitteePoints with Source Ode, reproducibly for a seed' {
        $a = @(Invoke-CommitteeOde -N 256 -L 16 -Alpha 100 -AlphaMin 1 -Points 5 -Seed 3)
        $a.Count | Should -Be 6
        $a[0] | Should -BeOfType ScalingPS.Core.Committee.CommitteePoint
        $a.Source | Select-Object -Unique | Should -Be 'Ode'
        # The initial state, then the simulator's checkpoints: log-spaced alpha rounded to whole steps (alpha = step/N).
        $expected = @(0) + (0..4 | ForEach-Object { [math]::Round([math]::Pow(10, $_ / 2) * 256) / 256 })
        $a.Alpha | Should -Be $expected
        $a.Step | Should -Be ($expected | ForEach-Object { [long]($_ * 256) })
        $s0 = Invoke-CommitteeOde -N 256 -L 16 -Initial Symmetric -SigmaJ 0 -Alpha 1 -Points 1 | Select-Object -First 1
        [math]::Abs($s0.EpsG - 1 / 6) | Should -BeLessThan 1e-15 -Because 'a zero student against T = I (M = 2) has eps_g = (1/pi)(1/M) sum asin(T_nm/2) = 1/6'
        $a.Seed | Select-Object -Unique | Should -Be 3
        $a[-1].L | Should -Be 16
        $b = @(Invoke-CommitteeOde -N 256 -L 16 -Alpha 100 -AlphaMin 1 -Points 5 -Seed 3)
        $b.EpsG | Should -Be $a.EpsG
        (Invoke-CommitteeOde -N 256 -L 16 -Alpha 100 -AlphaMin 1 -Points 5 -Seed 4)[-1].EpsG | Should -Not -Be $a[-1].EpsG
    }
    It 'starts from the same weights as Invoke-CommitteeSgd with the same seed, at the same alphas' {
        $sgd = @(Invoke-CommitteeSgd -N 256 -L 4 -Alpha 20 -AlphaMin 0.5 -Points 4 -Seed 5)
        $ode = @(Invoke-CommitteeOde -N 256 -L 4 -Alpha 20 -AlphaMin 0.5 -Points 4 -Seed 5)
        $ode.Alpha | Should -Be $sgd.Alpha
        [math]::Abs($ode[0].EpsG / $sgd[0].EpsG - 1) | Should -BeLessThan 1e-12
        [math]::Abs($ode[-1].EpsG / $sgd[-1].EpsG - 1) | Should -BeLessThan 0.1 -Because 'one SGD run at N = 256 follows the ODE to a few per cent'
        # The simulator's own order parameters piped in give the same start and the same trajectory.
        $state = Invoke-CommitteeSgd -N 256 -L 4 -Alpha 20 -AlphaMin 0.5 -Points 4 -Seed 5 -OrderParameters |
            Where-Object { $_ -is [ScalingPS.Core.Committee.CommitteeOrderParameters] } | Select-Object -First 1
        $state.Alpha | Should -Be 0
        $piped = @($state | Invoke-CommitteeOde -Alpha 20 -AlphaMin 0.5 -Points 4)
        $piped.Alpha | Should -Be $ode.Alpha
        for ($i = 0; $i -lt $ode.Count; $i++) { [math]::Abs($piped[$i].EpsG / $ode[$i].EpsG - 1) | Should -BeLessThan 1e-9 }
    }
    It 'stays on the plateau from an exactly symmetric start (height 0.005805 at O(eta), K = 2)' {
        $p = Invoke-CommitteeOde -N 1024 -L 4 -Initial Symmetric -Order Eta -Alpha 1e5 -Points 3 | Select-Object -Last 1
        [math]::Abs($p.EpsG - 0.0058054) | Should -BeLessThan 1e-6
    }
    It 'agrees with Get-CommitteeLinearCurve for linear activations (any K, M)' {
        $ode = Invoke-CommitteeOde -N 256 -L 32 -Beta 0.75 -K 2 -M 3 -Activation Linear -Initial Symmetric -SigmaJ 0.01 -Alpha 100 -AlphaMin 0.1 -Points 4 -RelativeTolerance 1e-10 -AbsoluteTolerance 1e-16
        $theory = Get-CommitteeLinearCurve -N 256 -L 32 -Beta 0.75 -SigmaJ 0.01 -Alpha $ode.Alpha
        $ode.Count | Should -Be 5
        for ($i = 0; $i -lt 5; $i++) { [math]::Abs($ode[$i].EpsG / $theory[$i].EpsG - 1) | Should -BeLessThan 1e-6 }
    }
    It 'continues from its own order parameters passed back as -InitialState' {
        $direct = Invoke-CommitteeOde -N 256 -L 8 -Alpha 200 -AlphaMin 50 -Points 2 | Select-Object -Last 1
        $state = Invoke-CommitteeOde -N 256 -L 8 -Alpha 50 -Points 1 -OrderParameters | Where-Object { $_ -is [ScalingPS.Core.Committee.CommitteeOrderParameters] } | Select-Object -Last 1
        $state.Alpha | Should -Be 50
        $state.RTau.Count | Should -Be (8 * 2 * 2)
        $resumed = @($state | Invoke-CommitteeOde -Alpha 200 -Points 1)
        $resumed.Alpha | Should -Be @(50, 200)
        [math]::Abs($resumed[0].EpsG - $state.EpsG) | Should -BeLessThan 1e-15
        [math]::Abs($resumed[1].EpsG / $direct.EpsG - 1) | Should -BeLessThan 1e-5
    }
    It 'emits one CommitteeOrderParameters per checkpoint instead of the points with -OrderParameters (as the SGD does)' {
        $states = @(Invoke-CommitteeOde -N 256 -L 4 -Alpha 10 -Points 3 -OrderParameters)
        $points = @(Invoke-CommitteeOde -N 256 -L 4 -Alpha 10 -Points 3)
        $states.Count | Should -Be $points.Count
        foreach ($s in $states) { $s | Should -BeOfType ([ScalingPS.Core.Committee.CommitteeOrderParameters]) }
        $states.Alpha | Should -Be $points.Alpha
        for ($i = 0; $i -lt $points.Count; $i++) { $states[$i].EpsG | Should -Be $points[$i].EpsG }
    }
    It 'takes the spectrum from the pipeline' {
        $p = New-PowerLawSpectrum -N 512 -L 8 -Beta 0.5 | Invoke-CommitteeOde -Alpha 10 -Points 1 | Select-Object -Last 1
        $p.N | Should -Be 512
        $p.L | Should -Be 8
        $p.Beta | Should -Be 0.5
    }
    It 'stops early when the pipeline needs no more points' {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $first = Invoke-CommitteeOde -N 1024 -L 1024 -Alpha 1e7 -Points 200 | Select-Object -First 1
        $first.Alpha | Should -Be 0
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 20 -Because 'the engine is cancelled once Select-Object has its point (the full run takes about a minute on an idle machine)'
    }
    It 'reports a diverging run as a Diverged error with the alpha' {
        $out = Invoke-CommitteeOde -N 4 -L 1 -K 1 -M 1 -Activation Linear -Eta 3 -Initial Symmetric -Alpha 1e6 -Points 3 -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Diverged,*'
        $err[0].Exception.Message | Should -Match 'diverged at α'
    }
    It 'rejects <Case> with error id <Id>' -ForEach @(
        @{ Case = 'Eta <= 0'; Params = @{ N = 64; L = 4; Eta = 0 }; Id = 'InvalidParameter.Eta' }
        @{ Case = 'ReLU'; Params = @{ N = 64; L = 4; Activation = 'ReLU' }; Id = 'InvalidParameter.Activation' }
        @{ Case = 'L not dividing N'; Params = @{ N = 64; L = 5 }; Id = 'InvalidParameter.L' }
        @{ Case = 'K < 1'; Params = @{ N = 64; L = 4; K = 0 }; Id = 'InvalidParameter.K' }
        @{ Case = 'negative tolerance'; Params = @{ N = 64; L = 4; RelativeTolerance = -1 }; Id = 'InvalidParameter.RelativeTolerance' }
        @{ Case = 'Points < 1'; Params = @{ N = 64; L = 4; Points = 0 }; Id = 'InvalidParameter.Points' }
    ) {
        $e = $null
        try { Invoke-CommitteeOde @Params -Alpha 1 -ErrorAction Stop } catch { $e = $_ }
        $e | Should -Not -BeNullOrEmpty
        $e.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}
