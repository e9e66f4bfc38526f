BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    # 600 rows x 40 features with covariance diag(k^-1.5), Gaussian (fixed seed), written through the module's writer.
    $rng = [Random]::new(5)
    $script:Values = [double[]]::new(600 * 40)
    for ($i = 0; $i -lt $Values.Length; $i++) {
        $k = $i % 40 + 1
        $z = [math]::Sqrt(-2 * [math]::Log(1 - $rng.NextDouble())) * [math]::Cos(2 * [math]::PI * $rng.NextDouble())
        $Values[$i] = $z * [math]::Pow($k, -0.75)
    }
    $script:Npy = Join-Path $TestDrive 'x.npy'
    $null = Export-FeatureMatrix -Value $Values -Shape 600, 40 -Path $Npy
    $script:Matrix = Import-FeatureMatrix $Npy
}

Describe 'Import-FeatureMatrix / Export-FeatureMatrix' {
    It 'round-trips through .npy and prints its shape, not its numbers' {
        $Matrix.Rows | Should -Be 600
        $Matrix.Columns | Should -Be 40
        $Matrix.DataType | Should -Be 'Float64'
        $Matrix[3, 7] | Should -Be $Values[3 * 40 + 7]
        ($Matrix | Out-String) | Should -Match '600\s+40\s+Float64'
    }
    It 'selects rows and columns with range syntax' {
        $m = Import-FeatureMatrix $Npy -Rows 10..19 -Columns 0, 5
        "$($m.Rows)x$($m.Columns)" | Should -Be '10x2'
        $m[0, 1] | Should -Be $Values[10 * 40 + 5]
    }
    It 'writes float32 when asked and reads it back as float32' {
        $path = Join-Path $TestDrive 'x32.npy'
        $Matrix | Export-FeatureMatrix -Path $path -DataType Float32 | Should -BeOfType System.IO.FileInfo
        (Import-FeatureMatrix $path).DataType | Should -Be 'Float32'
    }
    It 'reports malformed files with FeatureMatrix.* ids naming the file and offset' {
        $bad = Join-Path $TestDrive 'bad.npy'
        [IO.File]::WriteAllBytes($bad, [byte[]](1..40))
        { Import-FeatureMatrix $bad } | Should -Throw -ErrorId 'FeatureMatrix.BadMagic,ScalingPS.Commands.ImportFeatureMatrixCommand'
        try { Import-FeatureMatrix $bad } catch { $_.Exception.Message | Should -Match 'bad\.npy \(byte offset 0\)' }
        { Import-FeatureMatrix (Join-Path $TestDrive 'missing.npy') } | Should -Throw -ErrorId 'FeatureMatrix.NotFound,ScalingPS.Commands.ImportFeatureMatrixCommand'
        { Import-FeatureMatrix $Npy -Rows 600 } | Should -Throw -ErrorId 'InvalidParameter.Rows,ScalingPS.Commands.ImportFeatureMatrixCommand'
        { Import-FeatureMatrix $bad -Format Binary -Shape 2, 3 -DataType Float64 } | Should -Throw -ErrorId 'FeatureMatrix.Truncated,ScalingPS.Commands.ImportFeatureMatrixCommand'
        { Import-FeatureMatrix $bad -Format Binary -Shape 2, 2 -DataType Float64 } | Should -Throw -ErrorId 'FeatureMatrix.ShapeMismatch,ScalingPS.Commands.ImportFeatureMatrixCommand'
    }
    It 'survives extreme -Shape, -Rows and -Columns values with named errors' {
        $raw = Join-Path $TestDrive 'raw.bin'
        [IO.File]::WriteAllBytes($raw, [byte[]]::new(48))
        foreach ($v in 0, -1, [int]::MinValue) {
            { Import-FeatureMatrix $raw -Shape $v, 2 -DataType Float64 } | Should -Throw -ErrorId 'InvalidParameter.Shape,ScalingPS.Commands.ImportFeatureMatrixCommand'
            { Export-FeatureMatrix -Value 1, 2 -Shape $v, 2 -Path (Join-Path $TestDrive 'e.npy') } | Should -Throw -ErrorId 'InvalidParameter.Shape,ScalingPS.Commands.ExportFeatureMatrixCommand'
        }
        foreach ($v in -1, [int]::MinValue, 600, [int]::MaxValue) {
            { Import-FeatureMatrix $Npy -Rows $v } | Should -Throw -ErrorId 'InvalidParameter.Rows,ScalingPS.Commands.ImportFeatureMatrixCommand'
        }
        foreach ($v in -1, [int]::MinValue, 40) {
            { Import-FeatureMatrix $Npy -Columns $v } | Should -Throw -ErrorId 'InvalidParameter.Columns,ScalingPS.Commands.ImportFeatureMatrixCommand'
        }
        { Import-FeatureMatrix $raw -Shape ([int]::MaxValue), ([int]::MaxValue) -DataType Float64 } | Should -Throw -ErrorId 'FeatureMatrix.Truncated,ScalingPS.Commands.ImportFeatureMatrixCommand'
        { Import-FeatureMatrix $raw -Shape 3, 2 } | Should -Throw -ErrorId 'InvalidParameter.DataType,ScalingPS.Commands.ImportFeatureMatrixCommand'
        { Import-FeatureMatrix $Npy -Columns ([int]::MaxValue) } | Should -Throw -ErrorId 'InvalidParameter.Columns,ScalingPS.Commands.ImportFeatureMatrixCommand'
        (Import-FeatureMatrix $raw -Shape 3, 2 -DataType Float64).Rows | Should -Be 3
    }
    It 'refuses non-finite values and a bad -Path or -Shape by name' {
        { Export-FeatureMatrix -Value 1, ([double]::NaN) -Shape 1, 2 -Path (Join-Path $TestDrive 'n.npy') } | Should -Throw -ErrorId 'InvalidParameter.Value,ScalingPS.Commands.ExportFeatureMatrixCommand'
        { Export-FeatureMatrix -Value 1, 2 -Shape 3, 2 -Path (Join-Path $TestDrive 's.npy') } | Should -Throw -ErrorId 'InvalidParameter.Shape,ScalingPS.Commands.ExportFeatureMatrixCommand'
        { Export-FeatureMatrix -Value 1, 2 -Shape 1, 2 -Path (Join-Path $TestDrive 's.txt') } | Should -Throw -ErrorId 'InvalidParameter.Path,ScalingPS.Commands.ExportFeatureMatrixCommand'
        { Export-FeatureMatrix -Value 1e300, 2 -Shape 1, 2 -Path (Join-Path $TestDrive 'o.npy') -DataType Float32 } | Should -Throw -ErrorId 'InvalidParameter.DataType,ScalingPS.Commands.ExportFeatureMatrixCommand'
    }
}

