# Data that leaves the module carries names, not enum numbers. Plain ConvertTo-Json (without -EnumsAsStrings)
# writes an enum as its number, so every output record's categorical property (Source, Form, Optimizer,
# Activation, ...) is a string. Two checks: the declared output types (every exported cmdlet's [OutputType], walked
# into nested record arrays) have no enum-typed property; and real output, serialised with plain ConvertTo-Json,
# is byte-identical to the same output serialised with -EnumsAsStrings (so no enum value reached the JSON).
# Then the shell stays convenient: Where-Object, -GroupBy and Import-Csv work on the names.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:OutputTypes = @(Get-Command -Module ScalingPS -CommandType Cmdlet | ForEach-Object {
            foreach ($t in $_.OutputType) { if ($t.Type -and $t.Type.Namespace -like 'ScalingPS*') { @{ Cmdlet = $_.Name; Type = $t.Type } } }
        })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    # Enum-typed public properties of a type, and of the module's record types it holds (arrays, lists).
    function Get-EnumProperty([type] $type, [string] $prefix = '', [System.Collections.Generic.HashSet[type]] $seen = [System.Collections.Generic.HashSet[type]]::new()) {
        if (-not $seen.Add($type)) { return }
        foreach ($p in $type.GetProperties([Reflection.BindingFlags] 'Public, Instance')) {
            $t = $p.PropertyType
            $element = if ($t.IsArray) { $t.GetElementType() } elseif ($t.IsGenericType -and $t.GetGenericArguments().Count -eq 1) { $t.GetGenericArguments()[0] } else { $t }
            $underlying = [Nullable]::GetUnderlyingType($element)
            if ($underlying) { $element = $underlying }
            if ($element.IsEnum) { "$prefix$($p.Name) ($($element.Name))" }
            elseif ($element.Namespace -like 'ScalingPS*' -and -not $element.IsPrimitive) { Get-EnumProperty $element "$prefix$($p.Name)." $seen }
        }
    }
}

Describe 'Output records carry names' {
    It '<Cmdlet> declares <Type> with no enum-typed property' -ForEach $OutputTypes {
        @(Get-EnumProperty $Type) | Should -BeNullOrEmpty -Because 'ConvertTo-Json writes an enum as its number; a categorical property of an output record is a string'
    }

    It '<Name>: plain ConvertTo-Json writes no enum number' -ForEach @(
        @{ Name = 'Invoke-CommitteeSgd'; Make = { Invoke-CommitteeSgd -N 64 -L 8 -Alpha 2 -Points 3 -Seed 1 } }
        @{ Name = 'Invoke-CommitteeSgd -OrderParameters'; Make = { Invoke-CommitteeSgd -N 32 -L 4 -Alpha 1 -Points 2 -Seed 1 -OrderParameters } }
        @{ Name = 'Invoke-CommitteeOde'; Make = { Invoke-CommitteeOde -N 64 -L 8 -Alpha 10 -Points 3 } }
        @{ Name = 'Get-CommitteeLinearCurve'; Make = { Get-CommitteeLinearCurve -L 16 -Alpha 1, 10 } }
        @{ Name = 'Get-CommitteePlateau'; Make = { Get-CommitteePlateau -N 64 -L 4 } }
        @{ Name = 'Get-RandomFeatureCurve'; Make = { Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 200 -Time 1, 10 } }
        @{ Name = 'Get-RandomFeatureCurve -Compute'; Make = { Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 200 -N 10, 20, 40 -Time 1, 10, 100 -Compute } }
        @{ Name = 'Get-RandomFeatureExponent'; Make = { Get-RandomFeatureExponent -A 1.5 -B 1.25 } }
        @{ Name = 'Invoke-RandomFeatureTraining'; Make = { Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 100 -N 20 -P 20 -Time 1, 10 -Eta 0.5 -BatchSize 10 -Momentum 0.5 } }
        @{ Name = 'New-PowerLawSpectrum'; Make = { New-PowerLawSpectrum -N 64 -L 8 -Beta 1 } }
        @{ Name = 'Measure-ScalingLaw'; Make = { Invoke-CommitteeOde -N 64 -L 8 -Alpha 300 -Points 30 | Measure-ScalingLaw -X Alpha -Y EpsG -Bootstrap 20 -Seed 1 -WarningAction SilentlyContinue } }
        @{ Name = 'Measure-Plateau'; Make = { Invoke-CommitteeOde -N 64 -L 8 -Alpha 300 -Points 30 | Measure-Plateau -WarningAction SilentlyContinue } }
        @{ Name = 'Find-ComputeOptimal'; Make = { Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 300 -N 10, 20, 40, 80 -Time 1, 3, 10, 30, 100, 300, 1000 | Find-ComputeOptimal -Size N -Time Time -Loss TestLoss -Bootstrap 0 } }
        @{ Name = 'Compare-ScalingCurve'; Make = { $t = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 200 -Time 1, 10, 100; $t | Compare-ScalingCurve -Reference $t -X Time -Y TestLoss -PerPoint } }
    ) {
        $out = @(& $Make)
        $out | Should -Not -BeNullOrEmpty
        $plain = $out | ConvertTo-Json -Depth 4 -Compress -WarningAction SilentlyContinue
        $named = $out | ConvertTo-Json -Depth 4 -Compress -EnumsAsStrings -WarningAction SilentlyContinue
        $plain | Should -BeExactly $named -Because 'an enum value reaching ConvertTo-Json is written as a number'
    }
}

