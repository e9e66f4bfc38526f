
# Every figure script of examples/ is run at its -Quick size in this session (the module is already imported, as
# the scripts expect) and must write its CSVs (non-empty, expected columns, simulation beside theory where the
# figure has both), its 800 x 600 PNGs and its checks table; a few of its checks are held to the spec's numbers.
BeforeDiscovery {
    $script:Examples = @(
        @{ Script = 'Committee-Fig1'; Csv = @{ 'Committee-Fig1' = 'Source', 'L', 'Alpha', 'EpsG' }; Png = 'Committee-Fig1'; Sources = 'Ode', 'Simulation'
            Exact = @{ Quantity = 'SGD / ODE eps_g'; Tolerance = 0.1 } }
        @{ Script = 'Committee-Fig2'; Csv = @{ 'Committee-Fig2-left' = 'Source', 'L', 'Alpha', 'EpsG', 'StdErr'; 'Committee-Fig2-right' = 'Source', 'Alpha', 'EpsG' }
            Png = 'Committee-Fig2-left', 'Committee-Fig2-right'; Sources = 'Theory', 'Simulation'
            Exact = @{ Quantity = 'right: exact theory eps_g'; Tolerance = 2e-3 } }
        @{ Script = 'Committee-Fig3'; Csv = @{ 'Committee-Fig3-left' = 'Source', 'TrainableInputs', 'Alpha', 'EpsG'; 'Committee-Fig3-right' = 'Source', 'TrainableInputs', 'EpsMin' }
            Png = 'Committee-Fig3-left', 'Committee-Fig3-right'; Sources = 'Theory', 'Simulation'
            Exact = @{ Quantity = 'left: theory floor eps_inf'; Tolerance = 2e-3 } }
        @{ Script = 'Committee-Fig4'; Csv = @{ 'Committee-Fig4-epsg' = 'Alpha', 'EpsG'; 'Committee-Fig4-overlaps' = 'Alpha', 'Level', 'Teacher', 'R', 'ROverNu' }
            Png = 'Committee-Fig4-epsg', 'Committee-Fig4-overlaps'; Sources = @()
            Exact = @{ Quantity = 'mean first-order Q_ii on the plateau'; Tolerance = 0.02 } }
        @{ Script = 'Committee-Fig5'; Csv = @{ 'Committee-Fig5-left' = 'K', 'L', 'Alpha', 'EpsG'; 'Committee-Fig5-right' = 'K', 'L', 'Alpha', 'EpsG' }
            Png = 'Committee-Fig5-left', 'Committee-Fig5-right'; Sources = @(); Exact = @{ Quantity = 'escape alpha'; Setting = 'L=1'; Tolerance = 0.15 } }
        @{ Script = 'RealData-MNIST'; Csv = @{ 'RealData-MNIST-curves' = 'Source', 'TrainableInputs', 'Alpha', 'EpsG', 'EpsGSpectral'; 'RealData-MNIST-spectrum' = 'Rank', 'Lambda' }
            Png = 'RealData-MNIST-curves', 'RealData-MNIST-spectrum'; Sources = 'Theory', 'Simulation'
            Exact = @{ Quantity = 'SGD eps_g (training covariance) / theory at the last alpha'; Tolerance = 0.3 } }
        @{ Script = 'Committee-Exponent'; Csv = @{ 'Committee-Exponent' = 'L', 'Alpha', 'EpsG', 'AlphaOverL', 'LEpsG' }; Png = 'Committee-Exponent'; Sources = @()
            Exact = @{ Quantity = 'chord slope over alpha in [L/2, 2L]'; Setting = 'L=N=1024'; Tolerance = 0.03 } }
        @{ Script = 'RandomFeature-Momentum'; Csv = @{ 'RandomFeature-Momentum' = 'Source', 'N', 'P', 'Time', 'TestLoss', 'StdErr' }; Png = 'RandomFeature-Momentum'
            Sources = 'Theory', 'Simulation'; Exact = @{ Quantity = '(simulation - theory) / stderr'; MaxAbs = 4 } }
        @{ Script = 'Sweep-Plateau'; Csv = @{ 'Sweep-Plateau' = 'K', 'L', 'EscapeAlpha', 'EscapeTime', 'Predicted' }; Png = 'Sweep-Plateau-curves', 'Sweep-Plateau-fit'
            Sources = @(); Exact = @{ Quantity = 'escape alpha / predicted length'; Setting = 'K=M=2 L=1'; Tolerance = 0.15 } }
        @{ Script = 'RandomFeature-R1'; Csv = @{ 'RandomFeature-R1' = 'Source', 'N', 'P', 'Time', 'TestLoss', 'StdErr' }; Png = 'RandomFeature-R1'
            Sources = 'Theory', 'Simulation'; Exact = @{ Quantity = 'theory test loss'; Tolerance = 1e-3 } }
        @{ Script = 'RandomFeature-R2'; Csv = @{ 'RandomFeature-R2-curves' = 'N', 'Time', 'Compute', 'TestLoss'; 'RandomFeature-R2-frontier' = 'Compute', 'TestLoss', 'N', 'Time' }
            Png = 'RandomFeature-R2'; Sources = @(); Exact = @{ Quantity = 'frontier width slope N* ~ C^x'; Tolerance = 0.05 } }
        @{ Script = 'RandomFeature-R3'; Csv = @{ 'RandomFeature-R3' = 'Time', 'N', 'Delta' }; Png = 'RandomFeature-R3'; Sources = @()
            Exact = @{ Quantity = 'slope of Delta against N'; Setting = 't=0.3'; Tolerance = 0.01 } }
        @{ Script = 'RandomFeature-R4'; Csv = @{ 'RandomFeature-R4' = 'Time', 'P', 'Gap' }; Png = 'RandomFeature-R4'; Sources = @()
            Exact = @{ Quantity = 'early gap / (2t/P) tr(Lambda) L(0)'; Tolerance = 0.02 } }
        @{ Script = 'RandomFeature-R5'; Csv = @{ 'RandomFeature-R5' = 'Source', 'Series', 'Time', 'TestLoss' }; Png = 'RandomFeature-R5'; Sources = 'Theory', 'Simulation'
            Exact = @{ Quantity = 'simulated L_E / (B + (L - B)/E)'; Tolerance = 0.1 } }
        @{ Script = 'RandomFeature-R6'; Csv = @{ 'RandomFeature-R6' = 'N', 'BestTestLoss', 'LateTestLoss'; 'RandomFeature-R6-curves' = 'N', 'Time', 'TestLoss' }
            Png = 'RandomFeature-R6'; Sources = @(); Exact = @{ Quantity = 'N of the largest L(t = 1e6)'; Tolerance = 1e-9 } }
        @{ Script = 'RandomFeature-R7'; Csv = @{ 'RandomFeature-R7' = 'Source', 'N', 'TestLoss' }; Png = 'RandomFeature-R7'; Sources = 'Theory', 'Simulation'
            Exact = @{ Quantity = 'local slope of L_inf(N)'; Setting = 'N=25..50'; Tolerance = 0.1 } }
        @{ Script = 'RandomFeature-R8'; Csv = @{ 'RandomFeature-R8' = 'Source', 'N', 'P', 'Loss', 'Time', 'Value' }; Png = 'RandomFeature-R8'; Sources = 'Theory', 'Simulation'
            Exact = @{ Quantity = '(simulation - theory) / stderr, test loss'; MaxAbs = 4 } }
    )
}

BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    function Get-PngSize([string] $path) {
        # A PNG starts with an 8-byte signature and the IHDR chunk: length (4), "IHDR" (4), width (4), height (4), big-endian.
        $bytes = [System.IO.File]::ReadAllBytes($path)
        $signature = 137, 80, 78, 71, 13, 10, 26, 10
        for ($i = 0; $i -lt 8; $i++) { if ($bytes[$i] -ne $signature[$i]) { throw "$path is not a PNG" } }
        [System.Text.Encoding]::ASCII.GetString($bytes, 12, 4) | Should -Be 'IHDR'
        $be = { param($o) ([int]$bytes[$o] -shl 24) -bor ([int]$bytes[$o + 1] -shl 16) -bor ([int]$bytes[$o + 2] -shl 8) -bor [int]$bytes[$o + 3] }
        [pscustomobject]@{ Width = & $be 16; Height = & $be 20 }
    }
    $script:ExamplesDir = Join-Path $script:RepoRoot 'examples'
}

Describe 'examples/<Script>.ps1 -Quick' -ForEach $Examples {
    BeforeAll {
        $script:Out = Join-Path $TestDrive $Script
        & (Join-Path $ExamplesDir "$Script.ps1") -Quick -OutputPath $script:Out 6> $null | Out-Null
    }
    It 'writes non-empty CSVs with the expected columns' {
        foreach ($name in $Csv.Keys) {
            $rows = @(Import-Csv (Join-Path $script:Out "$name.csv"))
            $rows.Count | Should -BeGreaterThan 2 -Because "$name.csv holds the figure's numbers"
            $columns = $rows[0].PSObject.Properties.Name
            foreach ($column in $Csv[$name]) { $columns | Should -Contain $column -Because "$name.csv" }
        }
    }
    It 'overlays simulation and theory where the figure has both, finite numbers elsewhere' {
        if ($Sources.Count -gt 0) {
            $all = foreach ($name in $Csv.Keys) { Import-Csv (Join-Path $script:Out "$name.csv") }
            $present = @($all | ForEach-Object Source | Sort-Object -Unique)
            foreach ($s in $Sources) { $present | Should -Contain $s }
        }
        else {
            # Theory-only figures (ODE or DMFT curves): every plotted value is a finite number.
            foreach ($name in $Csv.Keys) {
                foreach ($row in Import-Csv (Join-Path $script:Out "$name.csv")) {
                    foreach ($column in $Csv[$name]) { [double]::IsNaN([double]$row.$column) | Should -BeFalse -Because "$name.$column" }
                }
            }
        }
    }
    It 'writes 800 x 600 PNGs' {
        foreach ($name in $Png) {
            $size = Get-PngSize (Join-Path $script:Out "$name.png")
            $size.Width | Should -Be 800
            $size.Height | Should -Be 600
        }
    }
    It 'writes its checks table and meets the spec in its key check' {
        $checks = @(Import-Csv (Join-Path $script:Out "$Script-checks.csv"))
        $checks.Count | Should -BeGreaterThan 0
        foreach ($column in 'Quantity', 'Setting', 'Measured', 'Expected', 'Ratio') { $checks[0].PSObject.Properties.Name | Should -Contain $column }
        # Every example holds at least one of its checks to the spec: a ratio within Tolerance of 1 (optionally
        # for one Setting), or a standardised difference (simulation - theory) / stderr within MaxAbs.
        $held = @($checks | Where-Object { $_.Quantity -eq $Exact.Quantity -and (-not $Exact.ContainsKey('Setting') -or $_.Setting -eq $Exact.Setting) })
        $held.Count | Should -BeGreaterThan 0
        foreach ($c in $held) {
            if ($Exact.ContainsKey('MaxAbs')) { [math]::Abs([double]$c.Measured) | Should -BeLessThan $Exact.MaxAbs -Because "$($c.Quantity) at $($c.Setting)" }
            else { [math]::Abs([double]$c.Ratio - 1) | Should -BeLessThan $Exact.Tolerance -Because "$($c.Quantity) at $($c.Setting)" }
        }
    }
}

Describe 'examples/Demo.ps1' {
    BeforeAll {
        $script:Out = Join-Path $TestDrive 'demo'
        & (Join-Path $ExamplesDir 'Demo.ps1') -OutputPath $script:Out 6> $null | Out-Null
    }
    It 'writes the curves, the frontier and the exponent table' {
        $curves = @(Import-Csv (Join-Path $script:Out 'committee-curves.csv'))
        @($curves.Source | Sort-Object -Unique) | Should -Be @('Ode', 'Simulation')
        @($curves.L | Sort-Object { [int]$_ } -Unique) | Should -Be @('1', '16', '256')
        @(Import-Csv (Join-Path $script:Out 'compute-frontier.csv')).Count | Should -BeGreaterThan 5
        $exponents = @(Import-Csv (Join-Path $script:Out 'exponents.csv'))
        $width = $exponents | Where-Object Quantity -eq 'random features: N* ~ C^x'
        [math]::Abs([double]$width.Measured - 4 / 9) | Should -BeLessThan 0.02
        foreach ($name in 'committee-curves', 'compute-frontier') {
            $size = Get-PngSize (Join-Path $script:Out "$name.png")
            "$($size.Width)x$($size.Height)" | Should -Be '800x600'
        }
    }
}
