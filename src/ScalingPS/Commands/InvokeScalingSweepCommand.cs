using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using System.Text.RegularExpressions;
using ScalingPS.Core;
using ScalingPS.Core.Sweeps;
using ScalingPS.Infrastructure;
using ScalingPS.Sweeps;

namespace ScalingPS.Commands;

public enum SweepScheduler { Local, Slurm }

/// <summary>
/// Invoke-ScalingSweep: runs a plan's pending tasks here, in parallel, one shard per task (written whole, so an
/// interruption loses only the tasks in flight and a re-run resumes), or submits them to Slurm as a job array.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ScalingSweep", SupportsShouldProcess = true, DefaultParameterSetName = LocalSet)]
[OutputType(typeof(PSObject), ParameterSetName = [LocalSet])]
[OutputType(typeof(SlurmSweepJob), ParameterSetName = [SlurmSet])]
public sealed class InvokeScalingSweepCommand : ScalingCmdlet
{
    private const string LocalSet = "Local";
    private const string SlurmSet = "Slurm";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string Path { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? OutputPath { get; set; }

    [Parameter]
    public int ThrottleLimit { get; set; }

    [Parameter]
    public SwitchParameter Retry { get; set; }

    [Parameter(ParameterSetName = LocalSet)]
    public int TaskIndex { get; set; } = -1;

    [Parameter]
    public ShardFormat Format { get; set; } = ShardFormat.Parquet;

    [Parameter(Mandatory = true, ParameterSetName = SlurmSet)]
    public SweepScheduler Scheduler { get; set; } = SweepScheduler.Local;

    [Parameter(ParameterSetName = SlurmSet)]
    public string? Partition { get; set; }

    [Parameter(ParameterSetName = SlurmSet)]
    public string? TimeLimit { get; set; }

    [Parameter(ParameterSetName = SlurmSet)]
    public int CpusPerTask { get; set; } = 1;

    [Parameter(ParameterSetName = SlurmSet)]
    public double MemoryGB { get; set; }

    [Parameter(ParameterSetName = SlurmSet)]
    public int MaxConcurrent { get; set; }

    [Parameter(ParameterSetName = SlurmSet)]
    public SwitchParameter Wait { get; set; }

    protected override void ProcessItem()
    {
        Check.Range(ThrottleLimit, 0, 4096, nameof(ThrottleLimit));
        var plan = SweepCmdlets.LoadPlan(this, Path);
        string output = SweepCmdlets.ResolveOutput(this, plan, Path, OutputPath);
        var store = new SweepStore(output);
        try
        {
            if (Scheduler == SweepScheduler.Slurm) SubmitToSlurm(plan, store);
            else RunHere(plan, store);
        }
        catch (SweepFileException ex) { ThrowTerminatingError(SweepCmdlets.Record(ex)); }
        catch (SlurmException ex) { ThrowTerminatingError(SweepCmdlets.Record(ex)); }
    }

    /// <summary>Pending tasks (and failed ones with -Retry); unusable shards are reported by name and their tasks re-run.</summary>
    private List<SweepTask> TasksToRun(SweepPlan plan, SweepStore store)
    {
        var run = new List<SweepTask>();
        int failed = 0;
        foreach (var status in store.Status(plan))
        {
            if (status.State == SweepTaskState.Pending && status.ErrorId == SweepFileException.ShardCorrupt)
                WriteWarning($"{status.Error} Task {status.Index} ({status.Id}) will run again.");
            if (status.State == SweepTaskState.Pending || (status.State == SweepTaskState.Failed && Retry.IsPresent)) run.Add(plan.Tasks[status.Index]);
            else if (status.State == SweepTaskState.Failed) failed++;
        }
        if (failed > 0) WriteWarning($"{failed} task(s) failed in an earlier run and are not run again; add -Retry to run them (Get-ScalingSweep {Path} -State Failed shows their errors).");
        return run;
    }

    private void RunHere(SweepPlan plan, SweepStore store)
    {
        List<SweepTask> tasks;
        if (MyInvocation.BoundParameters.ContainsKey(nameof(TaskIndex)))
        {
            Check.Range(TaskIndex, 0, plan.Tasks.Count - 1, nameof(TaskIndex));
            var task = plan.Tasks[TaskIndex];
            var status = store.Status(task);
            if (status.State == SweepTaskState.Done) { WriteVerbose($"Task {TaskIndex} ({task.Id}) is already done: {status.Shard}"); return; }
            tasks = [task];
        }
        else tasks = TasksToRun(plan, store);
        if (tasks.Count == 0) { WriteVerbose($"Nothing to run: every task of {Path} is done or failed (see Get-ScalingSweep)."); return; }
        if (!ShouldProcess(store.Folder, $"Run {tasks.Count} task(s) of {plan.Command}")) return;

        int cores = Environment.ProcessorCount;
        bool hasThrottle = InvokeCommand.GetCmdlet(plan.Command)?.Parameters.ContainsKey("ThrottleLimit") == true;
        bool oneTask = MyInvocation.BoundParameters.ContainsKey(nameof(TaskIndex));
        // A single task (a cluster element) may use every core it was given; in a local sweep each task gets one
        // engine thread and the tasks run side by side, which is as fast and keeps the per-seed work in one cache.
        int taskThrottle = oneTask ? (ThrottleLimit > 0 ? ThrottleLimit : cores) : 1;
        int engineThreads = SweepThreads.EngineThreads(plan.Command, tasks[0].Parameters, hasThrottle, taskThrottle, cores);
        int workers = oneTask ? 1 : Math.Min(tasks.Count, ThrottleLimit > 0 ? ThrottleLimit : Math.Max(1, cores / engineThreads));
        var extra = hasThrottle ? new Dictionary<string, object> { ["ThrottleLimit"] = taskThrottle } : new Dictionary<string, object>();
        WriteVerbose($"{tasks.Count} task(s) of {plan.Command} on {workers} worker(s) × {engineThreads} engine thread(s) ({cores} cores) into {store.Folder}.");
        string modulePath = SweepCmdlets.ModulePath(this);

        RunEngine($"Sweep {plan.Id} ({plan.Command})", sink =>
        {
            var ct = sink.Cancellation;
            var start = Stopwatch.StartNew();
            using var runner = new SweepTaskRunner(modulePath, plan, workers, extra);
            double startSeconds = start.Elapsed.TotalSeconds;
            sink.Post(() => WriteVerbose($"Runspaces ready in {startSeconds:F2} s (once per run)."));
            var queue = new ConcurrentQueue<SweepTask>(tasks);
            int done = 0, failed = 0;
            long points = 0;
            var clock = Stopwatch.StartNew();
            void Report() => sink.Report(new EngineProgress((double)(done + failed) / tasks.Count,
                $"{done + failed}/{tasks.Count} tasks{(failed > 0 ? $" ({failed} failed)" : "")}, {points} points written"));
            Exception? crash = null;
            // A raw thread must never let an exception escape (it would end the process): a cancelled sink ends the
            // worker; anything else ends it too, stops the others, and is rethrown on this thread after they finish.
            void Work()
            {
                try { WorkLoop(); }
                catch (OperationCanceledException) { }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref crash, ex, null);
                    queue.Clear();
                }
            }
            void WorkLoop()
            {
                while (!ct.IsCancellationRequested && queue.TryDequeue(out var task))
                {
                    SweepTaskOutcome outcome;
                    try { outcome = runner.Run(task, ct); }
                    catch (OperationCanceledException) { return; }
                    try
                    {
                        if (outcome.Shard is not null)
                        {
                            store.WriteShard(outcome.Shard, Format);
                            Interlocked.Add(ref points, outcome.Shard.RowCount);
                            Interlocked.Increment(ref done);
                            var objects = outcome.Objects;
                            sink.Post(() => { foreach (var o in objects) WriteObject(o); });
                        }
                        else
                        {
                            store.WriteFailure(task, outcome.ErrorId ?? "Error", outcome.Error ?? "");
                            Interlocked.Increment(ref failed);
                            sink.Post(() => WriteError(Errors.Make(Errors.SweepTaskFailed,
                                $"Task {task.Index} ({task.Id}) failed with {outcome.ErrorId}: {outcome.Error}", task.Id,
                                "The other tasks go on; fix the cause and run the sweep again with -Retry.")));
                        }
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        Interlocked.Increment(ref failed);
                        sink.Post(() => WriteError(Errors.Make(Errors.WriteFailed, $"Task {task.Index} ({task.Id}): cannot write its result in '{store.Folder}': {ex.Message}",
                            store.Folder)));
                    }
                    Report();
                }
            }
            var threads = Enumerable.Range(0, workers).Select(i => new Thread(Work) { IsBackground = true, Name = $"ScalingPS sweep worker {i}" }).ToArray();
            foreach (var t in threads) t.Start();
            foreach (var t in threads) t.Join();
            ct.ThrowIfCancellationRequested();
            if (crash is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(crash).Throw();
            sink.Post(() => WriteVerbose($"Sweep {plan.Id}: {done} task(s) done, {failed} failed, {points} points in {clock.Elapsed.TotalSeconds:F1} s."));
        });
    }

