# New-ScalingSweep, Invoke-ScalingSweep (local), Get-ScalingSweep and Import-ScalingResult: plans are checked against
# the target cmdlet when made, runs give the cmdlet's own numbers, shards read back typed, failures are recorded,
# unusable shards are reported by name and re-run.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    . $PSScriptRoot/SweepHelpers.ps1
    $script:Dir = Join-Path $TestDrive 'sweep'
    $null = New-Item -ItemType Directory $script:Dir
    $script:Plan = Join-Path $script:Dir 'plan.json'
    $script:Sweep = New-ScalingSweep -Command Invoke-CommitteeSgd -Grid @{ L = 1, 4; K = 2, 3 } -Fixed @{ N = 64; Alpha = 50; Points = 12; Eta = 0.5 } `
        -Derived @{ M = { $_.K } } -Seeds 1..4 -SeedsPerTask 2 -Path $script:Plan
    $script:Out = Join-Path $script:Dir 'plan-results'
    $script:Points = @(Invoke-ScalingSweep -Path $script:Plan)
    $script:Rows = @(Import-ScalingResult $script:Out)
}

Describe 'New-ScalingSweep' {
    It 'expands grid x derived x seed chunks into a readable JSON plan' {
        $Sweep.Tasks | Should -Be 8
        $Sweep.Pending | Should -Be 8
        $json = Get-Content $Plan -Raw | ConvertFrom-Json
        $json.format | Should -Be 'ScalingPS.SweepPlan/1'
        $json.kinds.K | Should -Be 'int'
        $json.kinds.Eta | Should -Be 'double'
        $json.definition.derived.M | Should -Be '$_.K'
        foreach ($t in $json.tasks) {
            $t.parameters.M | Should -Be $t.parameters.K -Because 'the derived M = { $_.K } is stored as a value per task'
            $t.parameters.Repeat | Should -Be 2
            $t.parameters.Seed | Should -BeIn 1, 3
        }
        ($json.tasks.id | Sort-Object -Unique).Count | Should -Be 8
    }

    It 'keeps the ids of tasks when the grid is reordered or extended' {
        $a = Join-Path $TestDrive 'a.json'; $b = Join-Path $TestDrive 'b.json'
        $null = New-ScalingSweep Invoke-CommitteeSgd -Grid @{ L = 1, 4; K = 2 } -Fixed @{ N = 64 } -Path $a
        $null = New-ScalingSweep Invoke-CommitteeSgd -Grid ([ordered]@{ K = 2, 3; L = 16, 4, 1 }) -Fixed @{ N = 64.0 } -Path $b
        $idsA = (Get-ScalingSweep $a).Id
        $idsB = (Get-ScalingSweep $b).Id
        $idsA.Count | Should -Be 2
        $idsB.Count | Should -Be 6
        foreach ($id in $idsA) { $idsB | Should -Contain $id }
    }

    It 'refuses an unknown parameter when the plan is made, naming it' {
        { New-ScalingSweep Invoke-CommitteeSgd -Grid @{ Etaa = 0.1, 0.2 } -Fixed @{ N = 64 } -Path (Join-Path $TestDrive 'x.json') } |
            Should -Throw -ErrorId 'InvalidParameter.Etaa,ScalingPS.Commands.NewScalingSweepCommand' -ExpectedMessage '*Etaa*Did you mean*-Eta*'
        Test-Path (Join-Path $TestDrive 'x.json') | Should -BeFalse
    }

    It 'refuses a value the cmdlet cannot take, naming the parameter' {
        { New-ScalingSweep Invoke-CommitteeSgd -Grid @{ K = 2, 'two' } -Fixed @{ N = 64 } -Path (Join-Path $TestDrive 'x.json') } |
            Should -Throw -ErrorId 'InvalidParameter.K,*' -ExpectedMessage '*two*'
        { New-ScalingSweep Invoke-CommitteeSgd -Fixed @{ N = 64; Activation = 'Tanh' } -Path (Join-Path $TestDrive 'x.json') } |
            Should -Throw -ErrorId 'InvalidParameter.Activation,*' -ExpectedMessage '*Tanh*'
    }

    It 'refuses a plan that misses a mandatory parameter, or sets one a plan cannot hold' {
        { New-ScalingSweep Invoke-CommitteeSgd -Grid @{ K = 2, 3 } -Path (Join-Path $TestDrive 'x.json') } | Should -Throw -ErrorId 'InvalidParameter.N,*'
        { New-ScalingSweep Invoke-CommitteeSgd -Fixed @{ Spectrum = 1 } -Path (Join-Path $TestDrive 'x.json') } | Should -Throw -ErrorId 'InvalidParameter.Spectrum,*'
        { New-ScalingSweep Get-CommitteeLinearCurve -Fixed @{ N = 64 } -Seeds 1..3 -Path (Join-Path $TestDrive 'x.json') } | Should -Throw -ErrorId 'InvalidParameter.Seeds,*'
        { New-ScalingSweep Export-ScalingPlot -Path (Join-Path $TestDrive 'x.json') } | Should -Throw -ErrorId 'InvalidParameter.Command,*'
        { New-ScalingSweep Invoke-CommitteeSgd -Grid @{ N = 64 } -Fixed @{ n = 128 } -Path (Join-Path $TestDrive 'x.json') } | Should -Throw -ErrorId 'InvalidParameter.N,*' -ExpectedMessage '*twice*'
    }

    It 'runs the target cmdlet''s own validation attributes when the plan is made' {
        { New-ScalingSweep Get-RandomFeatureCurve -Grid @{ TalbotOrder = 8, 30 } -Fixed @{ A = 1.5; B = 1.25; M = 200; N = 50; P = [double]::PositiveInfinity; Time = 1, 10 } -Path (Join-Path $TestDrive 'x.json') } |
            Should -Throw -ErrorId 'InvalidParameter.TalbotOrder,*' -ExpectedMessage '*30*Get-RandomFeatureCurve*'
    }

    It 'sweeps a deterministic cmdlet over crossed and zipped values with a fixed list, giving its own numbers' {
        $p = Join-Path $TestDrive 'rf.json'
        $sweep = New-ScalingSweep Get-RandomFeatureCurve -Grid @{ N = 50, 100 } -Zip @{ A = 1.5, 2; B = 1.25, 1.5 } -Fixed @{ M = 300; P = [double]::PositiveInfinity; Time = 1, 10, 100 } -Path $p
        $sweep.Tasks | Should -Be 4 -Because '2 widths x 2 zipped (a, b) pairs, not 2 x 2 x 2'
        $o = Join-Path $TestDrive 'rf'
        $null = Invoke-ScalingSweep -Path $p -OutputPath $o
        $rows = @(Import-ScalingResult $o)
        $rows.Count | Should -Be 12
        $direct = @(Get-RandomFeatureCurve -A 2 -B 1.5 -M 300 -N 100 -P ([double]::PositiveInfinity) -Time 1, 10, 100)
        $mine = @($rows | Where-Object { $_.A -eq 2 -and $_.N -eq 100 } | Sort-Object Time)
        $mine.Count | Should -Be 3
        for ($i = 0; $i -lt 3; $i++) { $mine[$i].TestLoss | Should -Be $direct[$i].TestLoss }
    }

    It 'accepts a range written in command mode as -Seeds 1..5' {
        $p = Join-Path $TestDrive 'seeds.json'
        (New-ScalingSweep Invoke-CommitteeSgd -Fixed @{ N = 64 } -Seeds 1..5 -SeedsPerTask 2 -Path $p).Tasks | Should -Be 3
    }
}

Describe 'Invoke-ScalingSweep (local)' {
    It 'streams every point and writes one Parquet shard per task' {
        $Points.Count | Should -Be (8 * 2 * 12) -Because '8 tasks of 2 seeds, 12 points each'
        @(Get-ChildItem $Out -Filter *.parquet).Count | Should -Be 8
        @(Get-ScalingSweep $Plan | Where-Object State -ne 'Done').Count | Should -Be 0
        $Rows.Count | Should -Be $Points.Count
    }

    It 'gives exactly the numbers of calling the cmdlet directly with the task''s parameters' {
        foreach ($task in (Get-Content $Plan -Raw | ConvertFrom-Json -AsHashtable).tasks) {
            $parameters = $task.parameters
            $direct = @(Invoke-CommitteeSgd @parameters)
            $mine = @($Rows | Where-Object TaskId -eq $task.id | Sort-Object Seed, Step)
            $mine.Count | Should -Be $direct.Count
            $direct = @($direct | Sort-Object Seed, Step)
            for ($i = 0; $i -lt $direct.Count; $i++) {
                $mine[$i].EpsG | Should -Be $direct[$i].EpsG
                $mine[$i].Alpha | Should -Be $direct[$i].Alpha
            }
        }
    }

    It 'reads numbers back as numbers and enums as their names' {
        $r = $Rows[0]
        $r.EpsG | Should -BeOfType [double]
        $r.K | Should -BeOfType [int]
        $r.Step | Should -BeOfType [long]
        $r.Activation | Should -BeExactly 'Erf'
        $r.Source | Should -BeExactly 'Simulation'
        $r.TaskId | Should -Match '^[0-9a-f]{16}$'
        $r.Repeat | Should -Be 2 -Because 'swept and fixed parameters the points do not carry are columns too'
    }

    It 'feeds Measure-ScalingLaw -GroupBy and Export-ScalingPlot straight from the store' {
        $fits = @(Import-ScalingResult $Out -Where { $_.Alpha -ge 1 } | Measure-ScalingLaw -X Alpha -Y EpsG -GroupBy L -Form PowerLaw -Bootstrap 0 -ErrorAction Stop)
        $fits.Count | Should -Be 2
        $png = Join-Path $TestDrive 'sweep.png'
        Import-ScalingResult $Out | Where-Object Alpha -gt 0 | Export-ScalingPlot -Path $png -X Alpha -Y EpsG -GroupBy L
        (Get-Item $png).Length | Should -BeGreaterThan 1000
    }

    It 'skips every done task on a re-run' {
        $again = @(Invoke-ScalingSweep -Path $Plan -Verbose 4>&1)
        @($again | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -Be 0
        ($again | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Match 'Nothing to run'
    }

    It 'writes CSV shards that read back with the same numbers, and merges to one Parquet file' {
        $csv = Join-Path $TestDrive 'csv'
        $null = Invoke-ScalingSweep -Path $Plan -OutputPath $csv -Format Csv
        @(Get-ChildItem $csv -Filter *.csv).Count | Should -Be 8
        $back = @(Import-ScalingResult $csv | Sort-Object TaskId, Seed, Step)
        $ref = @($Rows | Sort-Object TaskId, Seed, Step)
        $back.Count | Should -Be $ref.Count
        for ($i = 0; $i -lt $ref.Count; $i += 7) {
            $back[$i].EpsG | Should -Be $ref[$i].EpsG
            $back[$i].EpsG | Should -BeOfType [double]
            $back[$i].Step | Should -BeOfType [long]
        }
        $merged = Import-ScalingResult $Out -Merge (Join-Path $TestDrive 'all.parquet')
        $merged.Name | Should -Be 'all.parquet'
        @(Import-ScalingResult $merged.FullName).Count | Should -Be $Rows.Count
    }

    It '-TaskIndex runs exactly one task' {
        $one = Join-Path $TestDrive 'one'
        $pts = @(Invoke-ScalingSweep -Path $Plan -OutputPath $one -TaskIndex 5)
        $pts.Count | Should -Be 24
        $states = Get-ScalingSweep $Plan -OutputPath $one
        ($states | Where-Object State -eq Done).Index | Should -Be 5
        { Invoke-ScalingSweep -Path $Plan -OutputPath $one -TaskIndex 8 } | Should -Throw -ErrorId 'InvalidParameter.TaskIndex,*'
    }

    It 'records a failing task with its error, goes on with the others, and re-runs it only with -Retry' {
        $p = Join-Path $TestDrive 'diverge.json'
        $null = New-ScalingSweep Invoke-CommitteeSgd -Grid @{ Eta = 0.5, 100 } -Fixed @{ N = 64; Alpha = 20; Points = 5; Activation = 'Linear' } -Path $p
        $o = Join-Path $TestDrive 'diverge'
        $null = Invoke-ScalingSweep -Path $p -OutputPath $o -ErrorVariable failures -ErrorAction SilentlyContinue
        @($failures).Count | Should -Be 1
        @($failures)[0].FullyQualifiedErrorId | Should -BeLike 'SweepTaskFailed,*'
        $states = Get-ScalingSweep $p -OutputPath $o
        @($states | Where-Object State -eq Done).Count | Should -Be 1
        $failed = $states | Where-Object State -eq Failed
        $failed.ErrorId | Should -Be 'Diverged'
        $failed.Error | Should -Match 'seed'
        $null = Invoke-ScalingSweep -Path $p -OutputPath $o -WarningVariable w -WarningAction SilentlyContinue -ErrorAction Stop
        $w | Should -Match '-Retry'
        $null = Invoke-ScalingSweep -Path $p -OutputPath $o -Retry -ErrorVariable again -ErrorAction SilentlyContinue
        @($again).Count | Should -Be 1 -Because '-Retry ran the failed task again (and it diverged again)'
    }

    It 'reports a cut shard and a zero-byte shard by name, treats their tasks as pending, and re-runs only them' {
        $copy = Join-Path $TestDrive 'damaged'
        Copy-Item $Out $copy -Recurse
        $shards = Get-ChildItem $copy -Filter *.parquet | Sort-Object Name
        $cut = $shards[2].FullName; $empty = $shards[5].FullName
        $bytes = [IO.File]::ReadAllBytes($cut)
        [IO.File]::WriteAllBytes($cut, $bytes[0..($bytes.Length / 2)])
        [IO.File]::WriteAllBytes($empty, [byte[]]@())
        $survivors = @(Import-ScalingResult $copy -ErrorVariable bad -ErrorAction SilentlyContinue)
        @($bad).Count | Should -Be 2
        $bad | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'ShardCorrupt,*' }
        ($bad | Where-Object { $_.Exception.Message -like "*$cut*cut short*" }) | Should -Not -BeNullOrEmpty
        ($bad | Where-Object { $_.Exception.Message -like "*$empty*zero bytes*" }) | Should -Not -BeNullOrEmpty
        $survivors.Count | Should -Be ($Rows.Count / 8 * 6) -Because 'a damaged shard is skipped whole, never half-read'
        $pending = @(Get-ScalingSweep $Plan -OutputPath $copy -State Pending)
        $pending.Count | Should -Be 2
        $pending.ErrorId | Sort-Object -Unique | Should -Be 'ShardCorrupt'
        $rerun = @(Invoke-ScalingSweep -Path $Plan -OutputPath $copy -WarningVariable warned -WarningAction SilentlyContinue)
        $rerun.Count | Should -Be 48
        ($warned -join "`n") | Should -Match ([regex]::Escape([IO.Path]::GetFileName($cut)))
        $ref = Get-ShardHashes $Out
        $fixed = Get-ShardHashes $copy
        foreach ($k in $ref.Keys) { $fixed[$k] | Should -Be $ref[$k] }
    }

    It '-Scheduler Slurm -WhatIf prints the array script over the pending tasks without submitting' {
        $p = Join-Path $TestDrive 'whatif.json'
        $null = New-ScalingSweep Invoke-CommitteeSgd -Grid @{ L = 1, 4, 16 } -Fixed @{ N = 64; Alpha = 2 } -Path $p
        $o = Join-Path $TestDrive 'whatif'
        $null = Invoke-ScalingSweep -Path $p -OutputPath $o -TaskIndex 1
        $text = (Invoke-ScalingSweep -Path $p -OutputPath $o -Scheduler Slurm -MaxConcurrent 4 -CpusPerTask 2 -MemoryGB 2 -TimeLimit 00:30:00 -Partition debug -WhatIf 6>&1 | Out-String)
        $text | Should -Match '#SBATCH --array=0,2%4'
        $text | Should -Match '#SBATCH --cpus-per-task=2'
        $text | Should -Match '#SBATCH --mem=2048M'
        $text | Should -Match '#SBATCH --time=00:30:00'
        $text | Should -Match '#SBATCH --partition=debug'
        $text | Should -Match ([regex]::Escape("-File '"))
        $text | Should -Match 'SLURM_ARRAY_TASK_ID'
        $text | Should -Match ([regex]::Escape("Import-Module '$((Get-Module ScalingPS).ModuleBase)"))
        Test-Path (Join-Path $o 'slurm') | Should -BeFalse -Because '-WhatIf writes nothing and submits nothing'
    }

    It 'says plainly when Slurm is not installed' {
        $saved = $env:PATH
        try {
            $env:PATH = '/nonexistent'
            { Invoke-ScalingSweep -Path $Plan -OutputPath (Join-Path $TestDrive 'noslurm') -Scheduler Slurm } |
                Should -Throw -ErrorId 'SlurmNotFound,*' -ExpectedMessage '*sbatch*not on PATH*'
        }
        finally { $env:PATH = $saved }
    }

    It 'refuses bad Slurm and run settings with named errors' {
        { Invoke-ScalingSweep -Path $Plan -Scheduler Slurm -TimeLimit 'soon' -WhatIf } | Should -Throw -ErrorId 'InvalidParameter.TimeLimit,*'
        { Invoke-ScalingSweep -Path $Plan -Scheduler Slurm -MemoryGB ([double]::NaN) -WhatIf } | Should -Throw -ErrorId 'InvalidParameter.MemoryGB,*'
        { Invoke-ScalingSweep -Path $Plan -Scheduler Slurm -CpusPerTask 0 -WhatIf } | Should -Throw -ErrorId 'InvalidParameter.CpusPerTask,*'
        { Invoke-ScalingSweep -Path $Plan -ThrottleLimit ([int]::MaxValue) } | Should -Throw -ErrorId 'InvalidParameter.ThrottleLimit,*'
        { Invoke-ScalingSweep -Path (Join-Path $TestDrive 'none.json') } | Should -Throw -ErrorId 'SweepPlanUnreadable,*'
        Set-Content (Join-Path $TestDrive 'bad.json') '{"format": "something else"}'
        { Get-ScalingSweep (Join-Path $TestDrive 'bad.json') } | Should -Throw -ErrorId 'SweepPlanInvalid,*'
    }

    It 'keeps the busy threads within the cores and shows one progress bar across the sweep' {
        # 8 tasks of about 0.2-0.5 s each on an idle machine: long enough to outlast the half second before a first report.
        $p = Join-Path $TestDrive 'progress.json'
        $null = New-ScalingSweep Invoke-CommitteeSgd -Grid @{ L = 1, 2, 4, 8; K = 2, 3 } -Fixed @{ N = 512; Alpha = 800; Points = 8 } -Path $p
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$ModulePath'; Invoke-ScalingSweep -Path '$p' -OutputPath '$(Join-Path $TestDrive 'progress')' -Verbose | Out-Null")
            $null = $ps.Invoke()
            $plan = @($ps.Streams.Verbose.Message | Where-Object { $_ -match 'worker' })[0]
            $plan | Should -Match '(\d+) worker\(s\) × (\d+) engine thread\(s\) \((\d+) cores\)'
            [int]$Matches[1] * [int]$Matches[2] | Should -BeLessOrEqual ([int]$Matches[3])
            $records = @($ps.Streams.Progress | Where-Object RecordType -eq 'Processing')
            $records.Count | Should -BeGreaterThan 0
            @($ps.Streams.Progress.ActivityId | Sort-Object -Unique).Count | Should -Be 1 -Because 'one bar for the whole sweep, not one per task'
            $records[-1].StatusDescription | Should -Match '^\d+/8 tasks, \d+ points written'
            $records[-1].Activity | Should -BeLike 'Sweep * (Invoke-CommitteeSgd)'
        }
        finally { $ps.Dispose() }
        # The DMFT theory runs its times on every core, so its tasks run one at a time.
        $rf = Join-Path $TestDrive 'rf-threads.json'
        $null = New-ScalingSweep Get-RandomFeatureCurve -Grid @{ N = 50, 100 } -Fixed @{ A = 1.5; B = 1.25; M = 100; Time = 1 } -Path $rf
        $v = Invoke-ScalingSweep -Path $rf -OutputPath (Join-Path $TestDrive 'rf-threads') -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($v.Message -join "`n") | Should -Match ('1 worker\(s\) × {0} engine thread\(s\)' -f [Environment]::ProcessorCount)
    }
}
