BeforeAll { . $PSScriptRoot/TestSetup.ps1 }

Describe 'Get-CommitteePlateau' {
    It 'gives the reference escape times 1/gamma = <Expected> (K = <K>, L = <L>, beta = <Beta>, eta = <Eta>)' -ForEach @(
        @{ K = 2; N = 1024; L = 1; Beta = 1; Eta = 0.1; Expected = 304 }
        @{ K = 2; N = 1024; L = 4; Beta = 1; Eta = 0.1; Expected = 143 }
        @{ K = 2; N = 1024; L = 16; Beta = 1; Eta = 0.1; Expected = 44 }
        @{ K = 2; N = 512; L = 512; Beta = 0.25; Eta = 0.01; Expected = 62 }
        @{ K = 6; N = 512; L = 512; Beta = 0.25; Eta = 0.01; Expected = 501 }
        @{ K = 6; N = 500; L = 25; Beta = 0.25; Eta = 0.01; Expected = 5793 }
    ) {
        $p = Get-CommitteePlateau -K $K -N $N -L $L -Beta $Beta -Eta $Eta
        [math]::Round(1 / $p.EscapeRate) | Should -Be $Expected
    }
    It 'gives the fixed point and height table of section 4.1' {
        $h = 2, 3, 4, 5, 6, 8, 10 | ForEach-Object { (Get-CommitteePlateau -N 64 -K $_).Height }
        $expected = 0.005805, 0.006766, 0.007094, 0.007245, 0.007327, 0.007408, 0.007445
        for ($i = 0; $i -lt 7; $i++) { [math]::Abs($h[$i] - $expected[$i]) | Should -BeLessThan 5e-7 }
        $p = Get-CommitteePlateau -N 7000 -L 10 -K 4 -Eta 0.1
        [math]::Round($p.RStar, 3) | Should -Be 0.189
        $p.QStar | Should -Be (1 / 7)
        [math]::Round(1 / $p.EscapeRate) | Should -Be 249
    }
    It 'computes the length from the log convention' {
        $a = Get-CommitteePlateau -N 1024 -L 16 -SigmaJ 0.01
        $a.InitialAsymmetry | Should -Be (0.01 * [math]::Sqrt($a.Nu2 / 1024))
        [math]::Abs($a.Length * $a.EscapeRate - [math]::Log(1 / $a.InitialAsymmetry)) | Should -BeLessThan 1e-9
        $v = Get-CommitteePlateau -N 1024 -L 16 -SigmaJ 0.01 -LogArgument Variance -ApproachTime 10 -LogConstant 2
        [math]::Abs(($v.Length - 10) * $v.EscapeRate - [math]::Log(2 / [math]::Pow($a.InitialAsymmetry, 2))) | Should -BeLessThan 1e-9
        $v.LogArgument | Should -Be 'Variance'
    }
    It 'takes the spectrum from the pipeline and shows a table' {
        $p = New-PowerLawSpectrum -N 1024 -L 4 -Beta 1 | Get-CommitteePlateau
        $p.L | Should -Be 4
        $text = $p | Out-String
        $text | Should -Match 'EscapeRate'
        $text | Should -Match 'RStar'
    }
    It 'rejects <Case> with error id <Id>' -ForEach @(
        @{ Case = 'SigmaJ = 0'; Params = @{ N = 64; SigmaJ = 0 }; Id = 'InvalidParameter.SigmaJ' }
        @{ Case = 'K < 1'; Params = @{ N = 64; K = 0 }; Id = 'InvalidParameter.K' }
        @{ Case = 'Eta <= 0'; Params = @{ N = 64; Eta = -1 }; Id = 'InvalidParameter.Eta' }
    ) {
        $e = $null
        try { Get-CommitteePlateau @Params -ErrorAction Stop } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -BeLike "$Id,*"
    }
}
