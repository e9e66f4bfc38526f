BeforeAll { . $PSScriptRoot/TestSetup.ps1 }

Describe 'Invoke-CommitteeSgd' {
    It 'streams one CommitteePoint per seed and checkpoint, alpha = 0 first, with the run parameters' {
        $p = @(Invoke-CommitteeSgd -N 64 -K 2 -M 3 -Eta 0.2 -SigmaJ 0.1 -Alpha 4 -AlphaMin 0.5 -Points 4 -Repeat 2 -Seed 5)
        $p.Count | Should -Be 10
        $p[0] | Should -BeOfType ([ScalingPS.Core.Committee.CommitteePoint])
        ($p | Select-Object -First 2).Alpha | Should -Be @(0, 0)
        ($p | Select-Object -First 2).Seed | Should -Be @(5, 6)
        ($p | Where-Object Seed -EQ 5).Alpha | Should -Be @(0, 0.5, 1, 2, 4)
        ($p | Where-Object Seed -EQ 5).Step | Should -Be @(0, 32, 64, 128, 256)
        $p[0].Source | Should -Be 'Simulation'
        $p[0].N | Should -Be 64; $p[0].K | Should -Be 2; $p[0].M | Should -Be 3; $p[0].L | Should -Be 1
        $p[0].Eta | Should -Be 0.2; $p[0].SigmaJ | Should -Be 0.1
        $p[0].TeacherActivation | Should -Be 'Erf'
        $p[0].TrainableInputs | Should -Be 64
        $p | ForEach-Object { $_.EpsG | Should -BeGreaterThan 0 }
    }

    It 'takes the teacher activation from -Activation unless given' {
        (Invoke-CommitteeSgd -N 32 -Activation Linear -Alpha 1 -Points 1)[0].TeacherActivation | Should -Be 'Linear'
        (Invoke-CommitteeSgd -N 32 -Activation ReLU -TeacherActivation Erf -Alpha 1 -Points 1)[0].TeacherActivation | Should -Be 'Erf'
    }

    It 'binds spectra from the pipeline, one run per spectrum' {
        $p = @(1, 4 | ForEach-Object { New-PowerLawSpectrum -N 64 -L $_ -Beta 1 } | Invoke-CommitteeSgd -Alpha 1 -Points 2)
        $p.L | Select-Object -Unique | Should -Be @(1, 4)
        $p.Count | Should -Be 6
    }

    It 'gives a seed the same numbers bit for bit whatever -Repeat and -ThrottleLimit' {
        $alone = Invoke-CommitteeSgd -N 128 -L 4 -Alpha 3 -Points 4 -Seed 7 -ThrottleLimit 1
        $inRun = Invoke-CommitteeSgd -N 128 -L 4 -Alpha 3 -Points 4 -Seed 5 -Repeat 4 -ThrottleLimit 2 | Where-Object Seed -EQ 7
        $inRun.EpsG | Should -Be $alone.EpsG
        $single = Invoke-CommitteeSgd -N 128 -L 4 -Alpha 3 -Points 4 -Seed 7 -Precision Single
        $single.EpsG | Should -Be (Invoke-CommitteeSgd -N 128 -L 4 -Alpha 3 -Points 4 -Seed 7 -Precision Single -ThrottleLimit 2).EpsG
    }

    It 'draws with the generator named by -Generator, records its name, and reproduces a seed with it' {
        $zig = @(Invoke-CommitteeSgd -N 128 -L 4 -Alpha 3 -Points 3 -Seed 7)
        $zig.Generator | Select-Object -Unique | Should -BeExactly 'Ziggurat' -Because 'the ziggurat stays the default'
        $zig.EpsG | Should -Be (Invoke-CommitteeSgd -N 128 -L 4 -Alpha 3 -Points 3 -Seed 7 -Generator Ziggurat).EpsG
        $wal = @(Invoke-CommitteeSgd -N 128 -L 4 -Alpha 3 -Points 3 -Seed 7 -Generator Wallace)
        $wal.Generator | Select-Object -Unique | Should -BeExactly 'Wallace'
        $wal[0].EpsG | Should -Be $zig[0].EpsG -Because 'alpha = 0 has the same initial weights'
        $wal[-1].EpsG | Should -Not -Be $zig[-1].EpsG -Because 'the inputs come from another generator'
        $again = Invoke-CommitteeSgd -N 128 -L 4 -Alpha 3 -Points 3 -Seed 5 -Repeat 3 -ThrottleLimit 2 -Generator Wallace | Where-Object Seed -EQ 7
        $again.EpsG | Should -Be $wal.EpsG
        ($wal[0] | ConvertTo-Json -Compress) | Should -Match '"Generator":"Wallace"'
        $op = Invoke-CommitteeSgd -N 64 -Alpha 1 -Points 1 -Generator Wallace -OrderParameters | Select-Object -Last 1
        $op.Generator | Should -BeExactly 'Wallace'
    }

    It 'refuses -Generator with -Data (rows are not drawn) and an unknown generator by name' {
        $npy = Join-Path $TestDrive 'gen-data.npy'
        $null = Export-FeatureMatrix -Value @(1..40 | ForEach-Object { [double](($_ * 7) % 11) }) -Shape 10, 4 -Path $npy
        $m = Import-FeatureMatrix $npy
        { Invoke-CommitteeSgd -Data $m -Generator Wallace -Alpha 1 } | Should -Throw -ErrorId 'AmbiguousParameterSet,ScalingPS.Commands.InvokeCommitteeSgdCommand'
        { Invoke-CommitteeSgd -N 16 -Generator Box } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,ScalingPS.Commands.InvokeCommitteeSgdCommand'
    }

    It 'sweeps over -Generator, carrying its name into the shards' {
        $dir = Join-Path $TestDrive 'gen-sweep'
        $null = New-Item -ItemType Directory $dir
        $plan = Join-Path $dir 'plan.json'
        $null = New-ScalingSweep -Command Invoke-CommitteeSgd -Grid @{ Generator = 'Ziggurat', 'Wallace' } -Fixed @{ N = 64; Alpha = 2; Points = 2 } -Seeds 1 -Path $plan
        $null = Invoke-ScalingSweep -Path $plan
        $rows = @(Import-ScalingResult (Join-Path $dir 'plan-results'))
        $rows.Generator | Sort-Object -Unique | Should -Be @('Wallace', 'Ziggurat')
        $direct = Invoke-CommitteeSgd -N 64 -Alpha 2 -Points 2 -Seed 1 -Generator Wallace
        ($rows | Where-Object Generator -EQ 'Wallace' | Sort-Object Step).EpsG | Should -Be $direct.EpsG
    }

    It 'aggregates to mean, standard error and count per checkpoint' {
        $per = Invoke-CommitteeSgd -N 64 -Alpha 2 -Points 2 -Repeat 5
        $agg = @(Invoke-CommitteeSgd -N 64 -Alpha 2 -Points 2 -Repeat 5 -Aggregate)
        $agg.Count | Should -Be 3
        $last = $per | Where-Object Alpha -EQ 2
        $m = ($last.EpsG | Measure-Object -Average -StandardDeviation)
        $agg[2].Count | Should -Be 5
        [math]::Abs($agg[2].EpsG - $m.Average) | Should -BeLessThan 1e-15
        [math]::Abs($agg[2].StdErr - $m.StandardDeviation / [math]::Sqrt(5)) | Should -BeLessThan 1e-12
    }

    It 'emits order parameters instead of points with -OrderParameters' {
        $op = @(New-PowerLawSpectrum -N 64 -L 4 -Beta 1 | Invoke-CommitteeSgd -Alpha 1 -Points 1 -OrderParameters)
        $op.Count | Should -Be 2
        $op[1] | Should -BeOfType ([ScalingPS.Core.Committee.CommitteeOrderParameters])
        $op[1].RTau.Count | Should -Be 16
        $pt = Invoke-CommitteeSgd -Spectrum (New-PowerLawSpectrum -N 64 -L 4 -Beta 1) -Alpha 1 -Points 1
        [math]::Abs($op[1].EpsG - $pt[1].EpsG) | Should -BeLessThan 1e-12
    }

    It 'reports a diverging seed as a Diverged error with the alpha and a smaller -Eta hint, keeping earlier points' {
        $out = @(Invoke-CommitteeSgd -N 128 -Activation Linear -Eta 3 -Alpha 100 -Points 20 -Repeat 2 -ErrorVariable bad -ErrorAction SilentlyContinue)
        $bad.Count | Should -Be 2
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'Diverged,*'
        $bad[0].Exception.Message | Should -Match 'Seed 1 diverged at α ≈ [0-9.]+'
        $bad[0].Exception.Message | Should -Match '-Eta'
        $bad[0].TargetObject.Alpha | Should -BeGreaterThan 0
        $bad[0].TargetObject.Alpha | Should -BeLessThan 100
        $out.Count | Should -BeGreaterThan 2
    }

    It 'stops within 2 s of Ctrl+C (the latency itself is measured, not the run)' {
        # The module is imported first, so that only the engine's reaction to the stop is timed: the run would
        # take hours, and the engine checks its cancellation token about every millisecond of work.
        $rs = [runspacefactory]::CreateRunspace(); $rs.Open()
        $ps = [powershell]::Create(); $ps.Runspace = $rs
        $null = $ps.AddScript("Import-Module '$ModulePath'").Invoke(); $ps.Commands.Clear()
        $null = $ps.AddScript('Invoke-CommitteeSgd -N 4096 -Alpha 1e6 -Points 3 -Repeat 2')
        $handle = $ps.BeginInvoke()
        Start-Sleep -Milliseconds 500
        $ps.InvocationStateInfo.State | Should -Be 'Running'
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $latency = $sw.Elapsed.TotalSeconds
        Write-Host "Ctrl+C latency of Invoke-CommitteeSgd: $([math]::Round(1000 * $latency)) ms"
        $latency | Should -BeLessThan 2 -Because 'Stop() returns once the engine has seen its cancellation token'
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        # The runspace is reusable after the stop.
        $ps.Commands.Clear(); $null = $ps.AddScript('(Get-CommitteeLinearCurve -L 4 -AlphaGrid 1).EpsG')
        @($ps.Invoke()).Count | Should -Be 1
        $ps.Dispose(); $rs.Dispose()
    }

    It 'rejects <Case> with error id <Id>' -ForEach @(
        @{ Case = 'Eta <= 0'; Params = @{ N = 64; Eta = 0 }; Id = 'InvalidParameter.Eta' }
        @{ Case = 'Eta NaN'; Params = @{ N = 64; Eta = [double]::NaN }; Id = 'InvalidParameter.Eta' }
        @{ Case = 'K < 1'; Params = @{ N = 64; K = 0 }; Id = 'InvalidParameter.K' }
        @{ Case = 'M < 1'; Params = @{ N = 64; M = -1 }; Id = 'InvalidParameter.M' }
        @{ Case = 'TrainableInputs > N'; Params = @{ N = 64; TrainableInputs = 65 }; Id = 'InvalidParameter.TrainableInputs' }
        @{ Case = 'negative SigmaJ'; Params = @{ N = 64; SigmaJ = -1 }; Id = 'InvalidParameter.SigmaJ' }
        @{ Case = 'Alpha <= 0'; Params = @{ N = 64; Alpha = 0 }; Id = 'InvalidParameter.Alpha' }
        @{ Case = 'Points < 1'; Params = @{ N = 64; Points = 0 }; Id = 'InvalidParameter.Points' }
        @{ Case = 'Repeat < 1'; Params = @{ N = 64; Repeat = 0 }; Id = 'InvalidParameter.Repeat' }
        @{ Case = 'AlphaMin > Alpha'; Params = @{ N = 64; Alpha = 1; AlphaMin = 2 }; Id = 'InvalidParameter.AlphaMin' }
        @{ Case = 'L not dividing N'; Params = @{ N = 64; L = 3 }; Id = 'InvalidParameter.L' }
        @{ Case = '-Aggregate with -OrderParameters'; Params = @{ N = 64; Aggregate = $true; OrderParameters = $true }; Id = 'InvalidParameter.OrderParameters' }
    ) {
        $err = $null
        try { Invoke-CommitteeSgd @Params -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'shows alpha, EpsG, StdErr and seed in its default table' {
        $text = Invoke-CommitteeSgd -N 64 -Alpha 1 -Points 1 | Out-String
        $text | Should -Match 'EpsG'
        $text | Should -Match 'StdErr'
        $text | Should -Match 'Alpha'
        $text | Should -Match 'Simulation'
    }
}