    private static readonly Regex SlurmTime = new(@"^(\d+-)?\d+(:\d{1,2}){0,2}$", RegexOptions.CultureInvariant);
    private static readonly Regex SlurmName = new(@"^[A-Za-z0-9_.\-]+$", RegexOptions.CultureInvariant);

    private void SubmitToSlurm(SweepPlan plan, SweepStore store)
    {
        Check.Range(CpusPerTask, 1, 4096, nameof(CpusPerTask));
        Check.Range(MaxConcurrent, 0, 1_000_000, nameof(MaxConcurrent));
        if (!(MemoryGB >= 0 && MemoryGB <= 1e6)) throw new ParameterException(nameof(MemoryGB), MemoryGB, "MemoryGB must be in [0, 1e6] (0 = the partition's default).");
        if (TimeLimit is not null && !SlurmTime.IsMatch(TimeLimit)) throw new ParameterException(nameof(TimeLimit), TimeLimit, "TimeLimit takes Slurm's forms: minutes, HH:MM:SS or D-HH:MM:SS.");
        if (Partition is not null && !SlurmName.IsMatch(Partition)) throw new ParameterException(nameof(Partition), Partition, "Partition is a Slurm partition name (letters, digits, _ . -).");

        var tasks = TasksToRun(plan, store);
        if (tasks.Count == 0) { WriteVerbose($"Nothing to submit: every task of {Path} is done or failed (see Get-ScalingSweep)."); return; }
        string slurmDir = System.IO.Path.Combine(store.Folder, "slurm");
        string logDir = System.IO.Path.Combine(slurmDir, "logs");
        // The job runs a snapshot of the plan, so that re-making the plan while the job waits cannot shift its task indices.
        string planCopy = System.IO.Path.Combine(slurmDir, $"plan-{plan.Id}.json");
        string taskScript = System.IO.Path.Combine(slurmDir, $"task-{plan.Id}.ps1");
        string batch = System.IO.Path.Combine(slurmDir, $"sweep-{plan.Id}-{DateTime.UtcNow:yyyyMMddTHHmmssfff}.sbatch");
        string array = Slurm.ArraySpec(tasks.Select(t => t.Index).ToList(), MaxConcurrent);
        var request = new SlurmRequest { Partition = Partition, TimeLimit = TimeLimit, CpusPerTask = CpusPerTask, MemoryGB = MemoryGB, MaxConcurrent = MaxConcurrent };
        string taskText = Slurm.TaskScript(SweepCmdlets.ModulePath(this), planCopy, store.Folder, Format.ToString(), CpusPerTask);
        string script = Slurm.BatchScript($"scalingps-{plan.Id[..8]}", array, logDir, request, PwshCommand.Current(), taskScript, plan.Id, tasks.Count, plan.Tasks.Count);

        if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf) && whatIf is SwitchParameter { IsPresent: true })
        {
            WriteInformation(new HostInformationMessage { Message = $"# {batch}\n{script}\n# {taskScript}\n{taskText}" }, ["PSHOST"]);
        }
        if (!ShouldProcess(store.Folder, $"Submit {tasks.Count} task(s) of {plan.Command} to Slurm as array {array}")) return;
        Slurm.Require("sbatch");
        Directory.CreateDirectory(logDir);
        AtomicFile.WriteAllText(planCopy, plan.ToJson());
        AtomicFile.WriteAllText(taskScript, taskText);
        AtomicFile.WriteAllText(batch, script);
        foreach (var t in tasks) File.Delete(store.FailurePath(t.Id)); // a resubmitted task starts clean
        var clock = Stopwatch.StartNew();
        string jobId = Slurm.Submit(batch);
        var job = new SlurmSweepJob
        {
            JobId = jobId, PlanId = plan.Id, Tasks = tasks.Count, Array = array, Script = batch, LogFolder = logDir, OutputPath = store.Folder,
        };
        WriteVerbose($"Submitted job {jobId}: array {array} ({tasks.Count} task(s)); logs in {logDir}.");
        if (!Wait.IsPresent) { WriteObject(job); return; }
        WriteObject(FollowJob(job, plan, tasks, store, clock));
    }

    /// <summary>Follows the array with squeue until it leaves the queue, with progress fed by the shards as they land.</summary>
    private SlurmSweepJob FollowJob(SlurmSweepJob job, SweepPlan plan, List<SweepTask> tasks, SweepStore store, Stopwatch clock)
    {
        RunEngine($"Slurm job {job.JobId} (sweep {plan.Id})", sink =>
        {
            while (true)
            {
                int queued = Slurm.QueuedElements(job.JobId);
                int landed = tasks.Count(t => File.Exists(store.ShardPath(t.Id, Format)) || File.Exists(store.FailurePath(t.Id)));
                sink.Report(new EngineProgress((double)landed / tasks.Count, $"{landed}/{tasks.Count} tasks landed, {queued} element(s) queued or running"));
                if (queued == 0) break;
                sink.Cancellation.WaitHandle.WaitOne(1000);
                sink.Cancellation.ThrowIfCancellationRequested();
            }
        });
        int done = 0, failed = 0, missing = 0;
        foreach (var t in tasks)
        {
            var s = store.Status(t);
            if (s.State == SweepTaskState.Done) { done++; continue; }
            string log = System.IO.Path.Combine(job.LogFolder, $"task-{t.Index}.log");
            if (s.State == SweepTaskState.Failed)
            {
                failed++;
                WriteError(Errors.Make(Errors.SweepTaskFailed, $"Task {t.Index} ({t.Id}) failed with {s.ErrorId}: {s.Error} (log: {log})", t.Id));
            }
            else
            {
                missing++;
                WriteWarning($"Task {t.Index} ({t.Id}) left the queue without a result (cancelled, timed out or killed; log: {log}). Run the same command again to submit what is missing.");
            }
        }
        return job with
        {
            State = failed + missing == 0 ? "Completed" : "Incomplete", Done = done, Failed = failed, Missing = missing, Seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        };
    }
}
