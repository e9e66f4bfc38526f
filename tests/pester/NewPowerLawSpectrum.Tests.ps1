BeforeAll { . $PSScriptRoot/TestSetup.ps1 }

Describe 'New-PowerLawSpectrum' {
    It 'builds the committee spectrum of the closed form (mean eigenvalue 1, multiplicity N/L)' {
        $s = New-PowerLawSpectrum -N 1024 -L 256 -Beta 1
        $s.Dimension | Should -Be 1024
        $s.DistinctCount | Should -Be 256
        $h = 0.0; foreach ($l in 1..256) { $h += [math]::Pow($l, -2) }
        $lamPlus = 256 / $h
        $s.LambdaMax | Should -BeGreaterThan ($lamPlus * (1 - 1e-12))
        $s.LambdaMax | Should -BeLessThan ($lamPlus * (1 + 1e-12))
        [math]::Abs($s.Eigenvalues[9] - $lamPlus * [math]::Pow(10, -2)) | Should -BeLessThan 1e-12
        [math]::Abs($s.Nu1 - 1) | Should -BeLessThan 1e-12
        $s.Multiplicities | Select-Object -Unique | Should -Be 4
    }
    It 'matches the spec reference moments (L = N = 1024, beta = 1)' {
        $s = New-PowerLawSpectrum -N 1024 -L 1024 -Beta 1
        [math]::Abs($s.LambdaMax - 622.887) | Should -BeLessThan 5e-4
        [math]::Abs($s.Nu2 - 410.09) | Should -BeLessThan 5e-3
    }
    It 'TopOne puts the largest eigenvalue at 1' {
        (New-PowerLawSpectrum -N 64 -L 16 -Beta 0.5 -Normalization TopOne).LambdaMax | Should -Be 1
    }
    It 'builds the random-feature spectrum with target power k^-(a-b)' {
        $s = New-PowerLawSpectrum -M 100 -A 1.5 -B 1.25
        $s.Convention | Should -Be 'RandomFeature'
        [math]::Abs($s.Eigenvalues[9] - [math]::Pow(10, -1.25)) | Should -BeLessThan 1e-14
        [math]::Abs($s.TargetPower[9] - [math]::Pow(10, -0.25)) | Should -BeLessThan 1e-14
    }
    It 'accepts an explicit spectrum and sorts it' {
        $s = New-PowerLawSpectrum -Eigenvalue 0.5, 2, 1
        $s.Eigenvalues | Should -Be @(2, 1, 0.5)
    }
    It 'shows a compact table by default' {
        $text = New-PowerLawSpectrum -N 1024 -L 256 -Beta 1 | Out-String
        $text | Should -Match 'Nu2'
        $text | Should -Match 'LambdaMax'
    }
    It 'rejects <Case> with error id <Id>' -ForEach @(
        @{ Case = 'L not dividing N'; Params = @{ N = 1000; L = 3; Beta = 1 }; Id = 'InvalidParameter.L'; Message = 'divide' }
        @{ Case = 'L < 1'; Params = @{ N = 100; L = 0; Beta = 1 }; Id = 'InvalidParameter.L'; Message = '\[1, 100\]' }
        @{ Case = 'N < 1'; Params = @{ N = 0; L = 1; Beta = 1 }; Id = 'InvalidParameter.N'; Message = 'must be in \[1, ' }
        @{ Case = 'Beta NaN'; Params = @{ N = 100; L = 10; Beta = [double]::NaN }; Id = 'InvalidParameter.Beta'; Message = 'finite' }
        @{ Case = 'Beta <= -1'; Params = @{ N = 100; L = 10; Beta = -2 }; Id = 'InvalidParameter.Beta'; Message = '> -1' }
        @{ Case = 'A <= 1'; Params = @{ M = 100; A = 0.9; B = 1 }; Id = 'InvalidParameter.A'; Message = '> 1' }
        @{ Case = 'B <= 0'; Params = @{ M = 100; A = 1.5; B = 0 }; Id = 'InvalidParameter.B'; Message = '> 0' }
        @{ Case = 'negative eigenvalue'; Params = @{ Eigenvalue = @(1, -1) }; Id = 'InvalidParameter.Eigenvalue'; Message = 'must be in \(0, ' }
    ) {
        $err = $null
        try { New-PowerLawSpectrum @Params -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match $Message
    }
}
