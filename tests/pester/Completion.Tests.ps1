BeforeAll { . $PSScriptRoot/TestSetup.ps1 }

# Tab completion: enumerated parameters complete from their enums, and parameters that name a property of the
# piped records (fits, plateaus, frontiers, plots) offer the ScalingPS property names instead of file names.
Describe 'Tab completion' {
    BeforeAll {
        function Get-Completion([string] $line) {
            @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText)
        }
    }
    It 'completes <Line> with <Expected>' -ForEach @(
        @{ Line = 'Invoke-CommitteeSgd -Activation '; Expected = 'Erf', 'Linear', 'ReLU' }
        @{ Line = 'Invoke-CommitteeOde -Activation L'; Expected = @('Linear') }
        @{ Line = 'Measure-ScalingLaw -Form '; Expected = 'Chinchilla', 'LocalSlope', 'PowerLaw', 'PowerLawOffset' }
        @{ Line = 'Get-CommitteeLinearCurve -Form '; Expected = 'Exact', 'SmallEta' }
    ) {
        $offered = Get-Completion $Line
        foreach ($e in $Expected) { $offered | Should -Contain $e }
    }
    It 'offers property names for <Line>' -ForEach @(
        @{ Line = 'Measure-ScalingLaw -X '; Expected = 'Alpha' }
        @{ Line = 'Measure-ScalingLaw -Y Ep'; Expected = 'EpsG' }
        @{ Line = 'Measure-ScalingLaw -GroupBy '; Expected = 'Seed' }
        @{ Line = 'Measure-ScalingLaw -ClusterBy '; Expected = 'Seed' }
        @{ Line = 'Measure-Plateau -X '; Expected = 'Alpha' }
        @{ Line = 'Measure-Plateau -GroupBy '; Expected = 'L' }
        @{ Line = 'Find-ComputeOptimal -Size '; Expected = 'N' }
        @{ Line = 'Find-ComputeOptimal -Loss Te'; Expected = 'TestLoss' }
        @{ Line = 'Export-ScalingPlot -GroupBy '; Expected = 'Source' }
    ) {
        $offered = Get-Completion $Line
        $offered | Should -Contain $Expected
        $offered | Where-Object { $_ -like './*' } | Should -BeNullOrEmpty
    }
}
