using Parquet;
using Parquet.Schema;
using ScalingPS.Core.Sweeps;

namespace ScalingPS.Core.Tests.Sweeps;

public sealed class ShardTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalingps-shards-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Every kind a shard holds, with the awkward values: extremes, NaN and infinities, nulls, quotes, commas, newlines, non-ASCII.</summary>
    private static ShardData Sample() => new()
    {
        Metadata = new Dictionary<string, string> { [ShardData.TaskIdKey] = "0123456789abcdef", [ShardData.PlanIdKey] = "plan", [ShardData.ParametersKey] = "{\"K\":2}" },
        Columns =
        [
            new ShardColumn("I", ValueKind.Int32, [0, -1, int.MaxValue, int.MinValue, 7]),
            new ShardColumn("L", ValueKind.Int64, [0L, -1L, long.MaxValue, long.MinValue, 1L << 40]),
            new ShardColumn("D", ValueKind.Double, [0.1, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon]),
            new ShardColumn("B", ValueKind.Boolean, [true, false, true, false, true]),
            new ShardColumn("S", ValueKind.String, ["Erf", "a,b \"quoted\"", "line\nbreak", "ε_g α", ""]),
            new ShardColumn("NullableD", ValueKind.Double, [1.5, null, 2.5, null, -0.0]),
            new ShardColumn("NullableI", ValueKind.Int32, [null, 1, null, 2, null]),
            new ShardColumn("NullableS", ValueKind.String, [null, "x", null, "y", "z"]),
        ],
    };

    private static void AssertSame(ShardData expected, ShardData actual)
    {
        Assert.Equal(expected.Columns.Select(c => (c.Name, c.Kind)), actual.Columns.Select(c => (c.Name, c.Kind)));
        for (int c = 0; c < expected.Columns.Count; c++)
            for (int r = 0; r < expected.RowCount; r++)
            {
                object? e = expected.Columns[c].Values[r], a = actual.Columns[c].Values[r];
                if (e is double de && a is double da) Assert.Equal(BitConverter.DoubleToInt64Bits(de), BitConverter.DoubleToInt64Bits(da));
                else Assert.Equal(e, a);
                if (a is not null) Assert.Equal(e!.GetType(), a.GetType());
            }
        foreach (var (k, v) in expected.Metadata) Assert.Equal(v, actual.Metadata[k]);
    }

    [Fact]
    public void Parquet_round_trips_every_column_kind_bit_for_bit()
    {
        var store = new SweepStore(_dir);
        store.WriteShard(Sample(), ShardFormat.Parquet);
        AssertSame(Sample(), ParquetShards.Read(store.ShardPath("0123456789abcdef", ShardFormat.Parquet)));
    }

    [Fact]
    public void Csv_round_trips_every_column_kind_bit_for_bit()
    {
        var store = new SweepStore(_dir);
        store.WriteShard(Sample(), ShardFormat.Csv);
        var back = CsvShards.Read(store.ShardPath("0123456789abcdef", ShardFormat.Csv));
        // CSV cannot tell an empty string from a missing one: both read back as "".
        var expected = Sample();
        var strings = expected.Columns.Select(c => c.Kind == ValueKind.String ? new ShardColumn(c.Name, c.Kind, c.Values.Select(v => v ?? "").ToArray()) : c).ToList();
        AssertSame(new ShardData { Metadata = expected.Metadata, Columns = strings }, back);
    }

    [Fact]
    public void The_same_rows_give_the_same_bytes()
    {
        var a = new MemoryStream();
        var b = new MemoryStream();
        ParquetShards.Write(a, Sample());
        ParquetShards.Write(b, Sample());
        Assert.Equal(a.ToArray(), b.ToArray());
    }

    private string WriteGood()
    {
        var store = new SweepStore(_dir);
        store.WriteShard(Sample(), ShardFormat.Parquet);
        return store.ShardPath("0123456789abcdef", ShardFormat.Parquet);
    }

    [Fact]
    public void A_shard_cut_in_half_is_reported_by_name()
    {
        string path = WriteGood();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var ex = Assert.Throws<SweepFileException>(() => ParquetShards.Read(path));
        Assert.Equal(SweepFileException.ShardCorrupt, ex.ErrorId);
        Assert.Contains(path, ex.Message);
        Assert.Contains("cut short", ex.Message);
    }

    [Fact]
    public void A_zero_byte_shard_is_reported_by_name()
    {
        string path = Path.Combine(_dir, "empty.parquet");
        File.WriteAllBytes(path, []);
        var ex = Assert.Throws<SweepFileException>(() => ParquetShards.Read(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("zero bytes", ex.Message);
    }

    [Fact]
    public void A_shard_with_a_damaged_middle_is_reported_not_half_read()
    {
        string path = WriteGood();
        var bytes = File.ReadAllBytes(path);
        // Keep both PAR1 marks but overwrite the footer's metadata: the framing check passes, parsing must not.
        for (int i = bytes.Length - 40; i < bytes.Length - 8; i++) bytes[i] = 0xFF;
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<SweepFileException>(() => ParquetShards.Read(path));
        Assert.Equal(SweepFileException.ShardCorrupt, ex.ErrorId);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public async Task A_foreign_parquet_file_is_reported_by_name()
    {
        string path = Path.Combine(_dir, "foreign.parquet");
        var field = new DataField<double>("x");
        await using (var s = File.Create(path))
        await using (var w = await ParquetWriter.CreateAsync(new ParquetSchema(field), s))
        {
            using var g = w.CreateRowGroup();
            await g.WriteAsync<double>(field, new double[] { 1, 2, 3 }.AsMemory());
        }
        var ex = Assert.Throws<SweepFileException>(() => ParquetShards.Read(path));
        Assert.Contains("not a ScalingPS result shard", ex.Message);
        Assert.Contains(path, ex.Message);
        // The same file is readable when a foreign file is expected (the reader itself is not the problem).
        Assert.Equal(new object?[] { 1.0, 2.0, 3.0 }, ParquetShards.Read(path, requireScalingPS: false).Columns[0].Values);
    }

    [Fact]
    public void Concat_matches_columns_by_name_and_widens_kinds()
    {
        var a = new ShardData { Metadata = new Dictionary<string, string>(), Columns = [new ShardColumn("x", ValueKind.Int32, [1, 2]), new ShardColumn("a", ValueKind.String, ["p", "q"])] };
        var b = new ShardData { Metadata = new Dictionary<string, string>(), Columns = [new ShardColumn("x", ValueKind.Double, [0.5]), new ShardColumn("b", ValueKind.Boolean, [true])] };
        var c = ShardData.Concat([a, b], new Dictionary<string, string>());
        Assert.Equal(["x", "a", "b"], c.Columns.Select(k => k.Name));
        Assert.Equal(ValueKind.Double, c.Columns[0].Kind);
        Assert.Equal(new object?[] { 1.0, 2.0, 0.5 }, c.Columns[0].Values);
        Assert.Equal(new object?[] { "p", "q", null }, c.Columns[1].Values);
        Assert.Equal(new object?[] { null, null, true }, c.Columns[2].Values);
    }
}
