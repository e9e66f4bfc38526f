# Streaming into Format-Table fixes column widths from the first rows, so the views give every numeric column a
# fixed width and a format whose longest output fits it. A stream that starts small and ends at the extremes
# (largest sizes and seeds, tiniest losses) must render every number whole: no '…' from a cut cell.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    # The first rows arrive, then a pause longer than the formatter's wait (300 ms) for the rest: as a simulation
    # streaming into the console, whose column widths are settled from what came before the pause.
    function Get-Rendered($rows) { (& { $rows[0..1]; Start-Sleep -Milliseconds 600; $rows[2..($rows.Count - 1)] } | Format-Table | Out-String -Width 120) }
}

Describe 'Table views fit later values' {
    It 'renders a long-range stream of committee points whole' {
        $rows = foreach ($i in 0..30) {
            [ScalingPS.Core.Committee.CommitteePoint]@{
                Source = if ($i % 2) { 'Simulation' } else { 'Theory' }; Seed = [int][math]::Min([int]::MaxValue, [math]::Pow(2, $i)); Alpha = [math]::Pow(10, $i / 3 - 2) * 1.23456789
                EpsG = 0.5 * [math]::Pow(10, -10 * $i) * 1.23456789; StdErr = 1.23456789 * [math]::Pow(10, -10 * $i - 1); Count = [int][math]::Pow(2, [math]::Min($i, 20))
                N = [int][math]::Pow(2, $i); L = [int][math]::Pow(2, $i); K = [math]::Min(1 + $i * 300, 9999); M = [math]::Min(1 + $i * 300, 9999); Eta = 1.23456789 * [math]::Pow(10, $i - 20); Activation = 'Erf'
            }
        }
        $text = Get-Rendered $rows
        $text | Should -Not -Match '…' -Because "every cell fits its column:`n$text"
        $text | Should -Match '1073741824'
    }

    It 'renders a long-range stream of random-feature points whole' {
        $rows = foreach ($i in 0..30) {
            [ScalingPS.Core.RandomFeatures.RandomFeaturePoint]@{
                Source = 'Simulation'; Seed = [int][math]::Min([int]::MaxValue, [math]::Pow(2, $i)); Time = 1.23456789 * [math]::Pow(10, $i / 2 - 3); N = [math]::Pow(2, $i); P = [math]::Pow(3, $i)
                TestLoss = 1.23456789 * [math]::Pow(10, -10 * $i); TrainLoss = 1.23456789 * [math]::Pow(10, -10 * $i); Bias = 1.23456789 * [math]::Pow(10, -10 * $i)
                StdErr = 1.23456789 * [math]::Pow(10, -10 * $i - 1); Count = [int][math]::Pow(2, [math]::Min($i, 20))
            }
        }
        $text = Get-Rendered $rows
        $text | Should -Not -Match '…' -Because "every cell fits its column:`n$text"
    }
}
