BeforeAll { . $PSScriptRoot/TestSetup.ps1 }

Describe 'Get-CommitteeLinearCurve' {
    It 'reproduces the Fig. 2 right exact theory (spec section 5), in the order given' {
        $alphas = 1000, 0.1, 10
        $c = @(Get-CommitteeLinearCurve -L 256 -Beta 0.75 -Eta 0.1 -SigmaJ 0.01 -Alpha $alphas)
        $c.Alpha | Should -Be $alphas
        $c.Source | Select-Object -Unique | Should -Be 'Theory'
        $c[0].Activation | Should -Be 'Linear'
        [math]::Abs($c[0].EpsG - 2.416e-4) | Should -BeLessThan 5e-8
        [math]::Abs($c[1].EpsG - 0.2046) | Should -BeLessThan 5e-5
        [math]::Abs($c[2].EpsG - 0.02376) | Should -BeLessThan 5e-6
    }
    It 'gives the isotropic closed form (1+SigmaJ^2)/2 exp(-(2 eta - eta^2) alpha) and its small-eta form' {
        $e = Get-CommitteeLinearCurve -L 1 -Eta 0.5 -SigmaJ 1 -AlphaGrid 3
        [math]::Abs($e.EpsG / [math]::Exp(-0.75 * 3) - 1) | Should -BeLessThan 1e-12
        $s = Get-CommitteeLinearCurve -L 1 -Eta 0.5 -SigmaJ 1 -AlphaGrid 3 -Form SmallEta
        [math]::Abs($s.EpsG / [math]::Exp(-1 * 3) - 1) | Should -BeLessThan 1e-12
    }
    It 'gives the N_l floors of Fig. 3 left and the frozen option' {
        $f = 4, 16, 64 | ForEach-Object { Get-CommitteeLinearCurve -L 256 -Eta 0.05 -TrainableInputs $_ -AlphaGrid 1e8 }
        [math]::Abs($f[0].EpsG - 6.77e-2) | Should -BeLessThan 5e-5
        [math]::Abs($f[1].EpsG - 1.770e-2) | Should -BeLessThan 5e-6
        [math]::Abs($f[2].EpsG - 3.626e-3) | Should -BeLessThan 5e-7
        $f.TrainableInputs | Should -Be @(4, 16, 64)
        $z = Get-CommitteeLinearCurve -L 256 -Eta 0.05 -SigmaJ 0.5 -TrainableInputs 16 -AlphaGrid 1e8 -Form SmallEta
        $fr = Get-CommitteeLinearCurve -L 256 -Eta 0.05 -SigmaJ 0.5 -TrainableInputs 16 -AlphaGrid 1e8 -Form SmallEta -UntrainedInputs Frozen
        [math]::Abs($fr.EpsG / $z.EpsG - 1.25) | Should -BeLessThan 1e-9
    }
    It 'takes the spectrum from the pipeline' {
        $a = New-PowerLawSpectrum -N 1024 -L 64 -Beta 1 | Get-CommitteeLinearCurve -AlphaGrid 5
        $b = Get-CommitteeLinearCurve -N 1024 -L 64 -Beta 1 -AlphaGrid 5
        $a.EpsG | Should -Be $b.EpsG
        $a.N | Should -Be 1024
    }
    It 'rejects <Case> with error id <Id>' -ForEach @(
        @{ Case = 'unstable eta'; Params = @{ L = 8; Eta = 2.5 }; Id = 'InvalidParameter.Eta' }
        @{ Case = 'negative alpha'; Params = @{ L = 8; Alpha = -1 }; Id = 'InvalidParameter.Alpha' }
        @{ Case = 'N_l splitting a group'; Params = @{ L = 8; N = 64; TrainableInputs = 3 }; Id = 'InvalidParameter.TrainableInputs' }
        @{ Case = 'negative SigmaJ'; Params = @{ L = 8; SigmaJ = -1 }; Id = 'InvalidParameter.SigmaJ' }
    ) {
        if (-not $Params.ContainsKey('Alpha')) { $Params.Alpha = 1 }
        $e = $null
        try { Get-CommitteeLinearCurve @Params -ErrorAction Stop } catch { $e = $_ }
        $e | Should -Not -BeNullOrEmpty
        $e.FullyQualifiedErrorId | Should -BeLike "$Id,*"
    }
}

Describe 'The committee cmdlets share one alpha vocabulary' {
    It 'gives the same alphas from -Alpha -AlphaMin -Points on the SGD, ODE and linear-theory cmdlets' {
        $grid = @{ N = 64; L = 8; Alpha = 20; AlphaMin = 0.05; Points = 9 }
        $sgd = (Invoke-CommitteeSgd @grid -K 1 -M 1 -Activation Linear).Alpha
        $ode = (Invoke-CommitteeOde @grid -K 1 -M 1 -Activation Linear).Alpha
        $lin = (Get-CommitteeLinearCurve @grid).Alpha
        $sgd.Count | Should -Be 10 -Because 'alpha = 0 and nine log-spaced points'
        $sgd[0] | Should -Be 0
        for ($i = 0; $i -lt $sgd.Count; $i++) {
            $ode[$i] | Should -Be $sgd[$i]
            $lin[$i] | Should -Be $sgd[$i]
        }
        $sgd[-1] | Should -Be 20
    }

    It 'takes an explicit -AlphaGrid on all three (rounded to whole steps by the simulator and the ODE)' {
        $sgd = (Invoke-CommitteeSgd -N 64 -L 8 -AlphaGrid 1, 0.5, 4).Alpha
        $ode = (Invoke-CommitteeOde -N 64 -L 8 -AlphaGrid 1, 0.5, 4).Alpha
        $lin = (Get-CommitteeLinearCurve -N 64 -L 8 -AlphaGrid 0.5, 1, 4).Alpha
        "$sgd" | Should -Be '0 0.5 1 4'
        "$ode" | Should -Be '0 0.5 1 4'
        "$lin" | Should -Be '0.5 1 4'
    }

    It 'refuses a grid and a list together with a named error' {
        $e = $null
        try { Invoke-CommitteeSgd -N 64 -L 8 -Points 5 -AlphaGrid 1, 2 -ErrorAction Stop } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Points,*'
    }
}
