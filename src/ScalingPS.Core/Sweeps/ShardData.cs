namespace ScalingPS.Core.Sweeps;

/// <summary>One typed column of a result shard. Values are int, long, double, bool or string (null where a row lacks it).</summary>
public sealed class ShardColumn(string name, ValueKind kind, object?[] values)
{
    public string Name { get; } = name;
    public ValueKind Kind { get; } = kind;
    public object?[] Values { get; } = values;
}

/// <summary>The rows of one task (column-wise) and the key/value metadata that says where they came from.</summary>
public sealed class ShardData
{
    public const string PlanIdKey = "scalingps.plan_id";
    public const string TaskIdKey = "scalingps.task_id";
    public const string TaskIndexKey = "scalingps.task_index";
    public const string CommandKey = "scalingps.command";
    public const string ModuleVersionKey = "scalingps.module_version";
    public const string ParametersKey = "scalingps.parameters";
    /// <summary>Marks a file written by Import-ScalingResult -Merge: the number of shards it holds.</summary>
    public const string MergedKey = "scalingps.merged_shards";

    /// <summary>
    /// One table of many shards' rows: columns matched by name in order of first appearance, a row lacking a column
    /// gets null; where shards disagree on a column's kind, integers widen to long or double, anything else to string.
    /// </summary>
    public static ShardData Concat(IReadOnlyList<ShardData> shards, IReadOnlyDictionary<string, string> metadata)
    {
        var kinds = new OrderedDictionary<string, ValueKind>(StringComparer.Ordinal);
        foreach (var s in shards)
            foreach (var c in s.Columns)
                kinds[c.Name] = kinds.TryGetValue(c.Name, out var k) ? SweepRows.Widen(k, c.Kind) : c.Kind;
        int total = shards.Sum(s => s.RowCount);
        var columns = new List<ShardColumn>();
        foreach (var (name, kind) in kinds)
        {
            var values = new object?[total];
            int offset = 0;
            foreach (var s in shards)
            {
                var c = s.Columns.FirstOrDefault(x => x.Name == name);
                if (c is not null)
                    for (int r = 0; r < s.RowCount; r++) values[offset + r] = c.Values[r] is { } v ? SweepRows.Convert(v, kind) : null;
                offset += s.RowCount;
            }
            columns.Add(new ShardColumn(name, kind, values));
        }
        return new ShardData { Metadata = metadata, Columns = columns };
    }

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }
    public required IReadOnlyList<ShardColumn> Columns { get; init; }
    public int RowCount => Columns.Count == 0 ? 0 : Columns[0].Values.Length;

    public string? TaskId => Metadata.TryGetValue(TaskIdKey, out var v) ? v : null;

    /// <summary>Shard metadata for a task of a plan: plan id, task id and index, command, module version, exact parameters (JSON).</summary>
    public static Dictionary<string, string> MetadataFor(SweepPlan plan, SweepTask task)
    {
        using var buffer = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var (k, v) in task.Parameters) { w.WritePropertyName(k); SweepValues.Write(w, v); }
            w.WriteEndObject();
        }
        return new Dictionary<string, string>
        {
            [PlanIdKey] = plan.Id,
            [TaskIdKey] = task.Id,
            [TaskIndexKey] = task.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [CommandKey] = plan.Command,
            [ModuleVersionKey] = plan.ModuleVersion,
            [ParametersKey] = System.Text.Encoding.UTF8.GetString(buffer.ToArray()),
        };
    }
}
