BeforeAll {
    . $PSScriptRoot/TestSetup.ps1

    # The golden plot: a theory curve y = 1/x (L=1) over four decades, simulation points y = 0.1/sqrt(x) (L=4)
    # and the law 0.3 x^-0.5 as a fit. To regenerate after an intended change of the drawing, run
    #   . ./tests/pester/Show-ScalingPlot.Tests.ps1 helpers by hand:  Get-GoldenInput | Show-ScalingPlot @GoldenArgs | Set-Content <file>
    # and look at the result before checking it in.
    function Get-GoldenInput {
        foreach ($i in 0..40) { $x = [math]::Pow(10, $i / 10); [pscustomobject]@{ Alpha = $x; EpsG = 1 / $x; Source = 'Theory'; L = 1 } }
        foreach ($i in 0..8) { $x = [math]::Pow(10, $i / 2); [pscustomobject]@{ Alpha = $x; EpsG = 0.1 / [math]::Sqrt($x); Source = 'Simulation'; L = 4 } }
    }
    $script:GoldenArgs = @{
        X = 'Alpha'; Y = 'EpsG'; GroupBy = 'L'; Width = 48; Height = 14
        Fit = [pscustomobject]@{ Exponent = 0.5; Coefficient = 0.3; Offset = 0; Group = 'L=4' }
    }
    function Read-Golden([string] $name) {
        (Get-Content (Join-Path $PSScriptRoot "golden/$name") -Raw -Encoding utf8) -replace "`r`n", "`n" -replace "`n$", ''
    }
    function New-InverseLine([string] $Source = 'Simulation') {
        foreach ($i in 0..8) { $x = [math]::Pow(10, $i / 4); [pscustomobject]@{ Alpha = $x; EpsG = 1 / $x; Source = $Source } }
    }
}

