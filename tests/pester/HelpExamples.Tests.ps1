# Every example in the compiled cmdlet help (en-US/ScalingPS.dll-Help.xml, what Get-Help shows) runs. Each runs
# in a fresh runspace with the module imported, with its working folder set to a new temporary folder, so that
# relative paths it writes (fig1.png, linear.csv, ...) land there and files it reads come from the fixtures below.
# Variables an example takes as given ($points, $curve, $sgd, $runs) and the CSVs it imports are small fixtures
# made in that runspace first. An example that cannot run offline within the time limit is listed in $Skipped
# with the reason; the first test prints each with its reason (never silently), and an entry naming no example fails.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    # Examples too heavy for the test suite on a shared machine: "<Cmdlet>#<number>" = reason.
    $script:Skipped = @{}
    . (Join-Path $PSScriptRoot 'HelpExamples.Skipped.ps1')
    $script:HelpExamples = @(foreach ($c in Get-Command -Module ScalingPS -CommandType Cmdlet | Sort-Object Name) {
            $i = 0
            foreach ($e in @((Get-Help $c.Name).examples.example)) {
                $i++
                $key = "$($c.Name)#$i"
                # A listed example is not a test case (the build counts a skipped test as a failure): the first test
                # prints every listed example with its reason instead.
                if (-not $Skipped.ContainsKey($key)) { @{ Key = $key; Code = ($e.code -join "`n").Trim() } }
            }
        })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'HelpExamples.Skipped.ps1')
    $script:TimeoutSeconds = 30
    $script:Initial = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
    $Initial.ImportPSModule($ModulePath)
    # The fixtures an example refers to without making them.
    $script:Fixtures = @'
$ProgressPreference = 'SilentlyContinue'
# Loss curves of four widths, with the committee names too (Alpha, EpsG, Step), for the plotting examples.
$points = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 300 -N 10, 20, 40, 80 -Time 1, 3, 10, 30, 100, 300, 1000 |
    Select-Object *, @{ n = 'Alpha'; e = { $_.Time } }, @{ n = 'EpsG'; e = { $_.TestLoss } }, @{ n = 'Step'; e = { $_.Time } }
$curve = Invoke-CommitteeOde -N 64 -L 1 -K 2 -M 2 -Eta 0.1 -SigmaJ 0.01 -Alpha 3000 -Points 60
$sgd = Invoke-CommitteeSgd -N 64 -L 1 -K 2 -M 2 -Eta 0.1 -SigmaJ 0.01 -Alpha 300 -Points 30 -Repeat 3 -Seed 1
$runs = foreach ($n in 1e6, 1e7, 1e8, 1e9) { foreach ($d in 1e8, 1e9, 1e10, 1e11) { [pscustomobject]@{ N = $n; D = $d; Loss = 1.7 + 400 * [math]::Pow($n, -0.34) + 410 * [math]::Pow($d, -0.28) } } }
1, 4 | ForEach-Object { Invoke-CommitteeOde -N 64 -L $_ -Alpha 100 -Points 20 } | Export-Csv fig1.csv
1..30 | ForEach-Object { $s = [math]::Pow(10, $_ / 6); foreach ($w in 64, 256) { [pscustomobject]@{ Step = $s; Width = $w; Loss = 0.1 + 5 * [math]::Pow($s, -0.5) * (64 / $w) } } } | Export-Csv runs.csv
$curve | Select-Object @{ n = 'step'; e = { $_.Alpha } }, @{ n = 'loss'; e = { $_.EpsG } } | Export-Csv curve.csv
1..20 | ForEach-Object { $s = [math]::Pow(10, $_ / 5); [pscustomobject]@{ step = $s; loss = [math]::Pow($s, -0.5) * (1 + 0.01 * [math]::Sin($_)) } } | Export-Csv sim.csv
1..40 | ForEach-Object { $s = [math]::Pow(10, $_ / 10); [pscustomobject]@{ step = $s; loss = [math]::Pow($s, -0.5) } } | Export-Csv theory.csv
# A small sweep plan under the help's name, run into the help's result folder (the sweep examples read both).
$null = New-ScalingSweep -Command Invoke-CommitteeSgd -Grid @{ L = 1, 4; K = 2 } -Fixed @{ N = 32; Alpha = 10; Points = 4 } -Derived @{ M = { $_.K } } -Seeds 1..2 -SeedsPerTask 1 -Path plateau.json
$null = Invoke-ScalingSweep plateau.json -OutputPath runs/plateau
'@
}

Describe 'Cmdlet help examples run' {
    It 'lists only examples that exist in $Skipped' {
        $keys = foreach ($c in Get-Command -Module ScalingPS -CommandType Cmdlet) { $n = @((Get-Help $c.Name).examples.example).Count; 1..$n | ForEach-Object { "$($c.Name)#$_" } }
        @($Skipped.Keys | Where-Object { $_ -notin $keys }) | Should -BeNullOrEmpty
        foreach ($k in $Skipped.Keys | Sort-Object) { Write-Host "Help example skipped: $k — $($Skipped[$k])" }
    }

    It '<Key>' -ForEach $HelpExamples {
        $dir = Join-Path $TestDrive ($Key -replace '[^A-Za-z0-9]', '-')
        $null = New-Item -ItemType Directory -Force $dir
        $rs = [runspacefactory]::CreateRunspace($Initial)
        $rs.Open()
        try {
            $rs.SessionStateProxy.Path.SetLocation($dir) | Out-Null
            $setup = [powershell]::Create(); $setup.Runspace = $rs
            $null = $setup.AddScript($Fixtures).Invoke()
            $setup.Streams.Error | Should -BeNullOrEmpty -Because 'the fixtures are made cleanly'
            $setup.Dispose()
            $fixtureFiles = @{}; Get-ChildItem $dir -File | ForEach-Object { $fixtureFiles[$_.Name] = $_.LastWriteTimeUtc }
            $ps = [powershell]::Create(); $ps.Runspace = $rs
            # An example that shows an error on purpose collects it with -ErrorVariable; it must not be a terminating failure.
            $null = $ps.AddScript("`$ProgressPreference = 'SilentlyContinue'`n$Code")
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $handle = $ps.BeginInvoke()
            if (-not $handle.AsyncWaitHandle.WaitOne([timespan]::FromSeconds($TimeoutSeconds))) {
                $ps.Stop()
                throw "The example did not finish within $TimeoutSeconds s: make it smaller, or list it in HelpExamples.Skipped.ps1 with the reason.`n$Code"
            }
            $output = $ps.EndInvoke($handle)
            $errors = @($ps.Streams.Error | Where-Object { $Code -notmatch '-ErrorVariable' })
            if ($ExpectedErrors.ContainsKey($Key)) {
                # An example that shows a refusal: it must be the named error it documents.
                ($errors | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] }) | Should -Contain $ExpectedErrors[$Key]
                return
            }
            $errors | Should -BeNullOrEmpty -Because "the example runs cleanly ($([math]::Round($clock.Elapsed.TotalSeconds, 1)) s):`n$Code`n$(($errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" }) -join "`n")"
            $wrote = @(Get-ChildItem $dir -File | Where-Object { -not $fixtureFiles.ContainsKey($_.Name) -or $fixtureFiles[$_.Name] -ne $_.LastWriteTimeUtc })
            if ($Code -notmatch "-WhatIf" -and -not $MayBeEmpty.ContainsKey($Key)) { ($output.Count + $wrote.Count) | Should -BeGreaterThan 0 -Because "the example shows or writes something:`n$Code" }
            $ps.Dispose()
        }
        finally { $rs.Dispose() }
    }
}
