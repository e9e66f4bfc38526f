using ScalingPS.Core.Sweeps;

namespace ScalingPS.Core.Tests.Sweeps;

public sealed class PlanTests
{
    private static readonly Dictionary<string, ValueKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["L"] = ValueKind.Int32, ["K"] = ValueKind.Int32, ["Eta"] = ValueKind.Double, ["Seed"] = ValueKind.Int32, ["Repeat"] = ValueKind.Int32,
        ["N"] = ValueKind.Int32, ["Activation"] = ValueKind.String, ["Time"] = ValueKind.List,
    };

    private static SweepPlan Make(SweepDefinition d) => SweepPlan.Create("Invoke-CommitteeSgd", "0.1.0", d, Kinds, d.Expand(true), "out");

    [Fact]
    public void Grid_is_crossed_with_zip_and_seed_chunks()
    {
        var d = new SweepDefinition
        {
            Grid = [new("L", [1, 4, 16]), new("K", [2, 3])],
            Zip = [new("Eta", [0.1, 0.2]), new("N", [64, 128])],
            Fixed = [new("Activation", "Erf")],
            Seeds = [1, 2, 3, 4, 5, 9, 10],
            SeedsPerTask = 2,
        };
        var tasks = d.Expand(targetHasRepeat: true);
        // 3 × 2 grid × 2 zipped × seed chunks {1,2}, {3,4}, {5}, {9,10} (runs cut at gaps)
        Assert.Equal(3 * 2 * 2 * 4, tasks.Count);
        Assert.Equal(tasks.Count, d.CountTasks());
        Assert.All(tasks, t => Assert.True((double)t["Eta"] == 0.1 ? (int)t["N"] == 64 : (int)t["N"] == 128));
        Assert.Equal([(1, 2), (3, 2), (5, 1), (9, 2)], SweepDefinition.SeedChunks(d.Seeds, 2));
        Assert.Equal(tasks.Count, tasks.Select(t => SweepTask.MakeId("x", t)).Distinct().Count());
    }

    [Fact]
    public void Task_ids_survive_reordering_and_extending_the_grid()
    {
        var small = Make(new SweepDefinition { Grid = [new("L", [1, 4]), new("K", [2, 3])], Seeds = [1, 2], SeedsPerTask = 2 });
        var larger = Make(new SweepDefinition { Grid = [new("K", [3, 2, 5]), new("L", [16, 4, 1])], Seeds = [1, 2], SeedsPerTask = 2 });
        Assert.Subset(larger.Tasks.Select(t => t.Id).ToHashSet(), small.Tasks.Select(t => t.Id).ToHashSet());
        Assert.NotEqual(small.Id, larger.Id);
    }

    [Fact]
    public void A_number_has_one_id_whatever_its_type()
    {
        var asInt = new Dictionary<string, object> { ["Alpha"] = 1000, ["Eta"] = 0.5 };
        var asDouble = new Dictionary<string, object> { ["alpha"] = 1000.0, ["ETA"] = 0.5 };
        Assert.Equal(SweepTask.MakeId("Invoke-CommitteeSgd", asInt), SweepTask.MakeId("invoke-committeesgd", asDouble));
        Assert.NotEqual(SweepTask.MakeId("Invoke-CommitteeSgd", asInt), SweepTask.MakeId("Invoke-CommitteeOde", asInt));
    }

    [Fact]
    public void Plan_json_round_trips_with_kinds_lists_and_infinities()
    {
        var d = new SweepDefinition
        {
            Grid = [new("Eta", [0.1, 1.0])],
            Fixed = [new("N", 64), new("Time", new object[] { 1.0, double.PositiveInfinity }), new("Activation", "Linear")],
            Derived = [new("K", "$_.N / 32")],
        };
        var tasks = d.Expand(false);
        foreach (var t in tasks) t["K"] = 2;
        var plan = SweepPlan.Create("Get-RandomFeatureCurve", "0.1.0", d, Kinds, tasks, "results");
        string path = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.json");
        try
        {
            plan.Save(path);
            var back = SweepPlan.Load(path);
            Assert.Equal(plan.Id, back.Id);
            Assert.Equal(plan.Tasks.Select(t => t.Id), back.Tasks.Select(t => t.Id));
            Assert.Equal(1.0, back.Tasks[1].Parameters["Eta"]); // written as 1, read back as the parameter's kind
            Assert.IsType<double>(back.Tasks[1].Parameters["Eta"]);
            Assert.Equal(new object[] { 1.0, double.PositiveInfinity }, (object[])back.Tasks[0].Parameters["Time"]);
            Assert.Equal(plan.ToJson(), back.ToJson());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_hand_edited_task_is_refused_on_load()
    {
        var plan = Make(new SweepDefinition { Grid = [new("L", [1, 4])] });
        string path = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, plan.ToJson().Replace("\"L\": 4", "\"L\": 5"));
            var ex = Assert.Throws<SweepFileException>(() => SweepPlan.Load(path));
            Assert.Equal(SweepFileException.PlanInvalid, ex.ErrorId);
            File.WriteAllText(path, "{\"something\": 1}");
            Assert.Equal(SweepFileException.PlanInvalid, Assert.Throws<SweepFileException>(() => SweepPlan.Load(path)).ErrorId);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Duplicate_tasks_and_oversized_grids_are_refused_naming_the_parameter()
    {
        var dup = new SweepDefinition { Grid = [new("L", [1, 1])] };
        Assert.Equal("Grid", Assert.Throws<ParameterException>(() => Make(dup)).ParameterName);
        var huge = new SweepDefinition { Grid = [new("L", new object[2000]), new("K", new object[2000])] };
        Assert.Equal("Grid", Assert.Throws<ParameterException>(() => huge.CountTasks()).ParameterName);
        var zip = new SweepDefinition { Zip = [new("Eta", [0.1, 0.2]), new("N", [64])] };
        Assert.Equal("Zip", Assert.Throws<ParameterException>(() => zip.CountTasks()).ParameterName);
    }

    [Fact]
    public void Slurm_array_lists_compress_runs_and_carry_the_concurrency_limit()
    {
        Assert.Equal("0-3,7,9-12%2", Slurm.ArraySpec([12, 0, 1, 2, 3, 7, 9, 10, 11], 2));
        Assert.Equal("5", Slurm.ArraySpec([5], 0));
    }

    [Fact]
    public void The_batch_script_quotes_paths_and_runs_one_task_per_element()
    {
        string script = Slurm.BatchScript("scalingps-x", "0-3%1", "/tmp/a b/logs", new SlurmRequest { CpusPerTask = 2, MemoryGB = 1.5, TimeLimit = "00:10:00", Partition = "debug" },
            ["/usr/bin/dotnet", "/opt/it's/pwsh.dll"], "/tmp/a b/task.ps1", "planid", 4, 10);
        Assert.Contains("#SBATCH --array=0-3%1\n", script);
        Assert.Contains("#SBATCH --cpus-per-task=2\n", script);
        Assert.Contains("#SBATCH --mem=1536M\n", script);
        Assert.Contains("#SBATCH --time=00:10:00\n", script);
        Assert.Contains("#SBATCH --output=/tmp/a b/logs/task-%a.log\n", script);
        Assert.Contains("exec '/usr/bin/dotnet' '/opt/it'\\''s/pwsh.dll' -NoProfile -NonInteractive -File '/tmp/a b/task.ps1'", script);
        string task = Slurm.TaskScript("/m/ScalingPS.psd1", "/p/plan's.json", "/o", "Parquet", 2);
        Assert.Contains("-Path '/p/plan''s.json'", task);
        Assert.Contains("-TaskIndex ([int]$env:SLURM_ARRAY_TASK_ID)", task);
    }
}