Describe 'Show-ScalingPlot' {
    It 'draws the known curves exactly as the golden file' {
        $lines = Get-GoldenInput | Show-ScalingPlot @GoldenArgs
        ($lines -join "`n") | Should -BeExactly (Read-Golden 'show-scalingplot-laws.txt')
    }

    It 'writes one string per line, the same every time' {
        $a = New-InverseLine | Show-ScalingPlot -X Alpha -Y EpsG -Width 30 -Height 8
        $b = New-InverseLine | Show-ScalingPlot -X Alpha -Y EpsG -Width 30 -Height 8
        $a | ForEach-Object { $_ | Should -BeOfType [string] }
        $a | Should -Not -Match "`n"
        ($a -join "`n") | Should -BeExactly ($b -join "`n")
    }

    It 'puts the points of y = 1/x on the diagonal of a square-in-dots canvas' {
        # Width 20, height 10: 39 × 39 braille dots, and both axes span two decades.
        $lines = New-InverseLine | Show-ScalingPlot -X Alpha -Y EpsG -Width 20 -Height 10
        $rows = $lines[2..11]
        for ($i = 0; $i -le 8; $i++) {
            $dot = [math]::Round(39 * $i / 8, [System.MidpointRounding]::ToEven)
            $row = $rows[[math]::Floor($dot / 4)]
            $axis = $row.IndexOfAny([char[]]'│┤')
            $row[$axis + 1 + [math]::Floor($dot / 2)] | Should -Be ([char]'●') -Because "point $i"
        }
        $lines[2] | Should -Match '^   1┤'
        $lines[11] | Should -Match '^0\.01┤'
    }

    It 'sizes the data area by -Width and -Height in characters' {
        $lines = New-InverseLine | Show-ScalingPlot -X Alpha -Y EpsG -Width 50 -Height 7 -Title ''
        $axisRow = $lines | Where-Object { $_ -match '└' }
        ($axisRow -replace '^\s*└', '').Length | Should -Be 50
        @($lines | Where-Object { $_ -match '[│┤]' }).Count | Should -Be 7
    }

    It 'reads Import-Csv rows' {
        $csv = Join-Path ([System.IO.Path]::GetTempPath()) "scalingps-show-$([guid]::NewGuid().ToString('N')).csv"
        try {
            Get-GoldenInput | Export-Csv $csv -NoTypeInformation
            $lines = Import-Csv $csv | Show-ScalingPlot @GoldenArgs
            ($lines -join "`n") | Should -BeExactly (Read-Golden 'show-scalingplot-laws.txt')
        }
        finally { Remove-Item $csv -ErrorAction SilentlyContinue }
    }

    It 'reads hashtables the same as objects' {
        $objects = New-InverseLine | Show-ScalingPlot -X Alpha -Y EpsG -Width 20 -Height 10
        $tables = New-InverseLine | ForEach-Object { @{ Alpha = $_.Alpha; EpsG = $_.EpsG; Source = $_.Source } } | Show-ScalingPlot -X Alpha -Y EpsG -Width 20 -Height 10
        ($tables -join "`n") | Should -BeExactly ($objects -join "`n")
    }

    It 'drops non-positive values on a log axis with a warning, and keeps them on a linear one' {
        $pts = @(New-InverseLine) + [pscustomobject]@{ Alpha = 2; EpsG = 0 }
        $null = $pts | Show-ScalingPlot -X Alpha -Y EpsG -WarningVariable w -WarningAction SilentlyContinue
        "$w" | Should -Match '^1 of 10 points has a non-positive value on a log axis and was dropped.*-YScale Linear'
        $lines = $pts | Show-ScalingPlot -X Alpha -Y EpsG -YScale Linear -WarningVariable w2
        $w2 | Should -BeNullOrEmpty
        ($lines | Where-Object { $_ -match '┤' } | Select-Object -Last 1) | Should -Match '^\s*0(\.0)?┤'
    }

    It 'labels the axes with units and lists each series in the legend' {
        $pts = foreach ($l in 1, 4) { foreach ($a in 1, 10, 100) { [pscustomobject]@{ Time = $a; TestLoss = $l / $a; N = $l } } }
        $lines = $pts | Show-ScalingPlot -X Time -Y TestLoss -GroupBy N
        $lines[0].Trim() | Should -Be 'test loss vs t'
        $lines | Should -Contain 'test loss'
        ($lines | Where-Object { $_ -match '─●─ N=1$' }) | Should -HaveCount 1
        ($lines | Where-Object { $_ -match '─○─ N=4$' }) | Should -HaveCount 1
    }

    It 'warns about NaN points and an -ErrorProperty no object has' {
        $pts = @(New-InverseLine) + [pscustomobject]@{ Alpha = 2; EpsG = [double]::NaN } + [pscustomobject]@{ Alpha = 'n/a'; EpsG = 1 }
        $null = $pts | Show-ScalingPlot -X Alpha -Y EpsG -ErrorProperty Sem -WarningVariable w -WarningAction SilentlyContinue
        $w | Should -HaveCount 3
        "$($w[0])" | Should -Be '1 input object whose Alpha or EpsG is not a number was skipped.'
        "$($w[1])" | Should -Be '1 point with a NaN or infinite Alpha or EpsG was not plotted.'
        "$($w[2])" | Should -Match "numeric 'Sem' property"
    }

    It 'names series by every -GroupBy property' {
        $pts = foreach ($n in 64, 128) { foreach ($seed in 1, 2) { foreach ($t in 1, 10) { [pscustomobject]@{ Time = $t; TestLoss = $seed / $t / $n; N = $n; Seed = $seed } } } }
        $legend = $pts | Show-ScalingPlot -X Time -Y TestLoss -GroupBy N, Seed | Select-Object -Last 4
        $legend -replace '^\s*\S{3} ', '' | Should -Be @('N=64, Seed=1', 'N=64, Seed=2', 'N=128, Seed=1', 'N=128, Seed=2')
    }

    It 'rejects a data area smaller than 10 x 4 characters' {
        { New-InverseLine | Show-ScalingPlot -X Alpha -Y EpsG -Width 5 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ScalingPS.Commands.ShowScalingPlotCommand'
    }
}
