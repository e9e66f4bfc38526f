using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Reflection;
using ScalingPS.Core;
using ScalingPS.Core.Sweeps;

namespace ScalingPS.Sweeps;

/// <summary>
/// Checks a sweep's parameters against the target cmdlet's own metadata when the plan is made: every name must be
/// a parameter of the cmdlet, every value must convert to its type and pass its validation attributes (ValidateRange,
/// ValidateSet, …), and one parameter set must be complete. Values are stored converted (enums by name, switches as
/// bool), so the plan holds exactly what the cmdlet will be called with.
/// </summary>
internal sealed class SweepParameterBinder
{
    /// <summary>The cmdlets a sweep can run: the models, whose output is a table of points.</summary>
    public static readonly string[] ModelCommands =
        ["Invoke-CommitteeSgd", "Invoke-CommitteeOde", "Get-CommitteeLinearCurve", "Get-CommitteePlateau",
         "Invoke-RandomFeatureTraining", "Get-RandomFeatureCurve", "Get-RandomFeatureExponent"];

    /// <summary>Parameters a plan cannot carry: pipeline objects (a plan is JSON) and PowerShell's common parameters.</summary>
    private static readonly HashSet<string> Unsweepable = new(StringComparer.OrdinalIgnoreCase) { "Spectrum", "InitialState" };

    private readonly CmdletInfo _cmdlet;
    private readonly EngineIntrinsics _engine;
    private readonly Dictionary<string, string> _validated = new(StringComparer.Ordinal);

    public SweepParameterBinder(CmdletInfo cmdlet, EngineIntrinsics engine)
    {
        _cmdlet = cmdlet;
        _engine = engine;
    }

    public string CommandName => _cmdlet.Name;

    public bool HasParameter(string name) => Find(name) is not null;

    private ParameterMetadata? Find(string name) =>
        _cmdlet.Parameters.TryGetValue(name, out var p) && !IsCommon(p.Name) ? p : null;

    private static bool IsCommon(string name) =>
        Cmdlet.CommonParameters.Contains(name, StringComparer.OrdinalIgnoreCase) || Cmdlet.OptionalCommonParameters.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The parameter's name as the cmdlet spells it, or an InvalidParameter.&lt;name&gt; refusal.</summary>
    public string CanonicalName(string name, string from)
    {
        var p = Find(name);
        if (p is null)
        {
            var near = _cmdlet.Parameters.Keys.Where(k => !IsCommon(k) && (k.StartsWith(name[..Math.Min(2, name.Length)], StringComparison.OrdinalIgnoreCase))).ToArray();
            throw new ParameterException(name, from, $"{_cmdlet.Name} has no parameter -{name} (given in {from})." +
                (near.Length > 0 ? $" Did you mean {string.Join(", ", near.Select(n => "-" + n))}?" : ""));
        }
        if (Unsweepable.Contains(p.Name))
            throw new ParameterException(p.Name, from, $"-{p.Name} takes an object from the pipeline, which a plan (JSON) cannot hold; use the cmdlet's numeric parameters (e.g. -N -L -Beta).");
        return p.Name;
    }

    public ValueKind KindOf(string name) => KindOfType(Find(name)!.ParameterType);

    private static ValueKind KindOfType(Type t) => t switch
    {
        _ when t == typeof(int) || t == typeof(short) || t == typeof(byte) => ValueKind.Int32,
        _ when t == typeof(long) || t == typeof(uint) => ValueKind.Int64,
        _ when t == typeof(double) || t == typeof(float) => ValueKind.Double,
        _ when t == typeof(bool) || t == typeof(SwitchParameter) => ValueKind.Boolean,
        _ when t.IsArray => ValueKind.List,
        _ => ValueKind.String,
    };

    /// <summary>Converts a value to the parameter's type and runs its validation attributes; returns the value to store.</summary>
    public object Convert(string name, object? value)
    {
        var p = Find(name)!;
        value = value is PSObject ps ? ps.BaseObject : value;
        object? converted;
        try
        {
            converted = LanguagePrimitives.ConvertTo(value, p.ParameterType, CultureInfo.InvariantCulture);
        }
        catch (PSInvalidCastException ex)
        {
            throw new ParameterException(p.Name, value, $"cannot be converted to {p.ParameterType.Name} for {_cmdlet.Name}: {ex.Message}");
        }
        string key = p.Name + "\n" + SweepValues.Canonical(Store(converted));
        if (!_validated.ContainsKey(key))
        {
            foreach (var attr in p.Attributes.OfType<ValidateArgumentsAttribute>())
            {
                try { ValidateMethod.Invoke(attr, [converted, _engine]); }
                catch (TargetInvocationException ex) when (ex.InnerException is ValidationMetadataException or ArgumentException)
                {
                    throw new ParameterException(p.Name, value, $"refused by {_cmdlet.Name}: {ex.InnerException.Message}");
                }
            }
            _validated[key] = key;
        }
        return Store(converted);
    }

