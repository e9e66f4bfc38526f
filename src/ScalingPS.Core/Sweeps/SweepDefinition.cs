namespace ScalingPS.Core.Sweeps;

/// <summary>
/// What a user asked for when making a sweep, with every value already converted to the target cmdlet's
/// parameter type: the crossed grid, the zipped lists (walked together, crossed with the grid), fixed values,
/// derived parameters (their script text, kept for the reader; their values are in each task), and seeds cut
/// into tasks of at most <see cref="SeedsPerTask"/> consecutive seeds.
/// </summary>
public sealed class SweepDefinition
{
    public List<KeyValuePair<string, object[]>> Grid { get; init; } = [];
    public List<KeyValuePair<string, object[]>> Zip { get; init; } = [];
    public List<KeyValuePair<string, object>> Fixed { get; init; } = [];
    public List<KeyValuePair<string, string>> Derived { get; init; } = [];
    public int[] Seeds { get; init; } = [];
    public int SeedsPerTask { get; init; } = 1;

    /// <summary>Largest plan accepted: a million tasks is far more than any cluster array runs at once.</summary>
    public const long MaxTasks = 1_000_000;

    /// <summary>Number of tasks the definition expands to, or an error naming the parameter that makes it too large.</summary>
    public long CountTasks()
    {
        long count = 1;
        foreach (var (name, values) in Grid)
        {
            if (values.Length == 0) throw new ParameterException("Grid", name, $"grid entry '{name}' has no values; give at least one.");
            count = checked(count * values.Length);
            if (count > MaxTasks) throw new ParameterException("Grid", count, $"the grid expands to more than {MaxTasks:N0} tasks; split the study into several plans.");
        }
        if (Zip.Count > 0)
        {
            int n = Zip[0].Value.Length;
            foreach (var (name, values) in Zip)
                if (values.Length != n || n == 0)
                    throw new ParameterException("Zip", name, $"every -Zip list must have the same, non-zero length ('{Zip[0].Key}' has {n}, '{name}' has {values.Length}).");
            count *= n;
        }
        count *= SeedChunks(Seeds, SeedsPerTask).Count;
        if (count > MaxTasks) throw new ParameterException("Seeds", count, $"the plan expands to more than {MaxTasks:N0} tasks; raise -SeedsPerTask or split the study.");
        return count;
    }

    /// <summary>Consecutive runs of the seed list, each cut into pieces of at most <paramref name="perTask"/> seeds: (first seed, count).</summary>
    public static List<(int First, int Count)> SeedChunks(int[] seeds, int perTask)
    {
        var chunks = new List<(int, int)>();
        if (seeds.Length == 0) { chunks.Add((0, 0)); return chunks; }
        int i = 0;
        while (i < seeds.Length)
        {
            int first = seeds[i], count = 1;
            while (i + count < seeds.Length && count < perTask && (long)seeds[i + count] == (long)first + count) count++;
            chunks.Add((first, count));
            i += count;
        }
        return chunks;
    }

    /// <summary>
    /// The parameters of every task, grid varying slowest, then zip, then seeds: each as an ordered name → value
    /// map (grid, zip, fixed, then seed parameters). Derived values are added by the caller, which evaluates them.
    /// </summary>
    public List<OrderedDictionary<string, object>> Expand(bool targetHasRepeat)
    {
        CountTasks();
        var tasks = new List<OrderedDictionary<string, object>> { new(StringComparer.OrdinalIgnoreCase) };
        foreach (var (name, values) in Grid)
        {
            var next = new List<OrderedDictionary<string, object>>(tasks.Count * values.Length);
            foreach (var t in tasks)
                foreach (var v in values) next.Add(With(t, [new(name, v)]));
            tasks = next;
        }
        if (Zip.Count > 0)
        {
            int n = Zip[0].Value.Length;
            var next = new List<OrderedDictionary<string, object>>(tasks.Count * n);
            foreach (var t in tasks)
                for (int i = 0; i < n; i++) next.Add(With(t, Zip.Select(z => new KeyValuePair<string, object>(z.Key, z.Value[i]))));
            tasks = next;
        }
        foreach (var t in tasks)
            foreach (var (name, v) in Fixed) t[name] = v;
        if (Seeds.Length == 0) return tasks;
        var withSeeds = new List<OrderedDictionary<string, object>>();
        var chunks = SeedChunks(Seeds, SeedsPerTask);
        foreach (var t in tasks)
            foreach (var (first, count) in chunks)
            {
                var s = With(t, [new("Seed", first)]);
                if (targetHasRepeat) s["Repeat"] = count;
                withSeeds.Add(s);
            }
        return withSeeds;
    }

    private static OrderedDictionary<string, object> With(OrderedDictionary<string, object> t, IEnumerable<KeyValuePair<string, object>> extra)
    {
        var copy = new OrderedDictionary<string, object>(t, StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in extra) copy[k] = v;
        return copy;
    }
}
