BeforeAll {
    . $PSScriptRoot/TestSetup.ps1

    # Width and height from a PNG's IHDR chunk (big-endian, right after the 8-byte signature and the chunk header).
    function Get-PngSize([string] $path) {
        $b = [System.IO.File]::ReadAllBytes($path)
        $signature = [byte[]](0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)
        for ($i = 0; $i -lt 8; $i++) { if ($b[$i] -ne $signature[$i]) { throw "$path is not a PNG" } }
        if ([System.Text.Encoding]::ASCII.GetString($b, 12, 4) -ne 'IHDR') { throw "$path has no IHDR chunk first" }
        $be = { param($o) ([int]$b[$o] -shl 24) -bor ([int]$b[$o + 1] -shl 16) -bor ([int]$b[$o + 2] -shl 8) -bor [int]$b[$o + 3] }
        [pscustomobject]@{ Width = & $be 16; Height = & $be 20 }
    }

    # y = 1/x at nine log-spaced points over two decades (1 … 100), so x and y span the same number of decades.
    function New-InverseLine([string] $Source = 'Simulation') {
        foreach ($i in 0..8) { $x = [math]::Pow(10, $i / 4); [pscustomobject]@{ Alpha = $x; EpsG = 1 / $x; Source = $Source } }
    }

    # The data-area rectangle of a plottable group: the clip path it refers to.
    function Get-ClipRect([xml] $svg, $group) {
        $id = $group.GetAttribute('clip-path') -replace '^url\(#(.*)\)$', '$1'
        $rect = $svg.svg.clipPath | Where-Object id -EQ $id | ForEach-Object rect
        [pscustomobject]@{ X = [double]$rect.x; Y = [double]$rect.y; W = [double]$rect.width; H = [double]$rect.height }
    }

    # Child elements by name; strict-mode safe (a missing XML child is an error under Set-StrictMode, not $null).
    function Get-Children($node, [string] $name) { @($node.ChildNodes | Where-Object LocalName -EQ $name) }

    # The group that holds exactly $count markers.
    function Get-MarkerGroup([xml] $svg, [int] $count = 9) { $svg.svg.g | Where-Object { @(Get-Children $_ 'ellipse').Count -eq $count } }

    # Groups whose (first) path is stroked in $color.
    function Get-StrokedGroup($groups, [string] $color) {
        $groups | Where-Object { $p = @(Get-Children $_ 'path'); $p.Count -gt 0 -and $p[0].GetAttribute('stroke') -eq $color }
    }

    # The plottables' groups: those clipped to the same rectangle as the group holding the markers (the legend is clipped elsewhere).
    function Get-DataGroup([xml] $svg, $rect) {
        $svg.svg.g | Where-Object { $_.GetAttribute('clip-path') } |
            Where-Object { $r = Get-ClipRect $svg $_; $r.X -eq $rect.X -and $r.Y -eq $rect.Y -and $r.W -eq $rect.W -and $r.H -eq $rect.H }
    }

    function Get-PathPoints([string] $d) {
        [regex]::Matches($d, '[ML]\s*(-?[\d.]+)[ ,](-?[\d.]+)') | ForEach-Object {
            [pscustomobject]@{ X = [double]$_.Groups[1].Value; Y = [double]$_.Groups[2].Value }
        }
    }

    # Least-squares slope and the largest distance of a point from the fitted line, in pixels.
    function Measure-Line($points) {
        $n = @($points).Count
        $mx = ($points | Measure-Object X -Average).Average; $my = ($points | Measure-Object Y -Average).Average
        $sxy = 0.0; $sxx = 0.0
        foreach ($p in $points) { $sxy += ($p.X - $mx) * ($p.Y - $my); $sxx += ($p.X - $mx) * ($p.X - $mx) }
        $slope = $sxy / $sxx
        $worst = ($points | ForEach-Object { [math]::Abs($_.Y - ($my + $slope * ($_.X - $mx))) } | Measure-Object -Maximum).Maximum
        [pscustomobject]@{ Count = $n; Slope = $slope; MaxResidual = $worst }
    }

    $script:Dir = Join-Path ([System.IO.Path]::GetTempPath()) ("scalingps-plot-" + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory $Dir
}

AfterAll { Remove-Item $Dir -Recurse -Force -ErrorAction SilentlyContinue }

Describe 'Export-ScalingPlot' {
    It 'writes a PNG of the requested size (<W> x <H>, scale <S>)' -ForEach @(
        @{ W = 800; H = 600; S = 1; Extra = @{} }
        @{ W = 640; H = 480; S = 2; Extra = @{ Width = 640; Height = 480; Scale = 2 } }
        @{ W = 400; H = 300; S = 1.5; Extra = @{ Width = 400; Height = 300; Dpi = 144 } }
    ) {
        $file = Join-Path $Dir "size-$W-$S.png"
        New-InverseLine | Export-ScalingPlot -Path $file -X Alpha -Y EpsG @Extra
        $size = Get-PngSize $file
        $size.Width | Should -Be ([math]::Round($W * $S))
        $size.Height | Should -Be ([math]::Round($H * $S))
    }

    It 'writes an SVG that parses as XML with the requested size' {
        $file = Join-Path $Dir 'plain.svg'
        New-InverseLine | Export-ScalingPlot -Path $file -X Alpha -Y EpsG -Width 500 -Height 400
        $svg = [xml](Get-Content $file -Raw)
        $svg.svg.width | Should -Be '500'
        $svg.svg.height | Should -Be '400'
        $svg.OuterXml | Should -Match 'α \(examples / N\)'
        $svg.OuterXml | Should -Match 'ε_g vs α'
    }

    It 'puts the markers of y = 1/x on a straight line of the right slope and at the padded ends' {
        $file = Join-Path $Dir 'line.svg'
        New-InverseLine | Export-ScalingPlot -Path $file -X Alpha -Y EpsG -Width 800 -Height 600
        $svg = [xml](Get-Content $file -Raw)
        $group = Get-MarkerGroup $svg
        $group | Should -HaveCount 1
        $rect = Get-ClipRect $svg $group
        $points = Get-Children $group 'ellipse' | ForEach-Object { [pscustomobject]@{ X = [double]$_.cx; Y = [double]$_.cy } } | Sort-Object X
        $fit = Measure-Line $points
        $fit.MaxResidual | Should -BeLessThan 0.05
        # Both axes span 2 decades plus 5 % padding either side, and pixel y grows downwards, so slope −1
        # in log–log appears as +H/W in pixels.
        $fit.Slope | Should -BeGreaterThan ($rect.H / $rect.W * 0.999)
        $fit.Slope | Should -BeLessThan ($rect.H / $rect.W * 1.001)
        # The first point (1, 1) is at the top left of the data, 0.05/1.1 of the way in; the last at the bottom right.
        $f = 0.05 / 1.1
        [math]::Abs($points[0].X - ($rect.X + $f * $rect.W)) | Should -BeLessThan 0.01
        [math]::Abs($points[0].Y - ($rect.Y + $f * $rect.H)) | Should -BeLessThan 0.01
        [math]::Abs($points[8].X - ($rect.X + (1 - $f) * $rect.W)) | Should -BeLessThan 0.01
        [math]::Abs($points[8].Y - ($rect.Y + (1 - $f) * $rect.H)) | Should -BeLessThan 0.01
        # Equal steps in log x are equal steps in pixels.
        $steps = 1..8 | ForEach-Object { $points[$_].X - $points[$_ - 1].X }
        ($steps | Measure-Object -Maximum).Maximum - ($steps | Measure-Object -Minimum).Minimum | Should -BeLessThan 0.01
    }

    It 'draws Theory points as one solid line of the same slope' {
        $file = Join-Path $Dir 'theory.svg'
        New-InverseLine -Source Theory | Export-ScalingPlot -Path $file -X Alpha -Y EpsG
        $svg = [xml](Get-Content $file -Raw)
        $group = Get-StrokedGroup $svg.svg.g '#1F77B4'
        $group | Should -HaveCount 1
        @(Get-Children $group 'ellipse').Count | Should -Be 0 -Because 'theory curves have no markers'
        $rect = Get-ClipRect $svg $group
        $fit = Measure-Line (Get-PathPoints @(Get-Children $group 'path')[0].d)
        $fit.Count | Should -Be 9
        $fit.MaxResidual | Should -BeLessThan 0.05
        [math]::Abs($fit.Slope / ($rect.H / $rect.W) - 1) | Should -BeLessThan 1e-3
    }

    It 'draws error bars from StdErr for simulation points' {
        $file = Join-Path $Dir 'errors.svg'
        New-InverseLine | ForEach-Object { $_ | Add-Member StdErr (0.1 * $_.EpsG) -PassThru } |
            Export-ScalingPlot -Path $file -X Alpha -Y EpsG
        $svg = [xml](Get-Content $file -Raw)
        # Each bar is a vertical stem plus two caps; 9 stems must be present in the series colour.
        $paths = $svg.svg.g | ForEach-Object { Get-Children $_ 'path' } | Where-Object { $_.GetAttribute('stroke') -eq '#1F77B4' }
        $stems = $paths | ForEach-Object { [regex]::Matches($_.d, 'M(-?[\d.]+) (-?[\d.]+)L(-?[\d.]+) (-?[\d.]+)') } |
            Where-Object { $_.Groups[1].Value -eq $_.Groups[3].Value -and $_.Groups[2].Value -ne $_.Groups[4].Value }
        @($stems).Count | Should -BeGreaterOrEqual 9
    }

    It 'overlays a fit object (Exponent, Coefficient) as a dashed line on the data' {
        $file = Join-Path $Dir 'fit.svg'
        $law = [pscustomobject]@{ Exponent = 1; Coefficient = 1; Offset = 0; Group = 'all' }
        New-InverseLine | Export-ScalingPlot -Path $file -X Alpha -Y EpsG -Fit $law
        $svg = [xml](Get-Content $file -Raw)
        $markerGroup = Get-MarkerGroup $svg
        $dashes = @(Get-StrokedGroup (Get-DataGroup $svg (Get-ClipRect $svg $markerGroup)) '#FF7F0E')
        $dashes.Count | Should -BeGreaterThan 10 -Because 'the SVG dash pattern is drawn as separate segments'
        $markers = Get-Children $markerGroup 'ellipse' |
            ForEach-Object { [pscustomobject]@{ X = [double]$_.cx; Y = [double]$_.cy } }
        # The law is the data's own line, so every dash point lies on the line through the markers.
        $all = @($markers) + @($dashes | ForEach-Object { Get-PathPoints @(Get-Children $_ 'path')[0].d })
        (Measure-Line $all).MaxResidual | Should -BeLessThan 0.1
        $svg.OuterXml | Should -Match 'fit all \(exponent 1\)'
    }

    It 'evaluates a fit through its Predict method' {
        $file = Join-Path $Dir 'predict.svg'
        $law = [pscustomobject]@{ Form = 'PowerLaw' } | Add-Member -MemberType ScriptMethod -Name Predict -Value { param($x) 2 / $x } -PassThru
        New-InverseLine | Export-ScalingPlot -Path $file -X Alpha -Y EpsG -Fit $law -WarningVariable w
        $w | Should -BeNullOrEmpty
        $svg = [xml](Get-Content $file -Raw)
        $markerGroup = Get-MarkerGroup $svg
        $rect = Get-ClipRect $svg $markerGroup
        $m = Get-Children $markerGroup 'ellipse' | ForEach-Object { [pscustomobject]@{ X = [double]$_.cx; Y = [double]$_.cy } } | Sort-Object X
        $slope = ($m[8].Y - $m[0].Y) / ($m[8].X - $m[0].X)
        # 2/x is 1/x shifted up by log10(2) decades; y spans log10(2) + 2 decades (plus 5 % padding either side).
        $shift = [math]::Log10(2) / (([math]::Log10(2) + 2) * 1.1) * $rect.H
        $dashPoints = Get-StrokedGroup (Get-DataGroup $svg $rect) '#FF7F0E' | ForEach-Object { Get-PathPoints @(Get-Children $_ 'path')[0].d }
        @($dashPoints).Count | Should -BeGreaterThan 20
        foreach ($p in $dashPoints) {
            $onData = $m[0].Y + $slope * ($p.X - $m[0].X)
            [math]::Abs(($onData - $p.Y) - $shift) | Should -BeLessThan 0.1
        }
    }

    It 'draws a fit over its own XMin..XMax when it has them' {
        $file = Join-Path $Dir 'fitrange.svg'
        $law = [pscustomobject]@{ Exponent = 1; Coefficient = 1; XMin = 10; XMax = 100 }
        New-InverseLine | Export-ScalingPlot -Path $file -X Alpha -Y EpsG -Fit $law
        $svg = [xml](Get-Content $file -Raw)
        $m = Get-Children (Get-MarkerGroup $svg) 'ellipse' | ForEach-Object { [double]$_.cx } | Sort-Object
        $rect = Get-ClipRect $svg (Get-MarkerGroup $svg)
        $xs = Get-StrokedGroup (Get-DataGroup $svg $rect) '#FF7F0E' |
            ForEach-Object { Get-PathPoints @(Get-Children $_ 'path')[0].d } | ForEach-Object X
        # Markers 4 and 8 are at x = 10 and x = 100. The dashes start on a dash and may end in a gap
        # (a gap is at most 1.2 % of the data area's width).
        [math]::Abs(($xs | Measure-Object -Minimum).Minimum - $m[4]) | Should -BeLessThan 0.01
        $end = ($xs | Measure-Object -Maximum).Maximum
        $end | Should -BeLessOrEqual ($m[8] + 0.01)
        $end | Should -BeGreaterThan ($m[8] - 0.015 * $rect.W)
    }

    It 'skips a fit it cannot evaluate, with a warning' {
        $file = Join-Path $Dir 'badfit.png'
        New-InverseLine | Export-ScalingPlot -Path $file -X Alpha -Y EpsG -Fit ([pscustomobject]@{ Slope = 1 }) -WarningVariable w -WarningAction SilentlyContinue
        $w | Should -HaveCount 1
        "$w" | Should -Match 'neither a Predict'
        Test-Path $file | Should -BeTrue
    }

    It 'writes nothing with -WhatIf' {
        $file = Join-Path $Dir 'whatif.png'
        New-InverseLine | Export-ScalingPlot -Path $file -X Alpha -Y EpsG -WhatIf
        Test-Path $file | Should -BeFalse
        Get-ChildItem $Dir -Filter '*.tmp' -Force | Should -BeNullOrEmpty
    }

    It 'drops non-positive values on a log axis with a warning that counts them' {
        $file = Join-Path $Dir 'drop.svg'
        $pts = @(New-InverseLine) + [pscustomobject]@{ Alpha = 0; EpsG = 1 } + [pscustomobject]@{ Alpha = 3; EpsG = -0.5 }
        $pts | Export-ScalingPlot -Path $file -X Alpha -Y EpsG -WarningVariable w -WarningAction SilentlyContinue
        "$w" | Should -Match '^2 of 11 points have a non-positive value on a log axis and were dropped'
        Test-Path $file | Should -BeTrue
        # On linear axes nothing is dropped.
        $pts | Export-ScalingPlot -Path $file -X Alpha -Y EpsG -XScale Linear -YScale Linear -WarningVariable w2
        $w2 | Should -BeNullOrEmpty
    }

    It 'reads Import-Csv rows (numbers as strings)' {
        $csv = Join-Path $Dir 'points.csv'
        New-InverseLine | Export-Csv $csv -NoTypeInformation
        $file = Join-Path $Dir 'csv.svg'
        Import-Csv $csv | Export-ScalingPlot -Path $file -X Alpha -Y EpsG
        $svg = [xml](Get-Content $file -Raw)
        @((Get-MarkerGroup $svg)).Count | Should -Be 1
    }

    It 'makes one series and one legend entry per group' {
        $file = Join-Path $Dir 'groups.svg'
        $pts = foreach ($l in 1, 4, 16) { foreach ($a in 1, 10, 100) { [pscustomobject]@{ Alpha = $a; EpsG = $l / $a; L = $l; Source = 'Simulation' } } }
        $pts | Export-ScalingPlot -Path $file -X Alpha -Y EpsG -GroupBy L
        $text = Get-Content $file -Raw
        foreach ($name in 'L=1', 'L=4', 'L=16') { $text | Should -Match ([regex]::Escape(">$name<") -replace '>', '>\s*' -replace '<', '\s*<') }
        $svg = [xml]$text
        foreach ($color in '#1F77B4', '#FF7F0E', '#2CA02C') {
            @($svg.svg.g | ForEach-Object { Get-Children $_ 'ellipse' } | Where-Object { $_.GetAttribute('fill') -eq $color }).Count | Should -Be 4 -Because "3 markers and a legend swatch in $color"
        }
    }

    It '-PassThru passes every input object on unchanged' {
        $in = @(New-InverseLine)
        $out = $in | Export-ScalingPlot -Path (Join-Path $Dir 'pass.png') -X Alpha -Y EpsG -PassThru
        $out.Count | Should -Be 9
        [object]::ReferenceEquals($out[3], $in[3]) | Should -BeTrue
        # Objects it cannot plot are passed on too.
        $mixed = @($in) + [pscustomobject]@{ Other = 1 }
        ($mixed | Export-ScalingPlot -Path (Join-Path $Dir 'pass2.png') -X Alpha -Y EpsG -PassThru -ErrorAction SilentlyContinue).Count | Should -Be 10
    }

    It 'plots the elements of an array given to -InputObject' {
        $file = Join-Path $Dir 'inputobject.svg'
        Export-ScalingPlot -InputObject @(New-InverseLine) -Path $file -X Alpha -Y EpsG
        $svg = [xml](Get-Content $file -Raw)
        @(Get-MarkerGroup $svg).Count | Should -Be 1
    }

    It 'carries an embedded DejaVu Sans for machines without fonts, with Greek letters' {
        # The renderer lives in the engine (the cmdlet assembly references no third-party type).
        $type = [ScalingPS.Core.Plotting.PlotModel].Assembly.GetType('ScalingPS.Core.Plotting.EmbeddedFontResolver', $true)
        $resolver = [System.Activator]::CreateInstance($type, $true)
        $face = $resolver.CreateTypeface('DejaVu Sans', $false, $false)
        $face.FamilyName | Should -Be 'DejaVu Sans'
        $face.GlyphCount | Should -BeGreaterThan 1000
        $face.ContainsGlyphs('αε_g') | Should -BeTrue
        $resolver.CreateTypeface('Comic Sans', $false, $false) | Should -BeNullOrEmpty
    }

    It 'writes through a temporary file and leaves none behind' {
        $file = Join-Path $Dir 'atomic.png'
        Set-Content $file 'old'
        New-InverseLine | Export-ScalingPlot -Path $file -X Alpha -Y EpsG
        (Get-PngSize $file).Width | Should -Be 800
        Get-ChildItem $Dir -Force | Where-Object Name -Like '*.tmp' | Should -BeNullOrEmpty
    }

    It 'rejects <Case> with error id <Id>' -ForEach @(
        @{ Case = 'an unknown extension'; Params = @{ Path = 'plot.jpg'; X = 'Alpha'; Y = 'EpsG' }; Id = 'InvalidParameter.Path' }
        @{ Case = 'a missing folder'; Params = @{ Path = '/no/such/folder/plot.png'; X = 'Alpha'; Y = 'EpsG' }; Id = 'InvalidParameter.Path' }
        @{ Case = 'a property no object has'; Params = @{ Path = 'x.png'; X = 'Alhpa'; Y = 'EpsG' }; Id = 'MissingProperty' }
    ) {
        $err = $null
        Push-Location $Dir
        try { New-InverseLine | Export-ScalingPlot @Params -ErrorAction Stop } catch { $err = $_ } finally { Pop-Location }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike "$Id,*"
    }

    It 'names the properties of an object without -X or -Y and goes on with the rest' {
        $file = Join-Path $Dir 'partial.png'
        $pts = @(New-InverseLine) + [pscustomobject]@{ Time = 1; TestLoss = 2 }
        $pts | Export-ScalingPlot -Path $file -X Alpha -Y EpsG -ErrorVariable e -ErrorAction SilentlyContinue
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'MissingProperty,*'
        "$($e[0])" | Should -Match '1 of 10 .*Time, TestLoss'
        Test-Path $file | Should -BeTrue
    }

    It 'completes property names for -X, -Y and -GroupBy' {
        foreach ($param in 'X', 'Y', 'GroupBy') {
            $line = "Export-ScalingPlot -$param Te"
            $r = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $r.CompletionMatches.CompletionText | Should -Contain 'TestLoss'
        }
        $line = 'Show-ScalingPlot -X Al'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('Alpha')
    }

    It 'renders from a fresh process (native SkiaSharp found beside the module)' {
        $file = Join-Path $Dir 'fresh.png'
        $script = "Import-Module '$ModulePath'; 1..5 | ForEach-Object { [pscustomobject]@{ Alpha = `$_; EpsG = 1 / `$_ } } | Export-ScalingPlot -Path '$file' -X Alpha -Y EpsG -Width 300 -Height 200"
        $out = & dotnet pwsh -NoProfile -NonInteractive -Command $script 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        (Get-PngSize $file).Width | Should -Be 300
    }
}
