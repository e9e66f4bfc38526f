# The module's contract, fuzzed: every numeric parameter of every exported cmdlet, set one at a time to NaN,
# ±∞, 0, −1, 1e300 and its type's extremes, must end within seconds in either a clean result (no NaN or ∞ in
# any numeric property) or a named error — never a raw .NET exception, a hang or an out-of-memory.
#
# Table-driven: $Bases holds one small, fast, valid invocation per cmdlet (a few for cmdlets whose parameter
# sets need different mandatory parameters). A cmdlet exported without an entry fails the coverage test, so
# cmdlets added later are covered as soon as they are merged.
#
# Calls run on a few reused runspaces (the module is imported once per runspace); a call that outlives
# $TimeoutSeconds is stopped through PowerShell.Stop() (the cmdlets' Ctrl+C path) and counted as a hang.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $TimeoutSeconds = 15
    $Workers = 2

    # Pipeline inputs shared by the base invocations, made once in each runspace.
    $inputScript = @'
$Spec = New-PowerLawSpectrum -N 64 -L 8 -Beta 1
$RfSpec = New-PowerLawSpectrum -M 200 -A 1.5 -B 1.25
$Law = 1..12 | ForEach-Object { $x = [math]::Pow(10, $_ / 4); [pscustomobject]@{ X = $x; Y = 2 * [math]::Pow($x, -0.5) * (1 + 0.01 * [math]::Sin($_)) } }
$Curve = Invoke-CommitteeOde -N 64 -L 8 -Alpha 300 -Points 40
$RfGrid = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 300 -N 10, 20, 40, 80 -Time 1, 3, 10, 30, 100, 300, 1000
$PlotDir = Join-Path ([IO.Path]::GetTempPath()) "scalingps-contract-$PID"
$null = New-Item -ItemType Directory -Force $PlotDir
# A small data matrix (200 rows x 12 features, variances k^-1.5) and labels for the real-data cmdlets.
$FmPath = Join-Path $PlotDir 'fm.npy'
$rng = [Random]::new(3); $vals = [double[]]::new(200 * 12)
for ($i = 0; $i -lt $vals.Length; $i++) { $vals[$i] = ($rng.NextDouble() - 0.5) * [math]::Pow($i % 12 + 1, -0.75) }
$null = Export-FeatureMatrix -Value $vals -Shape 200, 12 -Path $FmPath
$Fm = Import-FeatureMatrix $FmPath
$FmY = [double[]]@(for ($r = 0; $r -lt 200; $r++) { $vals[$r * 12] - $vals[$r * 12 + 1] })
# Load the plotting library once here, so that its cold start (seconds on a loaded machine) is not charged to a call.
$Law | Export-ScalingPlot -Path (Join-Path $PlotDir 'warm.png') -X X -Y Y -Width 100 -Height 80
# A small sweep plan, and a result folder where it has run (for Get-ScalingSweep and Import-ScalingResult).
$SweepGrid = @{ L = 1, 4 }
$SweepFixed = @{ N = 16; Alpha = 1; Points = 3 }
$SweepPlan = Join-Path $PlotDir 'sweep.json'
$SweepDone = Join-Path $PlotDir 'sweep-done'
$null = New-ScalingSweep Invoke-CommitteeSgd -Grid $SweepGrid -Fixed $SweepFixed -Seeds 1, 2 -SeedsPerTask 2 -Path $SweepPlan
$null = Invoke-ScalingSweep -Path $SweepPlan -OutputPath $SweepDone
'@

    # One entry per base invocation: Cmdlet, Params (the splat), and optionally Input (an expression piped in).
    $Bases = @(
        @{ Cmdlet = 'Compare-ScalingCurve'; Input = '$Law'; Params = @{ Reference = '$Law'; X = 'X'; Y = 'Y'; RelativeTolerance = 0.01 } }
        @{ Cmdlet = 'Export-FeatureMatrix'; Params = @{ Value = @(1.5, 2.5); Shape = @(1, 2); Path = '$PlotDir/fm2.npy' } }
        @{ Cmdlet = 'Export-FeatureMatrix'; Input = '$Fm'; Params = @{ Path = '$PlotDir/fm3.npy' } }
        @{ Cmdlet = 'Get-FeatureSpectrum'; Input = '$Fm'; Params = @{ Rank = @(1, 10); Groups = 5; Confidence = 0.9; MaxSlopeChange = 5; Labels = '$FmY' } }
        @{ Cmdlet = 'Import-FeatureMatrix'; Params = @{ Path = '$FmPath'; Rows = @(0, 1, 2); Columns = @(0, 1) } }
        @{ Cmdlet = 'Export-ScalingPlot'; Input = '$Law'; Params = @{ Path = '$PlotDir/c.png'; X = 'X'; Y = 'Y'; Width = 200; Height = 150; Scale = 1 } }
        @{ Cmdlet = 'Export-ScalingPlot'; Input = '$Law'; Params = @{ Path = '$PlotDir/d.png'; X = 'X'; Y = 'Y'; Dpi = 96 } }
        @{ Cmdlet = 'Find-ComputeOptimal'; Input = '$RfGrid'; Params = @{ Size = 'N'; Time = 'Time'; Loss = 'TestLoss'; Bootstrap = 0 } }
        @{ Cmdlet = 'Find-ComputeOptimal'; Params = @{ LossFunction = '{ param($N, $t) [math]::Pow($t, -0.4) + [math]::Pow($N, -0.5) }'; SizeRange = @(10, 1000); TimeRange = @(10, 10000); SizesPerDecade = 4; TimesPerDecade = 4 } }
        @{ Cmdlet = 'Get-ScalingSweep'; Params = @{ Path = '$SweepPlan'; OutputPath = '$SweepDone' } }
        @{ Cmdlet = 'Import-ScalingResult'; Params = @{ Path = '$SweepDone' } }
        # Each call runs into a folder of its own, so every base call has tasks to run.
        @{ Cmdlet = 'Invoke-ScalingSweep'; Params = @{ Path = '$SweepPlan'; OutputPath = '$(Join-Path $PlotDir ([guid]::NewGuid()))'; TaskIndex = 1 } }
        # The Slurm settings are checked before anything is submitted; -WhatIf submits nothing (and writes no object).
        @{ Cmdlet = 'Invoke-ScalingSweep'; Params = @{ Path = '$SweepPlan'; OutputPath = '$(Join-Path $PlotDir ([guid]::NewGuid()))'; Scheduler = 'Slurm'; CpusPerTask = 1; MaxConcurrent = 2; MemoryGB = 1; WhatIf = $true } }
        @{ Cmdlet = 'New-ScalingSweep'; Params = @{ Command = 'Invoke-CommitteeSgd'; Grid = '$SweepGrid'; Fixed = '$SweepFixed'; Seeds = @(1, 2, 3); SeedsPerTask = 2; Path = '$(Join-Path $PlotDir "$([guid]::NewGuid()).json")' } }
        @{ Cmdlet = 'Get-CommitteeLinearCurve'; Params = @{ L = 16; N = 32; Alpha = @(1, 10, 100) } }
        @{ Cmdlet = 'Get-CommitteePlateau'; Params = @{ N = 64; L = 4 } }
        @{ Cmdlet = 'Get-RandomFeatureCurve'; Params = @{ A = 1.5; B = 1.25; M = 200; N = @(20); P = @(40); Time = @(1, 10) } }
        @{ Cmdlet = 'Get-RandomFeatureCurve'; Params = @{ A = 1.5; B = 1.25; M = 200; N = @(10, 20, 40); Time = @(1, 10, 100); Compute = $true; TalbotOrder = 24 } }
        @{ Cmdlet = 'Get-RandomFeatureExponent'; Params = @{ A = 1.5; B = 1.25 } }
        @{ Cmdlet = 'Invoke-CommitteeOde'; Params = @{ N = 64; L = 8; Alpha = 10; AlphaMin = 0.1; Points = 5 } }
        @{ Cmdlet = 'Invoke-CommitteeSgd'; Params = @{ N = 64; L = 8; Alpha = 2; AlphaMin = 0.1; Points = 4; Repeat = 2; ThrottleLimit = 1 } }
        @{ Cmdlet = 'Invoke-CommitteeSgd'; Params = @{ N = 64; L = 8; Alpha = 2; AlphaMin = 0.1; Points = 4; Repeat = 2; ThrottleLimit = 1; Generator = 'Wallace' } }
        @{ Cmdlet = 'Invoke-RandomFeatureTraining'; Params = @{ A = 1.5; B = 1.25; M = 100; N = @(20); P = @(20); Time = @(1, 10); Repeat = 2; InitScale = 0; Eta = 0.5; Momentum = 0; BatchSize = 10 } }
        # The real-data sets come after the Gaussian bases, so that shared parameters are fuzzed on those first.
        @{ Cmdlet = 'Invoke-CommitteeSgd'; Params = @{ Data = '$Fm'; K = 1; M = 1; Alpha = 2; AlphaMin = 0.1; Points = 3; Repeat = 2; HoldOut = 0.2; Epochs = 0 } }
        @{ Cmdlet = 'Invoke-RandomFeatureTraining'; Params = @{ Data = '$Fm'; Labels = '$FmY'; N = @(5); P = @(50); Time = @(1, 10); Repeat = 2; HoldOut = 0.2 } }
        @{ Cmdlet = 'Measure-Plateau'; Input = '$Curve'; Params = @{ X = 'Alpha'; Y = 'EpsG' } }
        @{ Cmdlet = 'Measure-ScalingLaw'; Input = '$Law'; Params = @{ X = 'X'; Y = 'Y'; Bootstrap = 20; Seed = 1 } }
        @{ Cmdlet = 'New-PowerLawSpectrum'; Params = @{ N = 64; L = 8; Beta = 1 } }
        @{ Cmdlet = 'New-PowerLawSpectrum'; Params = @{ M = 100; A = 1.5; B = 1.25 } }
        @{ Cmdlet = 'New-PowerLawSpectrum'; Params = @{ Eigenvalue = @(1, 0.5); Multiplicity = @(2, 3); TargetPower = @(1, 0.5) } }
        @{ Cmdlet = 'Show-ScalingPlot'; Input = '$Law'; Params = @{ X = 'X'; Y = 'Y'; Width = 60; Height = 20 } }
    )

    # Parameters a base sets that are not the fuzzed one are written as PowerShell literals into the call.
    function ConvertTo-Literal($value) {
        if ($value -is [bool]) { return $(if ($value) { '$true' } else { '$false' }) }
        if ($value -is [string]) { if ($value -match '^[\$\{]') { return $value } else { return "'$value'" } }
        if ($value -is [array]) { return '@(' + (($value | ForEach-Object { ConvertTo-Literal $_ }) -join ', ') + ')' }
        if ($value -is [double]) {
            if ([double]::IsNaN($value)) { return '([double]::NaN)' }
            if ([double]::IsPositiveInfinity($value)) { return '([double]::PositiveInfinity)' }
            if ([double]::IsNegativeInfinity($value)) { return '([double]::NegativeInfinity)' }
            return '(' + $value.ToString('R', [cultureinfo]::InvariantCulture) + ')'
        }
        return '(' + [string]::Format([cultureinfo]::InvariantCulture, '{0}', $value) + ')'
    }

    function Get-CallScript([hashtable] $base, [string] $name, $value) {
        $parts = foreach ($k in $base.Params.Keys | Sort-Object) {
            $v = if ($k -eq $name) { $value } else { $base.Params[$k] }
            if ($v -is [bool] -and $v) { "-$k" } else { "-${k}:$(ConvertTo-Literal $v)" }
        }
        if ($name -and -not $base.Params.ContainsKey($name)) { $parts += "-${name}:$(ConvertTo-Literal $value)" }
        $call = "$($base.Cmdlet) $($parts -join ' ')"
        if ($base.ContainsKey('Input')) { $call = "$($base.Input) | $call" }
        $call
    }

    $numericTypes = [int], [long], [double], [float], [int[]], [long[]], [double[]]
    $doubleValues = [double]::NaN, [double]::PositiveInfinity, [double]::NegativeInfinity, 0.0, -1.0, 1e300, [double]::MaxValue, [double]::MinValue
    $intValues = 0, -1, [int]::MaxValue, [int]::MinValue, [double]::NaN, [double]::PositiveInfinity, 1e300

    $commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $commands = @(Get-Command -Module ScalingPS -CommandType Cmdlet)
    $Missing = @($commands | Where-Object { $_.Name -notin $Bases.Cmdlet } | ForEach-Object Name)

    # The calls: for each numeric parameter, the first base whose parameter set also holds it.
    $Calls = [System.Collections.Generic.List[object]]::new()
    foreach ($base in $Bases) { $Calls.Add([pscustomobject]@{ Cmdlet = $base.Cmdlet; Parameter = ''; Value = 'base'; Script = (Get-CallScript $base '' $null); IsBase = $true }) }
    foreach ($cmd in $commands) {
        $mine = @($Bases | Where-Object Cmdlet -EQ $cmd.Name)
        $done = @{}
        foreach ($base in $mine) {
            $sets = @($cmd.ParameterSets | Where-Object {
                    $names = $_.Parameters.Name
                    @($base.Params.Keys | Where-Object { $_ -notin $names }).Count -eq 0 })
            foreach ($set in $sets) {
                foreach ($p in $set.Parameters) {
                    if ($done.ContainsKey($p.Name) -or $p.ParameterType -notin $numericTypes -or $p.Name -in $commonParameters) { continue }
                    $done[$p.Name] = $true
                    $isInt = $p.ParameterType -in [int], [long], [int[]], [long[]]
                    $values = if ($isInt) { $intValues } else { $doubleValues }
                    if ($p.ParameterType -eq [long]) { $values = $values + [long]::MaxValue, [long]::MinValue }
                    foreach ($v in $values) {
                        $arg = $v
                        if ($p.ParameterType.IsArray) {
                            # Replace the last element of the base's list (or give a one-element list).
                            $list = @($base.Params[$p.Name])
                            $arg = if ($base.Params.ContainsKey($p.Name) -and $list.Count -gt 1) { , @($list[0..($list.Count - 2)] + $v) } else { , @($v) }
                        }
                        $Calls.Add([pscustomobject]@{ Cmdlet = $cmd.Name; Parameter = $p.Name; Value = $v; Script = (Get-CallScript $base $p.Name $arg); IsBase = $false })
                    }
                }
            }
        }
    }

    # The module's named error ids: every Errors.cs constant, InvalidParameter.<Name>, FitRefused.<Reason>,
    # NotNumeric, and PowerShell's own parameter-binding ids (they name the parameter and the rule broken).
    $bindingIds = 'ParameterArgumentValidationError', 'ParameterArgumentTransformationError', 'CannotConvertArgumentNoMessage',
    'CannotConvertArgument', 'ParameterBindingFailed', 'InputObjectNotBound'
    $errorsFile = Get-Content (Join-Path $RepoRoot 'src/ScalingPS/Infrastructure/Errors.cs') -Raw
    $moduleIds = [regex]::Matches($errorsFile, 'const string \w+ = "([^"]+)"') | ForEach-Object { $_.Groups[1].Value }
    function Get-Outcome($errorRecord) {
        $id = ($errorRecord.FullyQualifiedErrorId -split ',')[0]
        if ($id -in $bindingIds) { return 'binding' }
        if ($id -match '^(InvalidParameter|FitRefused|ComparisonRefused)\.\w+$' -or $id -in $moduleIds) { return 'named' }
        return 'raw'
    }

    function Test-Clean($obj, [hashtable] $infiniteOk) {
        foreach ($prop in $obj.PSObject.Properties) {
            if ($prop.MemberType -notin 'Property', 'NoteProperty') { continue }
            $v = try { $prop.Value } catch { $null }
            foreach ($x in @($v)) {
                if ($x -is [double] -or $x -is [float]) {
                    # "Not applicable" is null in every record, the analysis ones included: a NaN is a defect.
                    if ([double]::IsNaN($x)) { return "$($prop.Name) = NaN" }
                    if ([double]::IsInfinity($x) -and -not $infiniteOk.ContainsKey($prop.Name)) { return "$($prop.Name) = $x" }
                }
            }
        }
        $null
    }

    # Run every call on $Workers runspaces; each call gets $TimeoutSeconds.
    $initial = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
    $initial.ImportPSModule($ModulePath)
    function New-Worker {
        $rs = [runspacefactory]::CreateRunspace($initial)
        $rs.Open()
        $ps = [powershell]::Create(); $ps.Runspace = $rs
        $null = $ps.AddScript($inputScript).Invoke(); $ps.Dispose()
        [pscustomobject]@{ Runspace = $rs; Shell = $null; Handle = $null; Call = $null; Clock = $null; Output = $null }
    }
    $pool = @(1..$Workers | ForEach-Object { New-Worker })
    $Results = [System.Collections.Generic.List[object]]::new()
    $queue = [System.Collections.Generic.Queue[object]]::new($Calls)
    $wall = [Diagnostics.Stopwatch]::StartNew()

    function Complete-Call($w, [bool] $hung) {
        $call = $w.Call
        $outcome = $null; $detail = ''
        if ($hung) { $outcome = 'hang'; $detail = "no answer within $TimeoutSeconds s" }
        else {
            $errs = @($w.Shell.Streams.Error)
            $failure = $null
            try { $null = $w.Shell.EndInvoke($w.Handle) }
            catch { $failure = $_.Exception }
            $records = @($errs)
            if ($failure) {
                $inner = $failure; while ($inner.InnerException -and -not ($inner -is [System.Management.Automation.IContainsErrorRecord])) { $inner = $inner.InnerException }
                if ($inner -is [System.Management.Automation.IContainsErrorRecord]) { $records += $inner.ErrorRecord }
                else { $outcome = 'raw'; $detail = "$($failure.GetType().Name): $($failure.Message)" }
            }
            if (-not $outcome) {
                foreach ($r in $records) {
                    $o = Get-Outcome $r
                    if ($o -eq 'raw') { $outcome = 'raw'; $detail = "$($r.FullyQualifiedErrorId): $($r.Exception.Message)"; break }
                }
            }
            if (-not $outcome) {
                # N = P = Infinity is the random-feature models' documented limit (the default P of the theory).
                $infiniteOk = @{ N = $true; P = $true }
                # Infinity asked for (N = P = Infinity is the random-feature limit; Time = Infinity the static one)
                # may come back in that property and in Compute = N·Time.
                if ($call.Value -is [double] -and [double]::IsInfinity($call.Value)) { $infiniteOk[$call.Parameter] = $true; $infiniteOk['Compute'] = $true }
                foreach ($o in $w.Output) {
                    $bad = Test-Clean $o $infiniteOk
                    if ($bad) { $outcome = 'nan'; $detail = "$($o.GetType().Name): $bad"; break }
                }
            }
            if (-not $outcome) {
                if ($records.Count -gt 0) {
                    $outcome = Get-Outcome $records[0]
                    $detail = ($records[0].FullyQualifiedErrorId -split ',')[0]
                }
                else { $outcome = 'result' }
            }
            if ($outcome -eq 'result' -and $w.Output.Count -eq 0 -and $call.IsBase -and $call.Cmdlet -notin 'Export-ScalingPlot', 'Show-ScalingPlot' -and $call.Script -notmatch '-WhatIf\b') {
                $outcome = 'empty'; $detail = 'the base invocation wrote nothing'
            }
        }
        $Results.Add([pscustomobject]@{ Cmdlet = $call.Cmdlet; Parameter = $call.Parameter; Value = $call.Value; Outcome = $outcome; Detail = $detail
                Seconds = [math]::Round($w.Clock.Elapsed.TotalSeconds, 2); Script = $call.Script; IsBase = $call.IsBase })
        $w.Shell.Dispose()
        $w.Shell = $null; $w.Call = $null
    }

    while ($queue.Count -gt 0 -or @($pool | Where-Object Call).Count -gt 0) {
        for ($i = 0; $i -lt $pool.Count; $i++) {
            $w = $pool[$i]
            if ($w.Call) {
                if ($w.Handle.IsCompleted) { Complete-Call $w $false }
                elseif ($w.Clock.Elapsed.TotalSeconds -gt $TimeoutSeconds) {
                    $stop = $w.Shell.BeginStop($null, $null)
                    if ($stop.AsyncWaitHandle.WaitOne(5000)) { Complete-Call $w $true }
                    else {
                        # It did not even stop: record it and give up on this runspace.
                        $Results.Add([pscustomobject]@{ Cmdlet = $w.Call.Cmdlet; Parameter = $w.Call.Parameter; Value = $w.Call.Value; Outcome = 'hang'
                                Detail = 'did not stop'; Seconds = $w.Clock.Elapsed.TotalSeconds; Script = $w.Call.Script; IsBase = $w.Call.IsBase })
                        $pool[$i] = New-Worker
                        continue
                    }
                }
            }
            if (-not $pool[$i].Call -and $queue.Count -gt 0) {
                $w = $pool[$i]
                $w.Call = $queue.Dequeue()
                $w.Shell = [powershell]::Create(); $w.Shell.Runspace = $w.Runspace
                $null = $w.Shell.AddScript($w.Call.Script)
                $w.Output = [System.Management.Automation.PSDataCollection[psobject]]::new()
                $w.Clock = [Diagnostics.Stopwatch]::StartNew()
                $w.Handle = $w.Shell.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $w.Output)
            }
        }
        Start-Sleep -Milliseconds 5
    }
    foreach ($w in $pool) { if ($w.Runspace.RunspaceAvailability -eq 'Available') { $w.Runspace.Dispose() } }

    if ($env:SCALINGPS_CONTRACT_CSV) { $Results | Export-Csv $env:SCALINGPS_CONTRACT_CSV }
    $counts = $Results | Group-Object Outcome | ForEach-Object { "$($_.Name) $($_.Count)" }
    Write-Host ("Contract: {0} calls on {1} cmdlets in {2:N0} s; outcomes: {3}" -f $Results.Count, $commands.Count, $wall.Elapsed.TotalSeconds, ($counts -join ', '))
    $slow = $Results | Sort-Object Seconds -Descending | Select-Object -First 3
    Write-Host ("Contract: slowest calls: " + (($slow | ForEach-Object { "$($_.Cmdlet) -$($_.Parameter) $($_.Value) $($_.Seconds) s" }) -join '; '))

    function Format-Failures($rows) {
        ($rows | ForEach-Object { "`n  $($_.Cmdlet) -$($_.Parameter) $($_.Value) → $($_.Outcome): $($_.Detail)`n    $($_.Script)" }) -join ''
    }
}

