using System.Management.Automation;
using ScalingPS.Core.Sweeps;
using ScalingPS.Infrastructure;
using ScalingPS.Sweeps;

namespace ScalingPS.Commands;

/// <summary>Get-ScalingSweep: every task of a plan with its state in the result folder (pending, done, failed with its error).</summary>
[Cmdlet(VerbsCommon.Get, "ScalingSweep")]
[OutputType(typeof(SweepTaskStatus))]
public sealed class GetScalingSweepCommand : ScalingCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string Path { get; set; } = "";

    [Parameter]
    public string? OutputPath { get; set; }

    [Parameter]
    public SweepTaskState[]? State { get; set; }

    protected override void ProcessItem()
    {
        var plan = SweepCmdlets.LoadPlan(this, Path);
        string output = SweepCmdlets.ResolveOutput(this, plan, Path, OutputPath);
        var store = new SweepStore(output);
        foreach (var task in plan.Tasks)
        {
            var status = store.Status(task);
            if (State is null || State.Contains(status.State)) WriteObject(status);
        }
    }
}
