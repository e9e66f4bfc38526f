BeforeAll { . $PSScriptRoot/TestSetup.ps1 }

# Measure-Plateau on the order-parameter ODE against the plateau theory (issue: plateau detection on ODE curves).
Describe 'Measure-Plateau on ODE learning curves' {
    BeforeAll {
        $script:Theory = Get-CommitteePlateau -K 2 -L 1 -Beta 1 -Eta 0.1 -N 10000 -SigmaJ 0.01
    }
    It 'reads the symmetric fixed point''s height (O(eta) ODE, symmetric start) to 1e-4' {
        $curve = Invoke-CommitteeOde -N 10000 -L 1 -Beta 1 -K 2 -M 2 -Eta 0.1 -SigmaJ 0.01 -Initial Symmetric -Order Eta -Alpha 2000 -Points 60
        $p = $curve | Measure-Plateau -X Alpha -Y EpsG -WarningAction SilentlyContinue
        @($p).Count | Should -Be 1
        [math]::Abs($p.Height / $Theory.Height - 1) | Should -BeLessThan 1e-4
        $p.Escaped | Should -BeFalse
    }
    It 'finds the plateau of a random start within the teacher''s finite-N spread, and its escape' {
        # A random teacher has T_nn = 1 ± sqrt(2/N) = 1 ± 1.4 % at N = 10^4: the height may differ by a few per cent.
        $curve = Invoke-CommitteeOde -N 10000 -L 1 -Beta 1 -K 2 -M 2 -Eta 0.1 -SigmaJ 0.01 -Order Eta -Alpha 20000 -Points 120 -Seed 1
        $p = $curve | Measure-Plateau -X Alpha -Y EpsG -WarningAction SilentlyContinue
        @($p).Count | Should -Be 1
        [math]::Abs($p.Height / $Theory.Height - 1) | Should -BeLessThan 0.03
        # The escape comes after the predicted length's order of magnitude: (1/γ) ln(1/S0) ≈ 2.8e3 here.
        $p.EscapeX | Should -BeGreaterThan (0.3 * $Theory.Length)
        $p.EscapeX | Should -BeLessThan (3 * $Theory.Length)
    }
}
