using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ScalingPS.Core.Sweeps;

/// <summary>
/// Result shards as CSV, for people without a Parquet reader: invariant-culture numbers (round-trip precision,
/// NaN and Infinity spelled out), enum names, RFC 4180 quoting. The shard's metadata and the kind of every column
/// go to a sidecar "&lt;shard&gt;.json" written first, so that the CSV's appearance (by rename) marks the shard complete
/// and reading it back gives numbers as numbers.
/// </summary>
public static class CsvShards
{
    public static string SidecarPath(string csvPath) => csvPath + ".json";

    public static void Write(string path, ShardData shard)
    {
        AtomicFile.Write(SidecarPath(path), s =>
        {
            using var w = new Utf8JsonWriter(s, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteStartObject("metadata");
            foreach (var (k, v) in shard.Metadata) w.WriteString(k, v);
            w.WriteEndObject();
            w.WriteStartObject("columns");
            foreach (var c in shard.Columns) w.WriteString(c.Name, SweepValues.KindName(c.Kind));
            w.WriteEndObject();
            w.WriteEndObject();
        });
        AtomicFile.Write(path, s =>
        {
            using var w = new StreamWriter(s, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            w.WriteLine(string.Join(",", shard.Columns.Select(c => Quote(c.Name))));
            var line = new StringBuilder();
            for (int r = 0; r < shard.RowCount; r++)
            {
                line.Clear();
                for (int c = 0; c < shard.Columns.Count; c++)
                {
                    if (c > 0) line.Append(',');
                    line.Append(Format(shard.Columns[c].Values[r]));
                }
                w.WriteLine(line);
            }
        });
    }

    private static string Format(object? v) => v switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "True" : "False",
        string s => Quote(s),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(v.ToString() ?? ""),
    };

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 || s.Length == 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    public static ShardData Read(string path)
    {
        string side = SidecarPath(path);
        if (!File.Exists(side)) throw Corrupt(path, $"has no sidecar '{Path.GetFileName(side)}' with its column types");
        if (new FileInfo(path).Length == 0) throw Corrupt(path, "is empty (zero bytes)");
        Dictionary<string, string> metadata;
        List<(string Name, ValueKind Kind)> kinds;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(side));
            metadata = doc.RootElement.GetProperty("metadata").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
            kinds = doc.RootElement.GetProperty("columns").EnumerateObject().Select(p => (p.Name, SweepValues.ParseKind(p.Value.GetString() ?? ""))).ToList();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw Corrupt(path, $"has an unreadable sidecar ({ex.Message})", ex);
        }
        var lines = ReadRecords(File.ReadAllText(path));
        if (lines.Count == 0 || !lines[0].SequenceEqual(kinds.Select(k => k.Name)))
            throw Corrupt(path, "has a header that does not match its sidecar's columns");
        var columns = kinds.Select(_ => new object?[lines.Count - 1]).ToArray();
        for (int r = 1; r < lines.Count; r++)
        {
            if (lines[r].Count != kinds.Count) throw Corrupt(path, $"row {r} has {lines[r].Count} fields, not {kinds.Count} (cut short?)");
            for (int c = 0; c < kinds.Count; c++)
            {
                string text = lines[r][c];
                try
                {
                    columns[c][r - 1] = text.Length == 0 && kinds[c].Kind != ValueKind.String ? null : kinds[c].Kind switch
                    {
                        ValueKind.Int32 => int.Parse(text, CultureInfo.InvariantCulture),
                        ValueKind.Int64 => long.Parse(text, CultureInfo.InvariantCulture),
                        ValueKind.Double => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
                        ValueKind.Boolean => bool.Parse(text),
                        _ => text,
                    };
                }
                catch (FormatException) { throw Corrupt(path, $"row {r}, column '{kinds[c].Name}': '{text}' is not a {SweepValues.KindName(kinds[c].Kind)}"); }
            }
        }
        return new ShardData { Metadata = metadata, Columns = kinds.Select((k, i) => new ShardColumn(k.Name, k.Kind, columns[i])).ToList() };
    }

    /// <summary>Splits RFC 4180 text into records of fields (quoted fields may hold commas, quotes and newlines).</summary>
    private static List<List<string>> ReadRecords(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, any = false;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
                continue;
            }
            switch (ch)
            {
                case '"': quoted = true; any = true; break;
                case ',': record.Add(field.ToString()); field.Clear(); any = true; break;
                case '\r': break;
                case '\n': record.Add(field.ToString()); field.Clear(); records.Add(record); record = []; any = false; break;
                default: field.Append(ch); any = true; break;
            }
        }
        if (any || field.Length > 0) { record.Add(field.ToString()); records.Add(record); }
        return records;
    }

    private static SweepFileException Corrupt(string path, string what, Exception? inner = null) =>
        new(SweepFileException.ShardCorrupt, path, $"Shard '{path}' {what}.", inner);
}