Describe 'Get-FeatureSpectrum' {
    It 'measures the spectrum, beta with an interval, and b beside it' {
        $s = $Matrix | Get-FeatureSpectrum -Rank 1..20 -Groups 10
        $s.Convention | Should -Be 'Empirical'
        $s.Dimension | Should -Be 40
        [math]::Abs($s.Nu1 - 1) | Should -BeLessThan 1e-12
        $s.B | Should -Be ($s.Beta + 1)
        $s.Measurement.BetaLower | Should -BeLessThan $s.Beta
        $s.Measurement.BetaUpper | Should -BeGreaterThan $s.Beta
        [math]::Abs($s.Beta - 0.5) | Should -BeLessThan 0.25
    }
    It 'feeds the committee theory and simulation cmdlets from the pipeline' {
        $s = $Matrix | Get-FeatureSpectrum -Rank 1..20 -Groups 0
        @($s | Get-CommitteeLinearCurve -AlphaGrid 1, 10 -Eta 0.05).Count | Should -Be 2
        @($s | Invoke-CommitteeOde -K 1 -M 1 -Activation Linear -Alpha 1 -Points 3).Count | Should -BeGreaterThan 1
        @($s | Invoke-CommitteeSgd -K 1 -M 1 -Activation Linear -Alpha 1 -Points 3).Count | Should -BeGreaterThan 1
    }
    It 'with labels feeds the random-feature cmdlets (task power, exponent a)' {
        $y = [double[]]::new(600)
        for ($r = 0; $r -lt 600; $r++) { $y[$r] = $Values[$r * 40] + 0.5 * $Values[$r * 40 + 3] }
        $s = Get-FeatureSpectrum $Matrix -Labels $y -Rank 1..20 -Groups 0 -WarningAction SilentlyContinue
        $s.HasTarget | Should -BeTrue
        @($s | Get-RandomFeatureCurve -N 20 -Time 1, 10).Count | Should -Be 2
        @($s | Invoke-RandomFeatureTraining -N 10 -P 50 -Time 1, 10 -Repeat 2).Count | Should -BeGreaterThan 1
    }
    It 'returns the spectrum alone with -NoFit, and says so when a window is too narrow' {
        $small = Import-FeatureMatrix $Npy -Columns 0, 1, 2
        { Get-FeatureSpectrum $small -Groups 0 } | Should -Throw -ErrorId 'FitRefused.RangeTooNarrow,ScalingPS.Commands.GetFeatureSpectrumCommand'
        try { Get-FeatureSpectrum $small -Groups 0 } catch { $_.Exception.Message | Should -Match '-NoFit' }
        $s = Get-FeatureSpectrum $small -NoFit
        $s.Dimension | Should -Be 3
        $s.Beta | Should -BeNullOrEmpty
        ($s | Get-CommitteeLinearCurve -AlphaGrid 1).EpsG | Should -BeGreaterThan 0
    }
    It 'refuses a window that is not a power law, and bad parameters by name' {
        { Get-FeatureSpectrum $Matrix -Rank 1..30 -MaxSlopeChange 1e-6 -Groups 0 } | Should -Throw -ErrorId 'FitRefused.NotPowerLaw,ScalingPS.Commands.GetFeatureSpectrumCommand'
        foreach ($v in [double]::NaN, [double]::PositiveInfinity, 0, -1, 1e300) {
            { Get-FeatureSpectrum $Matrix -Confidence $v } | Should -Throw -ErrorId 'InvalidParameter.Confidence,ScalingPS.Commands.GetFeatureSpectrumCommand'
        }
        foreach ($v in [double]::NaN, [double]::NegativeInfinity, 0, -1) {
            { Get-FeatureSpectrum $Matrix -MaxSlopeChange $v } | Should -Throw -ErrorId 'InvalidParameter.MaxSlopeChange,ScalingPS.Commands.GetFeatureSpectrumCommand'
        }
        foreach ($v in 0, -1, [int]::MinValue) {
            { Get-FeatureSpectrum $Matrix -Rank $v, 5 } | Should -Throw -ErrorId 'InvalidParameter.Rank,ScalingPS.Commands.GetFeatureSpectrumCommand'
        }
        { Get-FeatureSpectrum $Matrix -Rank ([int]::MaxValue - 1), ([int]::MaxValue) } | Should -Throw -ErrorId 'InvalidParameter.Rank,ScalingPS.Commands.GetFeatureSpectrumCommand'
        { Get-FeatureSpectrum $Matrix -Rank 5, 5 } | Should -Throw -ErrorId 'InvalidParameter.Rank,ScalingPS.Commands.GetFeatureSpectrumCommand'
        { Get-FeatureSpectrum $Matrix -Rank 30, 40 -Groups 0 } | Should -Throw -ErrorId 'FitRefused.RangeTooNarrow,ScalingPS.Commands.GetFeatureSpectrumCommand'
        foreach ($v in 1, 2, -1, [int]::MaxValue) {
            { Get-FeatureSpectrum $Matrix -Groups $v } | Should -Throw -ErrorId 'InvalidParameter.Groups,ScalingPS.Commands.GetFeatureSpectrumCommand'
        }
        { Get-FeatureSpectrum $Matrix -Labels 1, 2 } | Should -Throw -ErrorId 'InvalidParameter.Labels,ScalingPS.Commands.GetFeatureSpectrumCommand'
    }
}

