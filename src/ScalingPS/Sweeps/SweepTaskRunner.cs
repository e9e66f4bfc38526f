using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using ScalingPS.Core.Sweeps;

namespace ScalingPS.Sweeps;

/// <summary>What running one task gave: its rows as shard columns, its output objects, or the error that failed it.</summary>
internal sealed record SweepTaskOutcome(SweepTask Task, ShardData? Shard, IReadOnlyList<PSObject> Objects, string? ErrorId, string? Error);

/// <summary>
/// Runs sweep tasks: each task is one call of the target cmdlet, with the task's parameters, in a runspace of a pool
/// that has ScalingPS imported, so any model cmdlet runs unchanged and its own binding validates the values. The
/// objects it returns are flattened into typed columns (numbers stay numbers; enums become their names).
/// </summary>
internal sealed class SweepTaskRunner : IDisposable
{
    private readonly RunspacePool _pool;
    private readonly SweepPlan _plan;
    private readonly IReadOnlyDictionary<string, object> _extra;

    /// <param name="modulePath">The module to import in every runspace (the one this cmdlet was loaded from).</param>
    /// <param name="extraParameters">Run-time parameters not part of a task's identity (e.g. ThrottleLimit).</param>
    public SweepTaskRunner(string modulePath, SweepPlan plan, int runspaces, IReadOnlyDictionary<string, object> extraParameters)
    {
        _plan = plan;
        _extra = extraParameters;
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule([modulePath]);
        _pool = RunspaceFactory.CreateRunspacePool(state);
        _pool.SetMaxRunspaces(Math.Max(1, runspaces));
        _pool.SetMinRunspaces(1);
        _pool.Open();
    }

    public SweepTaskOutcome Run(SweepTask task, CancellationToken cancellation)
    {
        using var ps = PowerShell.Create();
        ps.RunspacePool = _pool;
        ps.AddCommand(_plan.Command);
        foreach (var (name, value) in task.Parameters) ps.AddParameter(name, value is object[] list ? list : value);
        foreach (var (name, value) in _extra)
            if (!task.Parameters.ContainsKey(name)) ps.AddParameter(name, value);
        ps.AddParameter("ErrorAction", ActionPreference.Continue);
        using var stop = cancellation.Register(() => { try { ps.BeginStop(null, null); } catch (ObjectDisposedException) { } });
        List<PSObject> objects;
        try
        {
            objects = ps.Invoke().Where(o => o is not null).ToList();
        }
        catch (Exception ex) when (!cancellation.IsCancellationRequested)
        {
            var record = (ex as IContainsErrorRecord)?.ErrorRecord;
            return new SweepTaskOutcome(task, null, [], IdOf(record) ?? ex.GetType().Name, record?.Exception?.Message ?? ex.Message);
        }
        cancellation.ThrowIfCancellationRequested();
        if (ps.Streams.Error.Count > 0)
        {
            var first = ps.Streams.Error[0];
            string more = ps.Streams.Error.Count > 1 ? $" (and {ps.Streams.Error.Count - 1} more error(s))" : "";
            return new SweepTaskOutcome(task, null, objects, IdOf(first) ?? "Error", (first.Exception?.Message ?? first.ToString()) + more);
        }
        var rows = objects.Select(Flatten).ToList();
        return new SweepTaskOutcome(task, SweepRows.ToShard(_plan, task, rows), objects, null, null);
    }

    /// <summary>"Diverged" from "Diverged,ScalingPS.Commands.InvokeCommitteeSgdCommand".</summary>
    private static string? IdOf(ErrorRecord? record) => record?.FullyQualifiedErrorId?.Split(',')[0];

    /// <summary>One output object as (name, value) pairs of int, long, double, bool or string.</summary>
    public static IReadOnlyList<KeyValuePair<string, object?>> Flatten(PSObject obj)
    {
        var row = new List<KeyValuePair<string, object?>>();
        foreach (var p in obj.Properties)
        {
            if (!p.IsGettable) continue;
            object? v;
            try { v = p.Value; }
            catch (GetValueException) { continue; }
            row.Add(new(p.Name, Cell(v)));
        }
        return row;
    }

    internal static object? Cell(object? v)
    {
        if (v is PSObject ps) v = ps.BaseObject;
        return v switch
        {
            null => null,
            int or long or double or bool or string => v,
            float f => (double)f,
            short or byte or sbyte or ushort => Convert.ToInt32(v, CultureInfo.InvariantCulture),
            uint u => (long)u,
            Enum e => e.ToString(),
            IEnumerable list => SweepValues.Canonical(list.Cast<object?>().Select(Cell).ToArray()),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString(),
        };
    }

    public void Dispose()
    {
        _pool.Close();
        _pool.Dispose();
    }
}

/// <summary>The command line that starts this same PowerShell from any folder (for Slurm array elements).</summary>
internal static class PwshCommand
{
    /// <summary>
    /// The running host's executable: "pwsh" itself, or — when PowerShell runs as a .NET tool ("dotnet pwsh") — the
    /// dotnet host followed by the absolute path of pwsh.dll, which works from any working directory.
    /// </summary>
    public static IReadOnlyList<string> Current()
    {
        string process = Environment.ProcessPath ?? "pwsh";
        string name = Path.GetFileNameWithoutExtension(process);
        if (name.Equals("pwsh", StringComparison.OrdinalIgnoreCase)) return [process];
        string smaFolder = Path.GetDirectoryName(typeof(PSObject).Assembly.Location) ?? "";
        string pwshDll = Path.Combine(smaFolder, "pwsh.dll");
        if (name.Equals("dotnet", StringComparison.OrdinalIgnoreCase) && File.Exists(pwshDll)) return [process, pwshDll];
        return [Core.Sweeps.Slurm.Find("pwsh") ?? process];
    }
}
