BeforeAll { . $PSScriptRoot/TestSetup.ps1 }

Describe 'Get-RandomFeatureExponent' {
    It 'gives the CIFAR-5M arithmetic of spec section 7.2' {
        $e = Get-RandomFeatureExponent -A 1.15 -B 2.0
        [math]::Abs($e.TimeExponent - 0.075) | Should -BeLessThan 1e-12
        [math]::Abs($e.ModelExponent - 0.15) | Should -BeLessThan 1e-12
        [math]::Abs($e.ComputeLossExponent - 0.05) | Should -BeLessThan 1e-12
        [math]::Abs($e.ComputeWidthExponent - 1 / 3) | Should -BeLessThan 1e-12
        [math]::Abs($e.ComputeTimeExponent - 2 / 3) | Should -BeLessThan 1e-12
        $e.HardTask | Should -BeTrue
    }
    It 'uses min(a-1, b) by default and min(a-1, 2b) with -ModelExponent Paper' {
        (Get-RandomFeatureExponent 4 1.1).ModelExponent | Should -Be 1.1
        [math]::Abs((Get-RandomFeatureExponent 4 1.1 -ModelExponent Paper).ModelExponent - 2.2) | Should -BeLessThan 1e-12
        (Get-RandomFeatureExponent 4 1.1).DataExponent | Should -Be 2.2
    }
    It 'takes A and B from a spectrum or by property name' {
        (New-PowerLawSpectrum -M 100 -A 2 -B 1.5 | Get-RandomFeatureExponent).ComputeLossExponent | Should -Be 0.4
        ([pscustomobject]@{ A = 1.5; B = 1.25 } | Get-RandomFeatureExponent).ComputeWidthExponent | Should -BeGreaterThan 0.444
        (Get-RandomFeatureExponent 1.5 1.25 | Out-String) | Should -Match 'HardTask'
    }
    It 'rejects a <= 1 with InvalidParameter.A' {
        $err = $null
        try { Get-RandomFeatureExponent -A 1 -B 1 -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.A,*'
    }
}