Describe 'Invoke-CommitteeSgd -Data' {
    It 'trains on the rows and reports held-out and spectral eps_g' {
        $r = @($Matrix | Invoke-CommitteeSgd -K 1 -M 1 -Activation Linear -Eta 0.05 -Alpha 5 -Points 4 -Repeat 2 -Aggregate)
        $r[0].Inputs | Should -Be 'Data'
        $r[0].N | Should -Be 40
        $r[-1].EpsG | Should -BeLessThan $r[0].EpsG
        [double]::IsFinite($r[-1].EpsGSpectral) | Should -BeTrue
        (@(Invoke-CommitteeSgd -Data $Matrix -Whiten -K 1 -M 1 -Alpha 1 -Points 2))[0].Inputs | Should -Be 'WhitenedData'
        (@(Invoke-CommitteeSgd -Data $Matrix -Raw -K 1 -M 1 -Alpha 1 -Points 2))[0].Inputs | Should -Be 'RawData'
        @(Invoke-CommitteeSgd -Data $Matrix -Epochs 1 -K 1 -M 1 -Alpha 10 -Points 2 -Activation Linear).Count | Should -BeGreaterThan 1
    }
    It 'stops promptly when the pipeline is stopped' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$ModulePath'; Invoke-CommitteeSgd -Data (Import-FeatureMatrix '$Npy') -K 1 -M 1 -Activation Linear -Eta 0.05 -Alpha 1e9 -Points 3 -Repeat 2")
        $handle = $ps.BeginInvoke()
        Start-Sleep -Milliseconds 2000
        $ps.InvocationStateInfo.State | Should -Be 'Running'
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 30 -Because 'the full run takes days; the bound is loose so a loaded machine cannot make it flake'
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
    }
    It 'refuses bad data parameters by name' {
        foreach ($v in [double]::NaN, [double]::PositiveInfinity, 0, -1, 1, 1e300) {
            { Invoke-CommitteeSgd -Data $Matrix -HoldOut $v -Alpha 1 } | Should -Throw -ErrorId 'InvalidParameter.HoldOut,ScalingPS.Commands.InvokeCommitteeSgdCommand'
        }
        foreach ($v in -1, [int]::MinValue) {
            { Invoke-CommitteeSgd -Data $Matrix -Epochs $v -Alpha 1 } | Should -Throw -ErrorId 'InvalidParameter.Epochs,ScalingPS.Commands.InvokeCommitteeSgdCommand'
        }
        { Invoke-CommitteeSgd -Data $Matrix -Epochs 1 -Alpha 1000 } | Should -Throw -ErrorId 'InvalidParameter.Alpha,ScalingPS.Commands.InvokeCommitteeSgdCommand'
        { Invoke-CommitteeSgd -Data $Matrix -Whiten -Raw -Alpha 1 } | Should -Throw -ErrorId 'InvalidParameter.Whiten,ScalingPS.Commands.InvokeCommitteeSgdCommand'
        { Invoke-CommitteeSgd -Data $Matrix -Raw -TrainableInputs 5 -Alpha 1 } | Should -Throw -ErrorId 'InvalidParameter.TrainableInputs,ScalingPS.Commands.InvokeCommitteeSgdCommand'
        { Invoke-CommitteeSgd -Data $Matrix -TrainableInputs 1000 -Alpha 1 } | Should -Throw -ErrorId 'InvalidParameter.TrainableInputs,ScalingPS.Commands.InvokeCommitteeSgdCommand'
    }
}

