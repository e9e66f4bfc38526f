using System.Diagnostics;
using ScalingPS.Core.Sweeps;

namespace ScalingPS.Bench;

/// <summary>
/// The sweep machinery's own cost per task — plan expansion and id hashing, turning a task's output into typed
/// columns, writing its Parquet shard whole (temporary name, fsync, rename) and the state checks a run makes — as a
/// fraction of a 1-second task (the bound is 5 %). The PowerShell side (runspace dispatch, reading the cmdlet's
/// objects) is measured end to end by bench/Sweep-Overhead.ps1, which build.ps1 -Task Bench runs after this.
/// </summary>
internal static class SweepBench
{
    public static void Run()
    {
        string dir = Directory.CreateTempSubdirectory("scalingps-sweep-bench-").FullName;
        try
        {
            const int tasks = 400, rowsPerTask = 50;
            var definition = new SweepDefinition
            {
                Grid = [new("L", [1, 4, 16, 64, 256]), new("K", [2, 3, 4, 5])],
                Fixed = [new("N", 1024), new("Alpha", 1e4), new("Points", 50)],
                Seeds = Enumerable.Range(1, 20).ToArray(),
            };
            var kinds = new Dictionary<string, ValueKind>(StringComparer.OrdinalIgnoreCase)
            { ["L"] = ValueKind.Int32, ["K"] = ValueKind.Int32, ["N"] = ValueKind.Int32, ["Alpha"] = ValueKind.Double, ["Points"] = ValueKind.Int32, ["Seed"] = ValueKind.Int32, ["Repeat"] = ValueKind.Int32 };
            var sw = Stopwatch.StartNew();
            var expanded = definition.Expand(targetHasRepeat: true);
            var plan = SweepPlan.Create("Invoke-CommitteeSgd", "0.1.0", definition, kinds, expanded, "out");
            string planPath = Path.Combine(dir, "plan.json");
            plan.Save(planPath);
            plan = SweepPlan.Load(planPath);
            double planMs = sw.Elapsed.TotalMilliseconds / plan.Tasks.Count;

            var store = new SweepStore(dir);
            var rows = Enumerable.Range(0, rowsPerTask).Select(r => (IReadOnlyList<KeyValuePair<string, object?>>)PointRow(r)).ToList();
            // warm up the writer and reader once
            store.WriteShard(SweepRows.ToShard(plan, plan.Tasks[0], rows), ShardFormat.Parquet);
            store.Status(plan.Tasks[0]);
            double toShard = 0, write = 0, status = 0;
            for (int i = 0; i < tasks; i++)
            {
                var task = plan.Tasks[i];
                sw.Restart();
                store.Status(task); // pending check before running
                status += sw.Elapsed.TotalMilliseconds;
                sw.Restart();
                var shard = SweepRows.ToShard(plan, task, rows);
                toShard += sw.Elapsed.TotalMilliseconds;
                sw.Restart();
                store.WriteShard(shard, ShardFormat.Parquet);
                write += sw.Elapsed.TotalMilliseconds;
                sw.Restart();
                store.Status(task); // what Get-ScalingSweep and the next run read
                status += sw.Elapsed.TotalMilliseconds;
            }
            double perTask = planMs + (toShard + write + status) / tasks;
            Console.WriteLine($"{tasks} tasks of {rowsPerTask} points × 22 columns (plan of {plan.Tasks.Count} tasks):");
            Console.WriteLine($"  plan (expand, hash, save, load) {planMs:F3} ms/task; columns {toShard / tasks:F3} ms; shard write (temp name + rename) {write / tasks:F3} ms; state checks {status / tasks:F3} ms");
            Console.WriteLine($"  machinery per task {perTask:F2} ms = {perTask / 1000 * 100:F2} % of a 1-second task (bound 5 %): {(perTask < 50 ? "within" : "OVER")} the bound");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static List<KeyValuePair<string, object?>> PointRow(int r) =>
    [
        new("Model", "Committee"), new("Source", "Simulation"), new("Seed", 1 + r % 10), new("Alpha", Math.Pow(10, r / 10.0)),
        new("Step", (long)(1024 * Math.Pow(10, r / 10.0))), new("EpsG", 0.1 / (1 + r)), new("StdErr", double.NaN), new("Count", 1),
        new("N", 1024), new("K", 2), new("M", 2), new("L", 16), new("Beta", 1.0), new("Eta", 0.1), new("SigmaJ", 0.01),
        new("Activation", "Erf"), new("TeacherActivation", "Erf"), new("OutputNormalization", "InverseSqrt"), new("TrainableInputs", 1024),
    ];
}