Describe 'Names stay convenient in the shell' {
    BeforeAll {
        $script:Dir = Join-Path ([IO.Path]::GetTempPath()) "scalingps-names-$PID"
        $null = New-Item -ItemType Directory -Force $Dir
        $script:Ode = @(Invoke-CommitteeOde -N 64 -L 8 -Alpha 30 -Points 8)
        $script:Sgd = @(Invoke-CommitteeSgd -N 64 -L 8 -Alpha 30 -Points 8 -Seed 2)
        $script:Mixed = $Ode + $Sgd
    }
    AfterAll { Remove-Item $Dir -Recurse -Force -ErrorAction SilentlyContinue }

    It 'filters by name with Where-Object, case-insensitively and against the enum value' {
        @($Mixed | Where-Object Source -EQ 'Ode').Count | Should -Be $Ode.Count
        @($Mixed | Where-Object Source -EQ 'simulation').Count | Should -Be $Sgd.Count
        @($Mixed | Where-Object { $_.Source -eq [ScalingPS.Core.CurveSource]::Ode }).Count | Should -Be $Ode.Count
        @($Mixed | Where-Object Activation -EQ 'Erf').Count | Should -Be $Mixed.Count
    }

    It 'groups a fit and a plot by the name' {
        $fits = @($Mixed | Where-Object Alpha -GT 0 | Measure-ScalingLaw -X Alpha -Y EpsG -GroupBy Source -MinDecades 0.5 -Bootstrap 0 -WarningAction SilentlyContinue)
        @($fits.Group | Sort-Object) | Should -Be @('Ode', 'Simulation')
        $text = ($Mixed | Where-Object Alpha -GT 0 | Show-ScalingPlot -X Alpha -Y EpsG -GroupBy Source -Width 60 -Height 15) -join "`n"
        $text | Should -Match 'Ode'
        $text | Should -Match 'Simulation'
    }

    It 'round-trips names through Export-Csv and Import-Csv, and groups the CSV the same way' {
        $csv = Join-Path $Dir 'mixed.csv'
        $Mixed | Export-Csv $csv
        $rows = Import-Csv $csv
        @($rows.Source | Sort-Object -Unique) | Should -Be @('Ode', 'Simulation')
        $fromCsv = @($rows | Where-Object { [double]$_.Alpha -gt 0 } | Measure-ScalingLaw -X Alpha -Y EpsG -GroupBy Source -MinDecades 0.5 -Bootstrap 0 -WarningAction SilentlyContinue)
        $direct = @($Mixed | Where-Object Alpha -GT 0 | Measure-ScalingLaw -X Alpha -Y EpsG -GroupBy Source -MinDecades 0.5 -Bootstrap 0 -WarningAction SilentlyContinue)
        $fromCsv.Group | Should -Be $direct.Group
        for ($i = 0; $i -lt $direct.Count; $i++) { $fromCsv[$i].Exponent | Should -BeGreaterThan ($direct[$i].Exponent - 1e-9 * [math]::Abs($direct[$i].Exponent)) }
        for ($i = 0; $i -lt $direct.Count; $i++) { $fromCsv[$i].Exponent | Should -BeLessThan ($direct[$i].Exponent + 1e-9 * [math]::Abs($direct[$i].Exponent) + 1e-12) }
    }
}