Describe 'Invoke-RandomFeatureTraining -Data' {
    It 'trains on the rows with their labels and reports held-out and train loss' {
        $y = [double[]]::new(600)
        for ($r = 0; $r -lt 600; $r++) { $y[$r] = $Values[$r * 40] - $Values[$r * 40 + 1] }
        $r = @(Invoke-RandomFeatureTraining -Data $Matrix -Labels $y -N 10, Infinity -P 100 -Time 1, 100 -Repeat 3 -Aggregate)
        $r.Count | Should -Be 4
        $r[0].Inputs | Should -Be 'Data'
        $r[0].P | Should -Be 100
        ($r | Where-Object { $_.N -eq [double]::PositiveInfinity -and $_.Time -eq 100 }).TestLoss |
            Should -BeLessThan ($r | Where-Object { $_.N -eq [double]::PositiveInfinity -and $_.Time -eq 1 }).TestLoss
        @(Invoke-RandomFeatureTraining -Data $Matrix -Labels (Import-FeatureMatrix $Npy -Columns 0) -N 5 -P 50 -Time 1).Count | Should -Be 1
    }
    It 'refuses what does not apply to data, by name' {
        $y = [double[]]::new(600)
        { Invoke-RandomFeatureTraining -Data $Matrix -Labels $y -P 1e6 } | Should -Throw -ErrorId 'InvalidParameter.P,ScalingPS.Commands.InvokeRandomFeatureTrainingCommand'
        { Invoke-RandomFeatureTraining -Data $Matrix -Labels $y -Optimizer SGD } | Should -Throw -ErrorId 'InvalidParameter.Optimizer,ScalingPS.Commands.InvokeRandomFeatureTrainingCommand'
        { Invoke-RandomFeatureTraining -Data $Matrix -Labels 1, 2 } | Should -Throw -ErrorId 'InvalidParameter.Labels,ScalingPS.Commands.InvokeRandomFeatureTrainingCommand'
        { Invoke-RandomFeatureTraining -Data $Matrix -Labels $y -Sigma 1 } | Should -Throw -ErrorId 'InvalidParameter.Sigma,ScalingPS.Commands.InvokeRandomFeatureTrainingCommand'
        foreach ($v in [double]::NaN, [double]::PositiveInfinity, 0, -1, 1, 1e300) {
            { Invoke-RandomFeatureTraining -Data $Matrix -Labels $y -HoldOut $v } | Should -Throw -ErrorId 'InvalidParameter.HoldOut,ScalingPS.Commands.InvokeRandomFeatureTrainingCommand'
        }
        foreach ($v in [double]::NaN, [double]::NegativeInfinity, -1) {
            { Invoke-RandomFeatureTraining -Data $Matrix -Labels $y -Time $v } | Should -Throw -ErrorId 'InvalidParameter.Time,ScalingPS.Commands.InvokeRandomFeatureTrainingCommand'
        }
    }
}

Describe 'Data error ids' {
    It 'the engine''s DataFormatException ids are the ones Errors.cs lists' {
        $errorsCs = Get-Content (Join-Path $RepoRoot 'src/ScalingPS/Infrastructure/Errors.cs') -Raw
        $engine = [ScalingPS.Core.Data.DataFormatException].GetFields('Public, Static') | Where-Object IsLiteral | ForEach-Object { $_.GetValue($null) }
        $engine.Count | Should -BeGreaterThan 7
        foreach ($id in $engine) { $errorsCs | Should -Match ([regex]::Escape("`"$id`"")) }
    }
}
