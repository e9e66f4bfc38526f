using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ScalingPS.Core.Sweeps;

/// <summary>What Slurm is asked for: one array element per pending task.</summary>
public sealed record SlurmRequest
{
    public string? Partition { get; init; }
    /// <summary>Wall-clock limit per element, Slurm syntax (e.g. "01:00:00", "2-00:00:00").</summary>
    public string? TimeLimit { get; init; }
    public int CpusPerTask { get; init; } = 1;
    public double MemoryGB { get; init; }
    /// <summary>At most this many elements at once (the "%n" of --array); 0 = no limit.</summary>
    public int MaxConcurrent { get; init; }
}

/// <summary>A Slurm job array submitted for a sweep (what Invoke-ScalingSweep -Scheduler Slurm returns).</summary>
public sealed record SlurmSweepJob
{
    public string JobId { get; init; } = "";
    public string PlanId { get; init; } = "";
    public int Tasks { get; init; }
    public string Array { get; init; } = "";
    public string Script { get; init; } = "";
    public string LogFolder { get; init; } = "";
    public string OutputPath { get; init; } = "";
    /// <summary>After -Wait: "Completed" (every task's shard landed), or "Incomplete" (some failed or vanished); else "Submitted".</summary>
    public string State { get; init; } = "Submitted";
    public int Done { get; init; }
    public int Failed { get; init; }
    public int Missing { get; init; }
    public double Seconds { get; init; }
}

/// <summary>An sbatch/squeue problem: <see cref="ErrorId"/> is the id the shell reports.</summary>
public sealed class SlurmException(string errorId, string message) : Exception(message)
{
    public const string NotFound = "SlurmNotFound";
    public const string SubmitFailed = "SlurmSubmitFailed";
    public const string QueryFailed = "SlurmQueryFailed";
    public string ErrorId { get; } = errorId;
}

/// <summary>Job-array scripts, submission with sbatch and following with squeue.</summary>
public static class Slurm
{
    /// <summary>The full path of a program on PATH, or null.</summary>
    public static string? Find(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static string Require(string program) =>
        Find(program) ?? throw new SlurmException(SlurmException.NotFound,
            $"Slurm's '{program}' is not on PATH: this machine has no Slurm client. Run the sweep here (leave out -Scheduler Slurm), or on a cluster's login node.");

    /// <summary>The --array list of task indices, runs compressed ("0-3,7,9-12"), with "%n" when <paramref name="maxConcurrent"/> &gt; 0.</summary>
    public static string ArraySpec(IReadOnlyList<int> indices, int maxConcurrent)
    {
        var sorted = indices.Distinct().Order().ToArray();
        var parts = new List<string>();
        for (int i = 0; i < sorted.Length;)
        {
            int j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(j == i ? sorted[i].ToString(CultureInfo.InvariantCulture) : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }
        return string.Join(",", parts) + (maxConcurrent > 0 ? "%" + maxConcurrent.ToString(CultureInfo.InvariantCulture) : "");
    }

    private static string BashQuote(string s) => "'" + s.Replace("'", "'\\''") + "'";

    private static string PsQuote(string s) => "'" + s.Replace("'", "''") + "'";

    /// <summary>
    /// The PowerShell script an array element runs: import the module by its absolute path and run the element's task.
    /// A failed task makes the element exit 1, so Slurm records it as failed too.
    /// </summary>
    public static string TaskScript(string modulePath, string planPath, string outputPath, string format, int throttle) =>
        $$"""
        # Written by Invoke-ScalingSweep -Scheduler Slurm: runs task $env:SLURM_ARRAY_TASK_ID of the plan.
        $ErrorActionPreference = 'Stop'
        Import-Module {{PsQuote(modulePath)}}
        Invoke-ScalingSweep -Path {{PsQuote(planPath)}} -OutputPath {{PsQuote(outputPath)}} -Format {{format}} -TaskIndex ([int]$env:SLURM_ARRAY_TASK_ID) -ThrottleLimit {{throttle}} -ErrorAction Continue -ErrorVariable failed | Out-Null
        if ($failed) { exit 1 }

        """;

    /// <summary>The sbatch script of a job array: one element per index, one log file per task, running pwsh on the task script.</summary>
    public static string BatchScript(string jobName, string arraySpec, string logFolder, SlurmRequest request, IReadOnlyList<string> pwshCommand, string taskScript, string planId, int tasks, int total)
    {
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append($"#SBATCH --job-name={jobName}\n");
        s.Append($"#SBATCH --array={arraySpec}\n");
        s.Append($"#SBATCH --output={Path.Combine(logFolder, "task-%a.log")}\n");
        s.Append($"#SBATCH --cpus-per-task={request.CpusPerTask.ToString(CultureInfo.InvariantCulture)}\n");
        if (request.MemoryGB > 0) s.Append($"#SBATCH --mem={Math.Ceiling(request.MemoryGB * 1024).ToString(CultureInfo.InvariantCulture)}M\n");
        if (!string.IsNullOrEmpty(request.TimeLimit)) s.Append($"#SBATCH --time={request.TimeLimit}\n");
        if (!string.IsNullOrEmpty(request.Partition)) s.Append($"#SBATCH --partition={request.Partition}\n");
        s.Append($"# ScalingPS sweep {planId}: {tasks} pending of {total} tasks, one array element per task (element id = task index).\n");
        s.Append("set -eu\n");
        s.Append("exec ").Append(string.Join(" ", pwshCommand.Select(BashQuote)))
         .Append(" -NoProfile -NonInteractive -File ").Append(BashQuote(taskScript)).Append('\n');
        return s.ToString();
    }

    /// <summary>Submits a script with sbatch and returns the job id.</summary>
    public static string Submit(string scriptPath)
    {
        string sbatch = Require("sbatch");
        var (code, stdout, stderr) = Run(sbatch, ["--parsable", scriptPath], TimeSpan.FromSeconds(60));
        if (code != 0) throw new SlurmException(SlurmException.SubmitFailed, $"sbatch refused the job (exit {code}): {stderr.Trim()}{stdout.Trim()}");
        string id = stdout.Trim().Split(';')[0].Trim();
        if (id.Length == 0 || !id.All(char.IsDigit)) throw new SlurmException(SlurmException.SubmitFailed, $"sbatch printed no job id: '{stdout.Trim()}'.");
        return id;
    }

    /// <summary>Array elements of the job still queued or running (pending elements are listed one per index).</summary>
    public static int QueuedElements(string jobId)
    {
        string squeue = Require("squeue");
        var (code, stdout, stderr) = Run(squeue, ["-h", "-r", "-j", jobId, "-o", "%i %T"], TimeSpan.FromSeconds(60));
        if (code != 0)
        {
            // squeue refuses an id it no longer knows: the job has left the queue.
            if (stderr.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase)) return 0;
            throw new SlurmException(SlurmException.QueryFailed, $"squeue failed (exit {code}): {stderr.Trim()}");
        }
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    private static (int Code, string Stdout, string Stderr) Run(string exe, string[] args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new SlurmException(SlurmException.NotFound, $"Could not start {exe}.");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new SlurmException(SlurmException.QueryFailed, $"{Path.GetFileName(exe)} did not answer within {timeout.TotalSeconds:F0} s.");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