    // ValidateArgumentsAttribute.Validate is protected; it is the one entry point that runs any attribute (ValidateRange
    // with its RangeKind, ValidateSet, ValidateScript…) exactly as parameter binding will on the node.
    private static readonly MethodInfo ValidateMethod = typeof(ValidateArgumentsAttribute)
        .GetMethod("Validate", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(object), typeof(EngineIntrinsics)])!;

    /// <summary>A converted value as a plan stores it: numbers and strings as they are, enums by name, switches as bool, arrays as lists.</summary>
    private static object Store(object? v) => v switch
    {
        null => "",
        SwitchParameter s => s.IsPresent,
        Enum e => e.ToString(),
        float f => (double)f,
        short or byte => System.Convert.ToInt32(v, CultureInfo.InvariantCulture),
        uint u => (long)u,
        string or int or long or double or bool => v,
        Array a => a.Cast<object?>().Select(Store).ToArray(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    /// <summary>Refuses a set of names that no parameter set of the cmdlet accepts, naming a missing mandatory parameter.</summary>
    public void CheckParameterSet(IReadOnlyCollection<string> names)
    {
        string? missing = null;
        foreach (var set in _cmdlet.ParameterSets)
        {
            var inSet = set.Parameters.Where(p => !IsCommon(p.Name)).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
            if (!names.All(inSet.ContainsKey)) continue;
            var lacking = inSet.Values.Where(p => p.IsMandatory && !names.Contains(p.Name, StringComparer.OrdinalIgnoreCase)).Select(p => p.Name).ToArray();
            if (lacking.Length == 0) return;
            missing ??= lacking.FirstOrDefault(l => !Unsweepable.Contains(l)) ?? lacking[0];
        }
        if (missing is not null)
            throw new ParameterException(missing, null, $"{_cmdlet.Name} needs -{missing} with the parameters given ({string.Join(", ", names)}); add it to -Fixed or -Grid.");
        throw new ParameterException(names.First(), null, $"{_cmdlet.Name} has no parameter set that takes all of {string.Join(", ", names.Select(n => "-" + n))} together.");
    }

    /// <summary>
    /// A table's entries in a stable order: as written for [ordered] tables, else sorted by name (a Hashtable's own
    /// order changes from one process to the next, and the plan's task order must not).
    /// </summary>
    public static IEnumerable<DictionaryEntry> Entries(IDictionary table)
    {
        var entries = table.Cast<DictionaryEntry>();
        return table is System.Collections.Specialized.IOrderedDictionary ? entries
            : entries.OrderBy(e => e.Key?.ToString(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Converts the entries of a hashtable (-Grid, -Zip: lists; -Fixed: single values).</summary>
    public List<KeyValuePair<string, object[]>> Lists(IDictionary? table, string from)
    {
        var result = new List<KeyValuePair<string, object[]>>();
        if (table is null) return result;
        foreach (DictionaryEntry e in Entries(table))
        {
            string name = CanonicalName(e.Key?.ToString() ?? "", from);
            var kind = KindOf(name);
            object? raw = e.Value is PSObject ps ? ps.BaseObject : e.Value;
            // A list-typed parameter (e.g. -N or -Time of Get-RandomFeatureCurve): in -Fixed the list is the one value;
            // in -Grid and -Zip a flat list gives one task per element (each a one-element list), and a list of lists
            // gives one task per inner list.
            IEnumerable<object?> items;
            if (kind != ValueKind.List) items = raw is IEnumerable en and not string ? en.Cast<object?>() : [raw];
            else if (from == "-Fixed" || raw is not IEnumerable || raw is string) items = [raw];
            else
            {
                var outer = ((IEnumerable)raw).Cast<object?>().ToArray();
                items = outer.All(o => (o is PSObject p ? p.BaseObject : o) is IList)
                    ? outer : outer.Select(o => (object?)new[] { o }).ToArray();
            }
            var values = items.Select(v => Convert(name, v)).ToArray();
            result.Add(new(name, values));
        }
        return result;
    }
}
