@{
    Synopsis    = 'Shows every task of a sweep plan with its state in the result folder: pending, done (with its shard and row count) or failed (with its error).'
    Description = @'
Reads the plan and checks the result folder task by task. A task is Done when a complete shard of that task
exists (its Parquet footer or CSV sidecar reads, and it names the task); Failed when its last run left a failure
record (ErrorId and Error hold the model cmdlet's own error, e.g. Diverged); Pending otherwise. A shard that is
cut, empty or not a ScalingPS shard leaves its task Pending, with ErrorId ShardCorrupt and the file named in
Error, so the next Invoke-ScalingSweep runs it again.
'@
    Parameters  = @{
        Path       = 'The plan file made by New-ScalingSweep.'
        OutputPath = 'The result folder to check. Default: the plan''s own output folder (relative to the plan).'
        State      = 'Only tasks in these states: Pending, Done, Failed.'
    }
    Examples    = @(
        @{
            Code    = 'Get-ScalingSweep plateau.json | Group-Object State -NoElement'
            Remarks = 'How far the sweep is.'
        }
        @{
            Code    = 'Get-ScalingSweep plateau.json -State Failed | Format-List Index, Parameters, ErrorId, Error'
            Remarks = 'Which tasks failed and why.'
        }
    )
    Inputs      = 'Objects with a Path property (e.g. the output of New-ScalingSweep).'
    Outputs     = 'ScalingPS.Core.Sweeps.SweepTaskStatus: Index, Id, State, Parameters, Rows, Shard, ErrorId, Error.'
}
