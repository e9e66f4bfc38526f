# The shards read correctly outside .NET: hyparquet (JavaScript, installed by npm ci from tests/node) reads the same
# column names, Parquet types and values as Import-ScalingResult. Without npm this prints one line and runs nothing.
BeforeDiscovery {
    $script:HaveNpm = [bool](Get-Command npm -ErrorAction Ignore) -and [bool](Get-Command node -ErrorAction Ignore)
    if (-not $script:HaveNpm) { Write-Host 'SweepNodeReader: NOT RUN (not passed): npm/node are not installed, so the independent Parquet reader cannot be installed.' }
}

# Defined only where it can run: Pester's -Skip would count as skipped, which the build counts as failed.
if ($HaveNpm) {
Describe 'Shards read by hyparquet (Node)' {
    BeforeAll {
        . $PSScriptRoot/TestSetup.ps1
        $nodeDir = Join-Path $RepoRoot 'tests/node'
        if (-not (Test-Path (Join-Path $nodeDir 'node_modules/hyparquet'))) {
            Push-Location $nodeDir
            try { & npm ci --no-audit --no-fund --loglevel=error | Out-Host; if ($LASTEXITCODE) { throw "npm ci failed ($LASTEXITCODE)" } }
            finally { Pop-Location }
        }
        $plan = Join-Path $TestDrive 'node.json'
        # A switch parameter gives a BOOLEAN column; Step is INT64; enums are strings.
        $null = New-ScalingSweep Invoke-CommitteeSgd -Grid @{ L = 1, 4 } -Fixed @{ N = 64; Alpha = 5; Points = 6; OrthonormalTeacher = $true } -Seeds 3 -Path $plan
        $script:Out = Join-Path $TestDrive 'node-results'
        $null = Invoke-ScalingSweep -Path $plan -OutputPath $script:Out
        $script:Shard = (Get-ChildItem $script:Out -Filter *.parquet | Select-Object -First 1).FullName
        $script:Js = & node (Join-Path $nodeDir 'read-shard.mjs') $script:Shard | ConvertFrom-Json -AsHashtable
        $script:Net = @(Import-ScalingResult $script:Shard)
    }

    It 'sees the same columns with the right Parquet types' {
        $names = @($Js.columns | ForEach-Object { $_.name })
        $names | Should -Be @($Net[0].PSObject.Properties.Name)
        $types = @{}; foreach ($c in $Js.columns) { $types[$c.name] = "$($c.type)/$($c.logical)" }
        $types.EpsG | Should -Be 'DOUBLE/'
        $types.Alpha | Should -Be 'DOUBLE/'
        $types.K | Should -Be 'INT32/INTEGER'
        $types.Step | Should -Be 'INT64/INTEGER'
        $types.OrthonormalTeacher | Should -Be 'BOOLEAN/'
        $types.Activation | Should -Be 'BYTE_ARRAY/STRING'
        $types.TaskId | Should -Be 'BYTE_ARRAY/STRING'
    }

    It 'reads the same values, row by row' {
        $Js.rows.Count | Should -Be $Net.Count
        for ($i = 0; $i -lt $Net.Count; $i++) {
            $j = $Js.rows[$i]; $n = $Net[$i]
            $j.EpsG | Should -Be $n.EpsG
            $j.Alpha | Should -Be $n.Alpha
            [long]$j.Step.int64 | Should -Be $n.Step
            $j.K | Should -Be $n.K
            $j.Activation | Should -BeExactly $n.Activation
            $j.OrthonormalTeacher | Should -BeTrue
            $j.TaskId | Should -Be $n.TaskId
            # NaN (e.g. the standard error of one seed) survives the trip; null where a row has no value.
            if ($null -eq $n.StdErr) { $j.StdErr | Should -BeNullOrEmpty }
            elseif ([double]::IsNaN($n.StdErr)) { $j.StdErr.double | Should -Be 'NaN' }
            else { $j.StdErr | Should -Be $n.StdErr }
        }
    }

    It 'sees the shard''s metadata: plan id, task id, module version and exact parameters' {
        $Js.metadata.'scalingps.task_id' | Should -Be $Net[0].TaskId
        $Js.metadata.'scalingps.command' | Should -Be 'Invoke-CommitteeSgd'
        $Js.metadata.'scalingps.module_version' | Should -Not -BeNullOrEmpty
        $parameters = $Js.metadata.'scalingps.parameters' | ConvertFrom-Json
        $parameters.N | Should -Be 64
        $parameters.Seed | Should -Be 3
    }
}
}
