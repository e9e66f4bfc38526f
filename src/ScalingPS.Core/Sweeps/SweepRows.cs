namespace ScalingPS.Core.Sweeps;

/// <summary>
/// Builds a task's shard from its output rows. Values arrive already reduced to int, long, double, bool, string
/// or null; each column takes the kind of its values (integers widen to long or double when rows disagree).
/// The columns are: TaskId, the task's parameters that the rows do not carry themselves, then the rows' properties.
/// </summary>
public static class SweepRows
{
    public const string TaskIdColumn = "TaskId";

    public static ShardData ToShard(SweepPlan plan, SweepTask task, IReadOnlyList<IReadOnlyList<KeyValuePair<string, object?>>> rows)
    {
        var order = new OrderedDictionary<string, ValueKind?>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
            foreach (var (name, value) in row)
            {
                var kind = KindOf(value);
                if (!order.TryGetValue(name, out var k)) order[name] = kind;
                else if (kind is { } kv) order[name] = k is { } kk ? Widen(kk, kv) : kv;
            }
        int n = rows.Count;
        var columns = new List<ShardColumn> { new(TaskIdColumn, ValueKind.String, Enumerable.Repeat((object?)task.Id, n).ToArray()) };
        foreach (var (name, value) in task.Parameters)
        {
            if (order.ContainsKey(name) || name.Equals(TaskIdColumn, StringComparison.OrdinalIgnoreCase)) continue;
            object cell = value is object[] list ? SweepValues.Canonical(list) : value;
            columns.Add(new ShardColumn(name, KindOf(cell) ?? ValueKind.String, Enumerable.Repeat((object?)cell, n).ToArray()));
        }
        foreach (var (name, kind) in order)
        {
            if (name.Equals(TaskIdColumn, StringComparison.OrdinalIgnoreCase)) continue;
            var k = kind ?? ValueKind.String;
            var values = new object?[n];
            for (int r = 0; r < n; r++)
                foreach (var (cn, v) in rows[r])
                    if (cn.Equals(name, StringComparison.OrdinalIgnoreCase)) { values[r] = v is null ? null : Convert(v, k); break; }
            columns.Add(new ShardColumn(name, k, values));
        }
        return new ShardData { Metadata = ShardData.MetadataFor(plan, task), Columns = columns };
    }

    public static ValueKind? KindOf(object? v) => v switch
    {
        null => null,
        int => ValueKind.Int32,
        long => ValueKind.Int64,
        double => ValueKind.Double,
        bool => ValueKind.Boolean,
        _ => ValueKind.String,
    };

    internal static ValueKind Widen(ValueKind a, ValueKind b) => (a, b) switch
    {
        _ when a == b => a,
        (ValueKind.Int32, ValueKind.Int64) or (ValueKind.Int64, ValueKind.Int32) => ValueKind.Int64,
        (ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double, ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double) => ValueKind.Double,
        _ => ValueKind.String,
    };

    internal static object Convert(object v, ValueKind kind) => kind switch
    {
        ValueKind.Int64 when v is not long => System.Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture),
        ValueKind.Double when v is not double => System.Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture),
        ValueKind.String when v is not string => SweepValues.Canonical(v),
        _ => v,
    };
}

/// <summary>How many threads one task of a command keeps busy, so that a sweep does not oversubscribe the cores.</summary>
public static class SweepThreads
{
    /// <summary>
    /// Engine threads of one task: the task's own ThrottleLimit where the command has one (the runner sets it to
    /// <paramref name="throttleForTask"/> unless the plan fixes it), all cores for the DMFT theory (its times run in
    /// parallel), otherwise one.
    /// </summary>
    public static int EngineThreads(string command, IReadOnlyDictionary<string, object> parameters, bool commandHasThrottleLimit, int throttleForTask, int cores)
    {
        if (commandHasThrottleLimit)
            return parameters.TryGetValue("ThrottleLimit", out var t) && System.Convert.ToInt32(t, System.Globalization.CultureInfo.InvariantCulture) > 0
                ? System.Convert.ToInt32(t, System.Globalization.CultureInfo.InvariantCulture) : throttleForTask;
        return command.Equals("Get-RandomFeatureCurve", StringComparison.OrdinalIgnoreCase) ? cores : 1;
    }
}