AfterAll { Remove-Item (Join-Path ([IO.Path]::GetTempPath()) "scalingps-contract-$PID") -Recurse -Force -ErrorAction SilentlyContinue }

Describe 'The cmdlet contract (every numeric parameter fuzzed)' {
    It 'has a base invocation for every exported cmdlet' {
        $Missing | Should -BeNullOrEmpty -Because "every exported cmdlet needs an entry in `$Bases of tests/pester/Contract.Tests.ps1 (a small, fast, valid invocation); missing: $($Missing -join ', ')"
    }

    It 'runs every base invocation to a clean result' {
        $bad = @($Results | Where-Object { $_.IsBase -and $_.Outcome -ne 'result' })
        $bad | Should -BeNullOrEmpty -Because (Format-Failures $bad)
    }

    It 'never lets a raw .NET exception out' {
        $bad = @($Results | Where-Object Outcome -EQ 'raw')
        $bad | Should -BeNullOrEmpty -Because (Format-Failures $bad)
    }

    It 'never hangs' {
        $bad = @($Results | Where-Object Outcome -EQ 'hang')
        $bad | Should -BeNullOrEmpty -Because (Format-Failures $bad)
    }

    It 'never writes NaN or infinity in a result' {
        $bad = @($Results | Where-Object Outcome -EQ 'nan')
        $bad | Should -BeNullOrEmpty -Because (Format-Failures $bad)
    }

    It 'tried a meaningful number of calls' {
        $Results.Count | Should -BeGreaterThan (10 * $Bases.Count)
    }
}
