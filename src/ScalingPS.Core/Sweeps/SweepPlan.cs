using System.Text;
using System.Text.Json;

namespace ScalingPS.Core.Sweeps;

/// <summary>One task of a sweep: one call of the target cmdlet with these parameters.</summary>
public sealed class SweepTask
{
    public SweepTask(int index, string id, OrderedDictionary<string, object> parameters)
    {
        Index = index;
        Id = id;
        Parameters = parameters;
    }

    /// <summary>Position in the plan (0-based): what a Slurm array element passes as -TaskIndex.</summary>
    public int Index { get; }

    /// <summary>Stable id: a hash of the command and the parameters, independent of position and of other tasks.</summary>
    public string Id { get; }

    public OrderedDictionary<string, object> Parameters { get; }

    /// <summary>The id of a task of <paramref name="command"/> with these parameters (names case-insensitive, order-free).</summary>
    public static string MakeId(string command, IEnumerable<KeyValuePair<string, object>> parameters)
    {
        var text = new StringBuilder(command.ToLowerInvariant()).Append('\n');
        foreach (var (name, value) in parameters.OrderBy(p => p.Key.ToLowerInvariant(), StringComparer.Ordinal))
            text.Append(name.ToLowerInvariant()).Append('=').Append(SweepValues.Canonical(value)).Append('\n');
        return SweepValues.Hash(text.ToString());
    }
}

/// <summary>
/// A sweep plan: the target cmdlet, how the user defined the sweep, the kind of every parameter and the expanded
/// tasks. Saved as indented JSON (readable and diffable); loading re-checks every task id.
/// </summary>
public sealed class SweepPlan
{
    public const string FormatName = "ScalingPS.SweepPlan/1";

    public required string Command { get; init; }
    public required string ModuleVersion { get; init; }
    public required SweepDefinition Definition { get; init; }
    /// <summary>Kind of every parameter any task sets, by name (case-insensitive).</summary>
    public required IReadOnlyDictionary<string, ValueKind> Kinds { get; init; }
    public required IReadOnlyList<SweepTask> Tasks { get; init; }
    /// <summary>Where results go by default, relative to the plan file's folder.</summary>
    public required string OutputPath { get; init; }

    /// <summary>A hash of the command and every task id in order: changes whenever the set of tasks changes.</summary>
    public string Id => SweepValues.Hash(Command.ToLowerInvariant() + "\n" + string.Join("\n", Tasks.Select(t => t.Id)));

    public static SweepPlan Create(string command, string moduleVersion, SweepDefinition definition,
        IReadOnlyDictionary<string, ValueKind> kinds, IReadOnlyList<OrderedDictionary<string, object>> taskParameters, string outputPath)
    {
        var tasks = new List<SweepTask>(taskParameters.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < taskParameters.Count; i++)
        {
            string id = SweepTask.MakeId(command, taskParameters[i]);
            if (seen.TryGetValue(id, out int first))
                throw new ParameterException("Grid", id, $"tasks {first} and {i} have identical parameters; remove the duplicate value from -Grid or -Zip.");
            seen[id] = i;
            tasks.Add(new SweepTask(i, id, taskParameters[i]));
        }
        return new SweepPlan { Command = command, ModuleVersion = moduleVersion, Definition = definition, Kinds = kinds, Tasks = tasks, OutputPath = outputPath };
    }

