@{
    Synopsis    = 'Makes a sweep plan: a crossed grid of parameters of a model cmdlet, expanded into tasks with stable ids, checked against the cmdlet and written as readable JSON.'
    Description = @'
A sweep is one object for a whole study: every combination of the -Grid values (crossed), walked together with the
-Zip lists (all the same length, crossed with the grid), with the -Fixed values, the -Derived parameters and the
seeds cut into chunks of -SeedsPerTask consecutive seeds. Each combination is a task: one call of the model cmdlet.

Every parameter name and value is checked against the target cmdlet when the plan is made, not hours later on a
node: names must be the cmdlet's parameters, values must convert to their types (enums by name) and pass the
cmdlet's validation attributes, and one of its parameter sets must be complete (e.g. -N for the power-law
spectrum). A refusal is an InvalidParameter.<Name> error naming the parameter.

Derived parameters are script blocks evaluated once per task with $_ holding the task's other parameters
(M = { $_.K }); their values, not the script, are what the task stores. Seeds set -Seed (and -Repeat, for
cmdlets that run several seeds per call) of each task.

Each task's id is a hash of the command and its parameters only, so reordering or extending the grid keeps the
ids (and so the finished results) of the tasks that already ran. The plan lists the definition, the type of
every parameter and every task; it is written whole (temporary file, then rename). Run it with
Invoke-ScalingSweep; Get-ScalingSweep shows each task's state.
'@
    Parameters  = @{
        Command      = 'The model cmdlet each task calls: Invoke-CommitteeSgd, Invoke-CommitteeOde, Get-CommitteeLinearCurve, Get-CommitteePlateau, Invoke-RandomFeatureTraining, Get-RandomFeatureCurve or Get-RandomFeatureExponent.'
        Grid         = 'A hashtable of parameter name -> list of values; all lists are crossed. Use [ordered]@{...} to choose which parameter varies slowest (otherwise names are sorted). For a list-typed parameter (e.g. -N or -Time of Get-RandomFeatureCurve) each value of a flat list is one task (N = 50, 100 gives two tasks); a list of lists sweeps whole lists: @{ Time = @(1, 10), @(100, 1000) }.'
        Zip          = 'A hashtable of parameter name -> list of values walked together (the i-th values form one combination); all lists must have the same length. The zipped combinations are crossed with the grid.'
        Fixed        = 'A hashtable of parameter name -> one value set on every task; for a list-typed parameter such as -Time the whole list is that value.'
        Derived      = 'A hashtable of parameter name -> script block evaluated once per task with $_ holding the task''s grid, zip and fixed values, e.g. @{ M = { $_.K } }. The value is checked like any other and stored in the plan.'
        Seeds        = 'Seeds to run, e.g. 1..50 (written either way in command mode). Consecutive seeds are grouped into tasks of at most -SeedsPerTask; each task gets -Seed (its first seed) and, for cmdlets that have it, -Repeat (how many). Refused for deterministic cmdlets (no -Seed).'
        SeedsPerTask = 'How many consecutive seeds one task runs (1 to 1,000,000; default 1). More seeds per task means fewer, longer tasks.'
        Path         = 'Where to write the plan (JSON). Default: sweep-<noun>.json in the current folder.'
        OutputPath   = 'The result folder Invoke-ScalingSweep and Get-ScalingSweep use by default, relative to the plan file. Default: <plan name>-results beside the plan.'
    }
    Examples    = @(
        @{
            Code    = 'New-ScalingSweep -Command Invoke-CommitteeSgd -Grid @{ L = 1, 16, 256; K = 2, 3, 4 } -Fixed @{ N = 1024; Alpha = 1e4 } -Derived @{ M = { $_.K } } -Seeds 1..50 -SeedsPerTask 10 -Path plateau.json'
            Remarks = '3 x 3 grid x 5 seed chunks = 45 tasks, each running 10 seeds of a K = M committee.'
        }
        @{
            Code    = 'New-ScalingSweep Get-RandomFeatureCurve -Grid @{ N = 50, 100, 200, 400 } -Zip @{ A = 1.5, 2; B = 1.25, 1.5 } -Fixed @{ M = 2000; P = [double]::PositiveInfinity; Time = 1, 10, 100, 1000 } -Path rf.json'
            Remarks = 'Four widths crossed with two (a, b) pairs walked together: 8 deterministic tasks, each a learning curve at four times.'
        }
        @{
            Code    = 'New-ScalingSweep Invoke-CommitteeSgd -Grid @{ Etaa = 0.1 } -Fixed @{ N = 64 }'
            Remarks = 'Refused at once: InvalidParameter.Etaa, "Invoke-CommitteeSgd has no parameter -Etaa ... Did you mean -Eta?".'
        }
    )
    Inputs      = 'None.'
    Outputs     = 'ScalingPS.Core.Sweeps.ScalingSweepInfo: the plan''s path, id, command, task count and how many are done, failed or pending in its result folder.'
}
