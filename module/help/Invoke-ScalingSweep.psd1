@{
    Synopsis    = 'Runs the pending tasks of a sweep plan in parallel on this machine, or submits them to Slurm as a job array; every task''s points go to their own shard, so an interrupted sweep resumes.'
    Description = @'
Locally, the pending tasks run side by side, each as one call of the model cmdlet in a PowerShell runspace of
its own with ScalingPS imported (so the cmdlet's own binding and checks apply). By default no more threads are
busy than there are cores, counting the engine's threads inside a task: cmdlets with -ThrottleLimit get one
engine thread per task and tasks run in parallel; the DMFT theory (which uses every core) runs one task at a time.
One progress bar covers the sweep (tasks done, points written, time left), and every point is also written to
the pipeline as it arrives.

Each task's points go to one shard in the result folder, named by the task id, written to a temporary name and
renamed when complete: Ctrl+C, a crash or a kill -9 loses only the tasks in flight. A re-run skips every task
with a complete shard and runs the rest; unusable shards (cut, empty, foreign) are reported by name and their
tasks run again. A task whose cmdlet call fails (e.g. Diverged) is recorded with its error and the others go on;
-Retry runs failed tasks again. -TaskIndex runs exactly one task (what a cluster node calls).

Shards are Parquet (flat typed columns: TaskId, every parameter of the task the points do not carry, and every
property of the points, enums as names; key/value metadata with the plan id, task id and index, command, module
version and the exact parameters as JSON) or CSV with -Format Csv (plus a .csv.json sidecar with the column types).
The same seeds give the same numbers, so a shard is the same file bit for bit wherever it was made.

With -Scheduler Slurm the cmdlet writes, in <OutputPath>/slurm, a copy of the plan, a task script and an sbatch
script for a job array over the pending tasks only (--array=3,7,12%n, element id = task index), each element
running this same PowerShell (by absolute path) with this module and Invoke-ScalingSweep -TaskIndex
$SLURM_ARRAY_TASK_ID, logging to logs/task-<index>.log; it submits it with sbatch and returns the job id.
-Wait follows the array with squeue, with the same progress bar fed by the shards as they land. -WhatIf prints
both scripts and submits nothing. Running the same command again after failures or scancel submits only what is
missing. Without Slurm's sbatch on PATH the error is SlurmNotFound.
'@
    Parameters  = @{
        Path          = 'The plan file made by New-ScalingSweep.'
        OutputPath    = 'The result folder (made when missing). Default: the plan''s own output folder, relative to the plan.'
        ThrottleLimit = 'Locally: how many tasks run at once (0 = automatic: cores / engine threads per task). With -TaskIndex: the engine threads the one task may use. 0 to 4096.'
        Retry         = 'Also run the tasks that failed before (by default they are left, with a warning).'
        TaskIndex     = 'Run exactly this task (0-based index in the plan), unless its shard is already complete. What each Slurm array element calls.'
        Format        = 'Shard format: Parquet (default) or Csv.'
        Scheduler     = 'Local (default: run here) or Slurm (submit a job array).'
        Partition     = 'Slurm partition (--partition). Default: the cluster''s default partition.'
        TimeLimit     = 'Slurm wall-clock limit per task (--time): minutes, HH:MM:SS or D-HH:MM:SS.'
        CpusPerTask   = 'Slurm CPUs per task (--cpus-per-task), also the engine threads of each task. 1 to 4096, default 1.'
        MemoryGB      = 'Slurm memory per task in GB (--mem); 0 (default) = the partition''s default.'
        MaxConcurrent = 'At most this many array elements at once (the %n of --array); 0 = no limit.'
        Wait          = 'Follow the job until it leaves the queue, with progress; then report failed and missing tasks and return the job with its final counts.'
    }
    Examples    = @(
        @{
            Code    = 'Invoke-ScalingSweep plateau.json -OutputPath runs/plateau | Measure-Object'
            Remarks = 'Runs every pending task here. Press Ctrl+C at any time and run the same line again: it continues where it stopped.'
        }
        @{
            Code    = 'Invoke-ScalingSweep plateau.json -OutputPath runs/plateau -Scheduler Slurm -Partition debug -TimeLimit 01:00:00 -CpusPerTask 4 -MaxConcurrent 20 -Wait'
            Remarks = 'Submits the pending tasks as one job array and follows it to the end.'
        }
        @{
            Code    = 'Invoke-ScalingSweep plateau.json -Scheduler Slurm -WhatIf'
            Remarks = 'Prints the sbatch script and the task script without submitting anything.'
        }
    )
    Inputs      = 'Objects with Path (and OutputPath) properties, e.g. the output of New-ScalingSweep.'
    Outputs     = 'Locally: the model cmdlet''s own point objects. With -Scheduler Slurm: ScalingPS.Core.Sweeps.SlurmSweepJob (JobId, Array, Script, LogFolder; after -Wait also State, Done, Failed, Missing, Seconds).'
}
