using System.Globalization;
using System.Management.Automation;
using ScalingPS.Core.Analysis;

namespace ScalingPS.Infrastructure;

/// <summary>
/// Collects numeric columns from arbitrary pipeline objects for the analysis cmdlets: ScalingPS records, any
/// .NET object, or PSCustomObjects from Import-Csv whose values are strings (parsed as invariant-culture
/// doubles). Properties are read through PSObject, so ETS and note properties work too. Objects lacking a
/// required property are skipped with one MissingProperty error per property name (not one per object);
/// values that are not numbers are skipped with a NotNumeric error naming the property and value.
/// </summary>
internal sealed class NumericRows
{
    private readonly Cmdlet _cmdlet;
    private readonly string[] _columns;
    private readonly string[] _optional;
    private readonly string[] _groupBy;
    private readonly string? _cluster;
    private readonly HashSet<string> _reportedMissing = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _clusterIds = new(StringComparer.Ordinal);
    private int _seen;

    /// <param name="optionalColumns">Columns appended after <paramref name="columns"/> that may be missing or not numeric: NaN then, no error.</param>
    public NumericRows(Cmdlet cmdlet, IEnumerable<string> columns, string[]? groupBy, string? clusterProperty, IEnumerable<string>? optionalColumns = null)
    {
        _cmdlet = cmdlet;
        _columns = columns.ToArray();
        _optional = optionalColumns?.ToArray() ?? [];
        _groupBy = groupBy ?? [];
        _cluster = string.IsNullOrEmpty(clusterProperty) ? null : clusterProperty;
    }

    public sealed class Group(string key)
    {
        public string Key { get; } = key;
        public List<double[]> Rows { get; } = [];
        /// <summary>Cluster id per row, or null for the group when any row lacks the cluster property.</summary>
        public List<double>? Clusters { get; set; } = [];

        public double[] Column(int j) => Rows.Select(r => r[j]).ToArray();
    }

    public IReadOnlyCollection<Group> Groups => _groups.Values;

    public int Skipped { get; private set; }

    public void Add(PSObject? input)
    {
        _seen++;
        if (input is null) return;
        var obj = PSObject.AsPSObject(input);
        var row = new double[_columns.Length + _optional.Length];
        for (int j = 0; j < _optional.Length; j++)
            row[_columns.Length + j] = TryRead(obj, _optional[j], out object? opt) && TryNumber(opt, out double v) ? v : double.NaN;
        for (int j = 0; j < _columns.Length; j++)
        {
            if (!TryRead(obj, _columns[j], out object? raw)) { Skip(_columns[j], input); return; }
            if (!TryNumber(raw, out row[j]))
            {
                _cmdlet.WriteError(Errors.Make(Errors.NotNumeric,
                    $"Object {_seen}: property '{_columns[j]}' = '{raw}' is not a number (strings are read as invariant-culture doubles, e.g. 1.5e-3).",
                    input));
                Skipped++;
                return;
            }
        }
        var keyParts = new string[_groupBy.Length];
        for (int g = 0; g < _groupBy.Length; g++)
        {
            if (!TryRead(obj, _groupBy[g], out object? raw)) { Skip(_groupBy[g], input); return; }
            keyParts[g] = raw is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : raw?.ToString() ?? "";
        }
        string key = string.Join(", ", keyParts);
        if (!_groups.TryGetValue(key, out var group)) _groups[key] = group = new Group(key);
        group.Rows.Add(row);
        if (group.Clusters is not null)
        {
            if (_cluster is not null && TryRead(obj, _cluster, out object? c) && c is not null)
            {
                string label = c is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : c.ToString() ?? "";
                if (!_clusterIds.TryGetValue(label, out double id)) _clusterIds[label] = id = _clusterIds.Count;
                group.Clusters.Add(id);
            }
            else group.Clusters = null;
        }
    }

    private void Skip(string property, object target)
    {
        Skipped++;
        if (_reportedMissing.Add(property))
            _cmdlet.WriteError(Errors.Make(Errors.MissingProperty,
                $"Object {_seen} has no property '{property}'; objects without it are skipped (this error is reported once per property).",
                target));
    }

    private static bool TryRead(PSObject obj, string name, out object? value)
    {
        var prop = obj.Properties[name];
        value = prop?.Value;
        if (value is PSObject ps) value = ps.BaseObject;
        return prop is not null;
    }

    internal static bool TryNumber(object? raw, out double value)
    {
        switch (raw)
        {
            case double d: value = d; return true;
            case string s: return double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
            case bool: value = double.NaN; return false;
            case IConvertible c:
                try { value = c.ToDouble(CultureInfo.InvariantCulture); return true; }
                catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException) { value = double.NaN; return false; }
            default:
                value = double.NaN;
                return false;
        }
    }
}

/// <summary>Maps one group's engine progress into the fraction of a run over several groups.</summary>
internal sealed class GroupProgress(EngineSink sink, int index, int count) : IProgress<ScalingPS.Core.EngineProgress>
{
    public void Report(ScalingPS.Core.EngineProgress value) =>
        sink.Report(new ScalingPS.Core.EngineProgress((index + value.Fraction) / count, count > 1 ? $"group {index + 1}/{count}: {value.Status}" : value.Status));
}