    /// <summary>The plan as indented JSON.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("format", FormatName);
            w.WriteString("id", Id);
            w.WriteString("command", Command);
            w.WriteString("moduleVersion", ModuleVersion);
            w.WriteString("outputPath", OutputPath);
            w.WriteNumber("taskCount", Tasks.Count);
            w.WriteStartObject("definition");
            WriteLists(w, "grid", Definition.Grid);
            WriteLists(w, "zip", Definition.Zip);
            w.WriteStartObject("fixed");
            foreach (var (k, v) in Definition.Fixed) { w.WritePropertyName(k); SweepValues.Write(w, v); }
            w.WriteEndObject();
            w.WriteStartObject("derived");
            foreach (var (k, v) in Definition.Derived) w.WriteString(k, v);
            w.WriteEndObject();
            w.WriteStartArray("seeds");
            foreach (int s in Definition.Seeds) w.WriteNumberValue(s);
            w.WriteEndArray();
            w.WriteNumber("seedsPerTask", Definition.SeedsPerTask);
            w.WriteEndObject();
            w.WriteStartObject("kinds");
            foreach (var (k, v) in Kinds.OrderBy(k => k.Key, StringComparer.OrdinalIgnoreCase)) w.WriteString(k, SweepValues.KindName(v));
            w.WriteEndObject();
            w.WriteStartArray("tasks");
            foreach (var t in Tasks)
            {
                w.WriteStartObject();
                w.WriteNumber("index", t.Index);
                w.WriteString("id", t.Id);
                w.WriteStartObject("parameters");
                foreach (var (k, v) in t.Parameters) { w.WritePropertyName(k); SweepValues.Write(w, v); }
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteLists(Utf8JsonWriter w, string name, List<KeyValuePair<string, object[]>> lists)
    {
        w.WriteStartObject(name);
        foreach (var (k, values) in lists) { w.WritePropertyName(k); SweepValues.Write(w, values); }
        w.WriteEndObject();
    }

    /// <summary>Writes the plan to a temporary name beside <paramref name="path"/> and renames it over the target.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());

    /// <summary>Reads a plan; a file that is not one, or whose task ids do not match their parameters, is refused.</summary>
    public static SweepPlan Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        { throw new SweepFileException(SweepFileException.PlanUnreadable, path, $"Cannot read sweep plan '{path}': {ex.Message}"); }
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var f) || f.GetString() != FormatName)
                throw new FormatException($"it is not a ScalingPS sweep plan (no \"format\": \"{FormatName}\").");
            var kinds = new Dictionary<string, ValueKind>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in root.GetProperty("kinds").EnumerateObject()) kinds[p.Name] = SweepValues.ParseKind(p.Value.GetString() ?? "");
            object Norm(string name, object? v) => v is null ? throw new FormatException($"parameter '{name}' is null.")
                : kinds.TryGetValue(name, out var k) ? SweepValues.Normalize(v, k) : v;
            var def = root.GetProperty("definition");
            var definition = new SweepDefinition
            {
                Grid = ReadLists(def.GetProperty("grid"), Norm),
                Zip = ReadLists(def.GetProperty("zip"), Norm),
                Fixed = def.GetProperty("fixed").EnumerateObject().Select(p => new KeyValuePair<string, object>(p.Name, Norm(p.Name, SweepValues.Read(p.Value)))).ToList(),
                Derived = def.GetProperty("derived").EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString() ?? "")).ToList(),
                Seeds = def.GetProperty("seeds").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
                SeedsPerTask = def.GetProperty("seedsPerTask").GetInt32(),
            };
            string command = root.GetProperty("command").GetString() ?? "";
            var tasks = new List<SweepTask>();
            foreach (var t in root.GetProperty("tasks").EnumerateArray())
            {
                var parameters = new OrderedDictionary<string, object>(StringComparer.OrdinalIgnoreCase);
                foreach (var p in t.GetProperty("parameters").EnumerateObject()) parameters[p.Name] = Norm(p.Name, SweepValues.Read(p.Value));
                int index = t.GetProperty("index").GetInt32();
                string id = t.GetProperty("id").GetString() ?? "";
                if (index != tasks.Count) throw new FormatException($"task {tasks.Count} has index {index}.");
                string expected = SweepTask.MakeId(command, parameters);
                if (id != expected) throw new FormatException($"task {index} has id {id} but its parameters hash to {expected} (edited by hand? make the plan again with New-ScalingSweep).");
                tasks.Add(new SweepTask(index, id, parameters));
            }
            return new SweepPlan
            {
                Command = command,
                ModuleVersion = root.GetProperty("moduleVersion").GetString() ?? "",
                OutputPath = root.GetProperty("outputPath").GetString() ?? "",
                Definition = definition,
                Kinds = kinds,
                Tasks = tasks,
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or InvalidCastException or OverflowException)
        {
            throw new SweepFileException(SweepFileException.PlanInvalid, path, $"Sweep plan '{path}' cannot be used: {ex.Message}");
        }
    }

    private static List<KeyValuePair<string, object[]>> ReadLists(JsonElement e, Func<string, object?, object> norm) =>
        e.EnumerateObject().Select(p => new KeyValuePair<string, object[]>(p.Name,
            p.Value.EnumerateArray().Select(v => norm(p.Name, SweepValues.Read(v))).ToArray())).ToList();
}
