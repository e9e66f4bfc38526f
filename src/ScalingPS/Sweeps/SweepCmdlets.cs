using System.Management.Automation;
using ScalingPS.Core.Sweeps;
using ScalingPS.Infrastructure;

namespace ScalingPS.Sweeps;

/// <summary>What the sweep cmdlets share: loading a plan, finding its result folder, the module's own path, error records.</summary>
internal static class SweepCmdlets
{
    public static SweepPlan LoadPlan(PSCmdlet cmdlet, string path)
    {
        string full = cmdlet.GetUnresolvedProviderPathFromPSPath(path);
        if (!File.Exists(full))
            cmdlet.ThrowTerminatingError(Errors.Make(SweepFileException.PlanUnreadable, $"Sweep plan '{full}' does not exist; make one with New-ScalingSweep -Path.", full));
        try { return SweepPlan.Load(full); }
        catch (SweepFileException ex) { cmdlet.ThrowTerminatingError(Record(ex)); throw; }
    }

    /// <summary>-OutputPath when given, else the plan's own output folder (relative to the plan file).</summary>
    public static string ResolveOutput(PSCmdlet cmdlet, SweepPlan plan, string planPath, string? outputPath)
    {
        if (!string.IsNullOrEmpty(outputPath)) return cmdlet.GetUnresolvedProviderPathFromPSPath(outputPath);
        string dir = Path.GetDirectoryName(cmdlet.GetUnresolvedProviderPathFromPSPath(planPath)) ?? ".";
        return Path.GetFullPath(Path.Combine(dir, plan.OutputPath));
    }

    public static ScalingSweepInfo Info(SweepPlan plan, string planPath, string output)
    {
        var status = new SweepStore(output).Status(plan);
        return new ScalingSweepInfo
        {
            Path = planPath,
            Id = plan.Id,
            Command = plan.Command,
            Tasks = plan.Tasks.Count,
            Done = status.Count(s => s.State == SweepTaskState.Done),
            Failed = status.Count(s => s.State == SweepTaskState.Failed),
            Pending = status.Count(s => s.State == SweepTaskState.Pending),
            OutputPath = output,
        };
    }

    /// <summary>The folder this module was imported from (what runspaces and cluster nodes import).</summary>
    public static string ModulePath(PSCmdlet cmdlet)
    {
        string? folder = cmdlet.MyInvocation.MyCommand.Module?.ModuleBase;
        if (string.IsNullOrEmpty(folder)) folder = Path.GetDirectoryName(typeof(SweepCmdlets).Assembly.Location)!;
        string manifest = Path.Combine(folder, "ScalingPS.psd1");
        return File.Exists(manifest) ? manifest : Path.Combine(folder, "ScalingPS.dll");
    }

    public static string ModuleVersion(PSCmdlet cmdlet) =>
        cmdlet.MyInvocation.MyCommand.Module?.Version?.ToString() ?? typeof(SweepCmdlets).Assembly.GetName().Version?.ToString() ?? "0";

    public static ErrorRecord Record(SweepFileException ex) => Errors.FromException(ex)!;

    public static ErrorRecord Record(SlurmException ex) => Errors.FromException(ex)!;
}
