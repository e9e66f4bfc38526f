using System.Collections;
using System.Management.Automation;
using ScalingPS.Core;
using ScalingPS.Core.Sweeps;
using ScalingPS.Infrastructure;
using ScalingPS.Sweeps;

namespace ScalingPS.Commands;

/// <summary>
/// New-ScalingSweep: expands a crossed grid × zipped lists × seed chunks of parameters of a model cmdlet into a plan
/// of tasks with stable ids, checks every name and value against the cmdlet when the plan is made, evaluates derived
/// parameters once per task, and writes the plan as readable JSON.
/// </summary>
[Cmdlet(VerbsCommon.New, "ScalingSweep", SupportsShouldProcess = true)]
[OutputType(typeof(ScalingSweepInfo))]
public sealed class NewScalingSweepCommand : ScalingCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(ModelCommandCompleter))]
    public string Command { get; set; } = "";

    [Parameter]
    public IDictionary? Grid { get; set; }

    [Parameter]
    public IDictionary? Zip { get; set; }

    [Parameter]
    public IDictionary? Fixed { get; set; }

    [Parameter]
    public IDictionary? Derived { get; set; }

    [Parameter]
    [IntRangeTransformation]
    public int[]? Seeds { get; set; }

    [Parameter]
    public int SeedsPerTask { get; set; } = 1;

    [Parameter]
    public string? Path { get; set; }

    [Parameter]
    public string? OutputPath { get; set; }

    protected override void ProcessItem()
    {
        var cmdlet = ResolveCommand();
        var engine = (EngineIntrinsics)GetVariableValue("ExecutionContext");
        var binder = new SweepParameterBinder(cmdlet, engine);
        if (SeedsPerTask < 1 || SeedsPerTask > 1_000_000) throw new ParameterException(nameof(SeedsPerTask), SeedsPerTask, "SeedsPerTask must be in [1, 1000000].");
        int[] seeds = Seeds ?? [];
        if (seeds.Length > 0 && !binder.HasParameter("Seed"))
            throw new ParameterException(nameof(Seeds), seeds[0], $"{cmdlet.Name} has no -Seed parameter: it is deterministic, so leave out -Seeds.");
        bool hasRepeat = binder.HasParameter("Repeat");
        if (seeds.Length > 0 && SeedsPerTask > 1 && !hasRepeat)
            throw new ParameterException(nameof(SeedsPerTask), SeedsPerTask, $"{cmdlet.Name} runs one seed per call (no -Repeat): use -SeedsPerTask 1.");

        var definition = new SweepDefinition
        {
            Grid = binder.Lists(Grid, "-Grid"),
            Zip = binder.Lists(Zip, "-Zip"),
            Fixed = binder.Lists(Fixed, "-Fixed").Select(kv => new KeyValuePair<string, object>(kv.Key,
                kv.Value.Length == 1 || binder.KindOf(kv.Key) == ValueKind.List ? kv.Value.Length == 1 ? kv.Value[0] : kv.Value
                : throw new ParameterException(kv.Key, kv.Value.Length, $"-Fixed holds one value per parameter; sweep several values of -{kv.Key} with -Grid."))).ToList(),
            Derived = DerivedEntries(binder).Select(d => new KeyValuePair<string, string>(d.Name, d.Block.ToString().Trim())).ToList(),
            Seeds = seeds,
            SeedsPerTask = SeedsPerTask,
        };
        var names = new List<string>();
        foreach (var n in definition.Grid.Select(g => g.Key).Concat(definition.Zip.Select(z => z.Key)).Concat(definition.Fixed.Select(f => f.Key)).Concat(definition.Derived.Select(d => d.Key)))
        {
            if (names.Contains(n, StringComparer.OrdinalIgnoreCase)) throw new ParameterException(n, null, $"-{n} is given twice (in more than one of -Grid, -Zip, -Fixed, -Derived); give it once.");
            names.Add(n);
        }
        if (seeds.Length > 0)
            foreach (var n in new[] { "Seed", "Repeat" })
                if (names.Contains(n, StringComparer.OrdinalIgnoreCase))
                    throw new ParameterException(nameof(Seeds), n, $"-Seeds sets -Seed{(hasRepeat ? " and -Repeat" : "")} of every task; leave -{n} out of the grid and fixed values.");

        var tasks = definition.Expand(hasRepeat && seeds.Length > 0);
        var derived = DerivedEntries(binder);
        foreach (var task in tasks)
            foreach (var (name, block) in derived)
                task[name] = binder.Convert(name, Evaluate(name, block, task));
        var kinds = new Dictionary<string, ValueKind>(StringComparer.OrdinalIgnoreCase);
        foreach (var task in tasks)
            foreach (var (name, _) in task) kinds[name] = binder.KindOf(name);
        // Seeds are converted like any other value (e.g. a ValidateRange on -Seed), once per distinct chunk.
        foreach (var task in tasks)
            foreach (var name in new[] { "Seed", "Repeat" })
                if (seeds.Length > 0 && task.TryGetValue(name, out var v)) task[name] = binder.Convert(name, v);
        binder.CheckParameterSet(kinds.Keys.ToArray());

        string planPath = GetUnresolvedProviderPathFromPSPath(Path ?? $"sweep-{cmdlet.Noun.ToLowerInvariant()}.json");
        string output = OutputPath ?? System.IO.Path.GetFileNameWithoutExtension(planPath) + "-results";
        var plan = SweepPlan.Create(cmdlet.Name, ModuleVersion(), definition, kinds, tasks, output);
        if (!ShouldProcess(planPath, $"Write a sweep plan of {plan.Tasks.Count} task(s) of {cmdlet.Name}")) return;
        try { plan.Save(planPath); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(Errors.Make(Errors.WriteFailed, $"Cannot write the plan '{planPath}': {ex.Message}", planPath));
        }
        WriteObject(SweepCmdlets.Info(plan, planPath, SweepCmdlets.ResolveOutput(this, plan, planPath, null)));
    }

    private CmdletInfo ResolveCommand()
    {
        var match = SweepParameterBinder.ModelCommands.FirstOrDefault(c => c.Equals(Command, StringComparison.OrdinalIgnoreCase));
        var info = match is null ? null : InvokeCommand.GetCmdlet(match);
        if (info is null)
            throw new ParameterException(nameof(Command), Command, $"a sweep runs one of the model cmdlets: {string.Join(", ", SweepParameterBinder.ModelCommands)}.");
        return info;
    }

    private List<(string Name, ScriptBlock Block)> DerivedEntries(SweepParameterBinder binder)
    {
        var list = new List<(string, ScriptBlock)>();
        if (Derived is null) return list;
        foreach (DictionaryEntry e in SweepParameterBinder.Entries(Derived))
        {
            string name = binder.CanonicalName(e.Key?.ToString() ?? "", "-Derived");
            var value = e.Value is PSObject ps ? ps.BaseObject : e.Value;
            list.Add((name, value as ScriptBlock ?? ScriptBlock.Create(LanguagePrimitives.ConvertTo<string>(value) is { } s ? $"'{s.Replace("'", "''")}'" : "$null")));
        }
        return list;
    }

    /// <summary>Evaluates a derived parameter with $_ bound to the task's other parameters (e.g. { $_.K }).</summary>
    private static object? Evaluate(string name, ScriptBlock block, OrderedDictionary<string, object> task)
    {
        var input = new PSObject();
        foreach (var (k, v) in task) input.Properties.Add(new PSNoteProperty(k, v));
        System.Collections.ObjectModel.Collection<PSObject> result;
        try { result = block.InvokeWithContext(null, [new PSVariable("_", input)]); }
        catch (RuntimeException ex)
        {
            throw new ParameterException(name, block.ToString().Trim(), $"-Derived {name} failed for the task ({string.Join(", ", task.Select(p => $"{p.Key}={p.Value}"))}): {ex.Message}");
        }
        if (result.Count != 1 || result[0] is null)
            throw new ParameterException(name, block.ToString().Trim(), $"-Derived {name} must give exactly one value per task; it gave {result.Count}.");
        return result[0].BaseObject;
    }

    private string ModuleVersion() => MyInvocation.MyCommand.Module?.Version?.ToString() ?? typeof(NewScalingSweepCommand).Assembly.GetName().Version?.ToString() ?? "0";
}

/// <summary>Completes -Command with the model cmdlets a sweep can run.</summary>
public sealed class ModelCommandCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        System.Management.Automation.Language.CommandAst commandAst, IDictionary fakeBoundParameters) =>
        SweepParameterBinder.ModelCommands.Where(c => c.StartsWith(wordToComplete ?? "", StringComparison.OrdinalIgnoreCase))
            .Select(c => new CompletionResult(c, c, CompletionResultType.ParameterValue, c));
}
