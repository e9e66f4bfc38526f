using Parquet;
using Parquet.Schema;

namespace ScalingPS.Core.Sweeps;

/// <summary>
/// Result shards as Parquet files through Parquet.Net: one row group, flat typed columns (INT32, INT64, DOUBLE,
/// BOOLEAN, UTF-8 strings), required unless a row lacks the value, and the shard's metadata as the file's
/// key/value metadata. Reading checks the file whole before returning any row, so a cut or foreign file is
/// reported, never half-read.
/// </summary>
public static class ParquetShards
{
    public static void Write(Stream output, ShardData shard) => WriteAsync(output, shard).GetAwaiter().GetResult();

    private static async Task WriteAsync(Stream output, ShardData shard)
    {
        var fields = shard.Columns.Select(c => MakeField(c)).ToArray();
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output, options).ConfigureAwait(false);
        writer.CustomMetadata = new Dictionary<string, string>(shard.Metadata);
        using var group = writer.CreateRowGroup();
        for (int i = 0; i < fields.Length; i++)
        {
            var c = shard.Columns[i];
            var f = fields[i];
            switch (c.Kind)
            {
                case ValueKind.Int32: await WriteColumn<int>(group, f, c.Values).ConfigureAwait(false); break;
                case ValueKind.Int64: await WriteColumn<long>(group, f, c.Values).ConfigureAwait(false); break;
                case ValueKind.Double: await WriteColumn<double>(group, f, c.Values).ConfigureAwait(false); break;
                case ValueKind.Boolean: await WriteColumn<bool>(group, f, c.Values).ConfigureAwait(false); break;
                default: await group.WriteAsync(f, c.Values.Select(v => (string?)v).ToArray()!).ConfigureAwait(false); break;
            }
        }
    }

    private static DataField MakeField(ShardColumn c)
    {
        bool nullable = c.Values.Any(v => v is null);
        return c.Kind switch
        {
            ValueKind.Int32 => new DataField<int>(c.Name, nullable),
            ValueKind.Int64 => new DataField<long>(c.Name, nullable),
            ValueKind.Double => new DataField<double>(c.Name, nullable),
            ValueKind.Boolean => new DataField<bool>(c.Name, nullable),
            ValueKind.String => new DataField<string>(c.Name, true),
            _ => throw new ArgumentException($"Column '{c.Name}' has kind {c.Kind}, which a shard cannot hold."),
        };
    }

    private static async Task WriteColumn<T>(ParquetRowGroupWriter group, DataField field, object?[] values) where T : struct
    {
        if (field.IsNullable)
            await group.WriteAsync<T>(field, (ReadOnlyMemory<T?>)values.Select(v => (T?)v).ToArray()).ConfigureAwait(false);
        else
            await group.WriteAsync<T>(field, (ReadOnlyMemory<T>)values.Select(v => (T)v!).ToArray()).ConfigureAwait(false);
    }

    /// <summary>Checks the Parquet framing (PAR1 at both ends) without parsing: a zero-byte or cut file fails here.</summary>
    private static void CheckFraming(string path)
    {
        long length = new FileInfo(path).Length;
        if (length == 0) throw Corrupt(path, "is empty (zero bytes)");
        Span<byte> head = stackalloc byte[4], tail = stackalloc byte[4];
        using var s = File.OpenRead(path);
        if (length < 12) throw Corrupt(path, $"is {length} bytes, too short to be a Parquet file");
        s.ReadExactly(head);
        s.Seek(-4, SeekOrigin.End);
        s.ReadExactly(tail);
        if (!head.SequenceEqual("PAR1"u8)) throw Corrupt(path, "is not a Parquet file (no PAR1 header)");
        if (!tail.SequenceEqual("PAR1"u8)) throw Corrupt(path, "is cut short (no PAR1 footer: the write did not finish or the file was truncated)");
    }

    private static SweepFileException Corrupt(string path, string what, Exception? inner = null) =>
        new(SweepFileException.ShardCorrupt, path, $"Shard '{path}' {what}.", inner);

    /// <summary>The shard's metadata only (footer), after checking it is a complete ScalingPS shard.</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path, out long rows)
    {
        CheckFraming(path);
        try
        {
            var (meta, n) = ReadMetadataAsync(path).GetAwaiter().GetResult();
            rows = n;
            return meta;
        }
        catch (Exception ex) when (ex is not SweepFileException)
        {
            throw Corrupt(path, $"cannot be read ({ex.Message})", ex);
        }
    }

    private static async Task<(IReadOnlyDictionary<string, string>, long)> ReadMetadataAsync(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path).ConfigureAwait(false);
        return (CheckOurs(path, reader.CustomMetadata), reader.Metadata?.NumRows ?? 0);
    }

    private static IReadOnlyDictionary<string, string> CheckOurs(string path, Dictionary<string, string>? metadata)
    {
        if (metadata is null || !(metadata.ContainsKey(ShardData.TaskIdKey) || metadata.ContainsKey(ShardData.MergedKey)))
            throw Corrupt(path, $"is a Parquet file but not a ScalingPS result shard (no '{ShardData.TaskIdKey}' metadata)");
        return metadata;
    }

    /// <summary>Reads a whole shard (every row group) into memory, or throws <see cref="SweepFileException"/> naming the file.</summary>
    public static ShardData Read(string path, bool requireScalingPS = true)
    {
        CheckFraming(path);
        try { return ReadAsync(path, requireScalingPS).GetAwaiter().GetResult(); }
        catch (Exception ex) when (ex is not SweepFileException)
        {
            throw Corrupt(path, $"cannot be read ({ex.Message})", ex);
        }
    }

    private static async Task<ShardData> ReadAsync(string path, bool requireScalingPS)
    {
        await using var reader = await ParquetReader.CreateAsync(path).ConfigureAwait(false);
        var metadata = requireScalingPS ? CheckOurs(path, reader.CustomMetadata) : (IReadOnlyDictionary<string, string>?)reader.CustomMetadata ?? new Dictionary<string, string>();
        var fields = reader.Schema.GetDataFields();
        var columns = fields.Select(f => new List<object?>()).ToArray();
        var kinds = fields.Select(f => KindOf(path, f)).ToArray();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int rows = checked((int)group.RowCount);
            for (int i = 0; i < fields.Length; i++)
            {
                var f = fields[i];
                switch (kinds[i])
                {
                    case ValueKind.Int32: columns[i].AddRange(await ReadColumn<int>(group, f, rows).ConfigureAwait(false)); break;
                    case ValueKind.Int64: columns[i].AddRange(await ReadColumn<long>(group, f, rows).ConfigureAwait(false)); break;
                    case ValueKind.Double: columns[i].AddRange(await ReadColumn<double>(group, f, rows).ConfigureAwait(false)); break;
                    case ValueKind.Boolean: columns[i].AddRange(await ReadColumn<bool>(group, f, rows).ConfigureAwait(false)); break;
                    default:
                        var s = new string?[rows];
                        await group.ReadAsync(f, s.AsMemory()).ConfigureAwait(false);
                        columns[i].AddRange(s);
                        break;
                }
            }
        }
        return new ShardData
        {
            Metadata = metadata,
            Columns = fields.Select((f, i) => new ShardColumn(f.Name, kinds[i], columns[i].ToArray())).ToList(),
        };
    }

    private static ValueKind KindOf(string path, DataField f) => f.ClrType switch
    {
        var t when t == typeof(int) => ValueKind.Int32,
        var t when t == typeof(long) => ValueKind.Int64,
        var t when t == typeof(double) => ValueKind.Double,
        var t when t == typeof(bool) => ValueKind.Boolean,
        var t when t == typeof(string) || t == typeof(ReadOnlyMemory<char>) => ValueKind.String,
        _ => throw Corrupt(path, $"has column '{f.Name}' of type {f.ClrType.Name}, which ScalingPS shards do not use"),
    };

    private static async Task<object?[]> ReadColumn<T>(ParquetRowGroupReader group, DataField f, int rows) where T : struct
    {
        if (f.IsNullable)
        {
            var buffer = new T?[rows];
            await group.ReadAsync<T>(f, buffer.AsMemory()).ConfigureAwait(false);
            return buffer.Select(v => v.HasValue ? (object?)v.Value : null).ToArray();
        }
        var values = new T[rows];
        await group.ReadAsync<T>(f, values.AsMemory()).ConfigureAwait(false);
        return values.Select(v => (object?)v).ToArray();
    }
}
