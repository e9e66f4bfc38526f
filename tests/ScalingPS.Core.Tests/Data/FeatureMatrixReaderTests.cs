using ScalingPS.Core.Data;

namespace ScalingPS.Core.Tests.Data;

public sealed class FeatureMatrixReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalingps-npy-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // A[i, j] = 10 i + j + 0.5: every entry distinct, exact in float32.
    private static double Entry(int i, int j) => 10 * i + j + 0.5;
    private const int R = 3, C = 4;

    private static IEnumerable<double> COrder() { for (int i = 0; i < R; i++) for (int j = 0; j < C; j++) yield return Entry(i, j); }
    private static IEnumerable<double> FOrder() { for (int j = 0; j < C; j++) for (int i = 0; i < R; i++) yield return Entry(i, j); }

    [Theory]
    [InlineData(1, "<f8", false)] [InlineData(1, "<f8", true)] [InlineData(1, "<f4", false)] [InlineData(1, "<f4", true)]
    [InlineData(2, "<f8", false)] [InlineData(2, "<f4", true)] [InlineData(3, "<f8", true)] [InlineData(3, "<f4", false)]
    public void ReadsEveryVersionTypeAndOrder(int version, string descr, bool fortran)
    {
        var values = fortran ? FOrder() : COrder();
        var data = descr == "<f4" ? NpyFiles.Float32(values) : NpyFiles.Float64(values);
        var path = NpyFiles.Save(_dir, $"a{version}{descr[2]}{fortran}.npy", NpyFiles.Build(version, descr, fortran, $"({R}, {C})", data));
        var m = FeatureMatrixReader.Read(path, new FeatureReadOptions());
        Assert.Equal(R, m.Rows);
        Assert.Equal(C, m.Columns);
        Assert.Equal(descr == "<f4" ? FeatureDataType.Float32 : FeatureDataType.Float64, m.DataType);
        for (int i = 0; i < R; i++)
            for (int j = 0; j < C; j++) Assert.Equal(Entry(i, j), m[i, j]);
        Assert.Equal(COrder().Average(), m.Mean, 12);
    }

    [Fact]
    public void SelectsRowsAndColumnsInTheGivenOrderInBothMemoryOrders()
    {
        foreach (bool fortran in new[] { false, true })
        {
            var path = NpyFiles.Save(_dir, $"sel{fortran}.npy", NpyFiles.Build(1, "<f8", fortran, $"({R}, {C})", NpyFiles.Float64(fortran ? FOrder() : COrder())));
            var m = FeatureMatrixReader.Read(path, new FeatureReadOptions { Rows = [2, 0], Columns = [3, 1] });
            Assert.Equal(Entry(2, 3), m[0, 0]);
            Assert.Equal(Entry(2, 1), m[0, 1]);
            Assert.Equal(Entry(0, 3), m[1, 0]);
            Assert.Equal(Entry(0, 1), m[1, 1]);
        }
    }

    [Fact]
    public void FlattensTrailingAxesAndReadsVectorsAsOneColumn()
    {
        var cube = NpyFiles.Save(_dir, "cube.npy", NpyFiles.Build(1, "<f4", false, "(2, 2, 3)", NpyFiles.Float32(Enumerable.Range(0, 12).Select(i => (double)i))));
        var m = FeatureMatrixReader.Read(cube, new FeatureReadOptions());
        Assert.Equal((2, 6), (m.Rows, m.Columns));
        Assert.Equal(7.0, m[1, 1]);
        var vec = NpyFiles.Save(_dir, "vec.npy", NpyFiles.Build(1, "<f8", false, "(5,)", NpyFiles.Float64([1, 2, 3, 4, 5])));
        var v = FeatureMatrixReader.Read(vec, new FeatureReadOptions());
        Assert.Equal((5, 1), (v.Rows, v.Columns));
        Assert.Equal([1.0, 2, 3, 4, 5], v.ToVector());
    }

    public static TheoryData<string, string, long> Malformed()
    {
        var good = NpyFiles.Build(1, "<f8", false, "(3, 4)", NpyFiles.Float64(COrder()));
        var badMagic = (byte[])good.Clone(); badMagic[1] = (byte)'X';
        var pastEnd = (byte[])good.Clone(); pastEnd[8] = 0xFF; pastEnd[9] = 0x7F; // header length 32767 > file
        var nanRow = NpyFiles.Build(1, "<f8", false, "(3, 4)", NpyFiles.Float64(COrder().Select((v, i) => i == 6 ? double.NaN : v)));
        int headerEnd = good.Length - 96;
        return new TheoryData<string, string, long>
        {
            { "magic", Convert.ToBase64String(badMagic), 0 },
            { "pastend", Convert.ToBase64String(pastEnd), 8 },
            { "object", Convert.ToBase64String(NpyFiles.Build(1, "|O", false, "(3, 4)", new byte[96])), -1 },
            { "bigendian", Convert.ToBase64String(NpyFiles.Build(1, ">f8", false, "(3, 4)", new byte[96])), -1 },
            { "truncated", Convert.ToBase64String(NpyFiles.Build(1, "<f8", false, "(4, 4)", NpyFiles.Float64(COrder()))), -2 },
            { "nan", Convert.ToBase64String(nanRow), headerEnd + 6 * 8 },
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void EachMalformedFileHasItsErrorIdAndOffset(string kind, string base64, long offset)
    {
        var bytes = Convert.FromBase64String(base64);
        var path = NpyFiles.Save(_dir, kind + ".npy", bytes);
        var ex = Assert.Throws<DataFormatException>(() => FeatureMatrixReader.Read(path, new FeatureReadOptions()));
        string expectedId = kind switch
        {
            "magic" => DataFormatException.BadMagic,
            "pastend" => DataFormatException.BadHeader,
            "object" or "bigendian" => DataFormatException.UnsupportedType,
            "truncated" => DataFormatException.Truncated,
            _ => DataFormatException.NonFinite,
        };
        Assert.Equal(expectedId, ex.ErrorId);
        Assert.Contains(kind + ".npy", ex.Message);
        Assert.Contains("byte offset", ex.Message);
        if (offset >= 0) Assert.Equal(offset, ex.Offset);
        if (offset == -2) Assert.Equal(bytes.Length, ex.Offset); // truncated: reading stopped at the end of the file
        if (kind == "object") Assert.Contains("pickle", ex.Message);
        if (kind == "bigendian") Assert.Contains("big-endian", ex.Message);
        if (kind == "nan") Assert.Contains("row 1, column 2", ex.Message);
    }

    [Fact]
    public void ShapesBeyondAnArrayAreRefusedWithoutOverflow()
    {
        var path = NpyFiles.Save(_dir, "huge.npy", NpyFiles.Build(2, "<f8", false, "(1, 4294967296, 4294967296)", new byte[8]));
        Assert.Equal(DataFormatException.TooLarge, Assert.Throws<DataFormatException>(() => FeatureMatrixReader.Read(path, new FeatureReadOptions())).ErrorId);
        var raw = NpyFiles.Save(_dir, "small.bin", new byte[8]);
        var ex = Assert.Throws<DataFormatException>(() => FeatureMatrixReader.Read(raw, new FeatureReadOptions { Shape = [int.MaxValue, int.MaxValue], DataType = FeatureDataType.Float64 }));
        Assert.Equal(DataFormatException.Truncated, ex.ErrorId);
    }

    [Fact]
    public void WriterOutputFollowsTheFormatAndRoundTrips()
    {
        var m = FeatureMatrix.FromValues(COrder().ToArray(), R, C);
        foreach (var type in new[] { FeatureDataType.Float32, FeatureDataType.Float64 })
        {
            string path = Path.Combine(_dir, $"w{type}.npy");
            NpyFormat.Write(m, path, type);
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }, bytes[..8]);
            int headerLength = bytes[8] | bytes[9] << 8;
            Assert.Equal(0, (10 + headerLength) % 64); // data aligned to 64 bytes
            Assert.Equal((byte)'\n', bytes[10 + headerLength - 1]);
            Assert.Equal(10 + headerLength + R * C * (type == FeatureDataType.Float32 ? 4 : 8), bytes.Length);
            var back = FeatureMatrixReader.Read(path, new FeatureReadOptions());
            Assert.Equal(type, back.DataType);
            Assert.Equal(m.ToArray(), back.ToArray());
            Assert.Empty(Directory.GetFiles(_dir, "*.tmp-*"));
        }
    }

    [Fact]
    public void ReadsCsvWithAndWithoutHeaderAndRefusesRaggedOrNonNumericLines()
    {
        var withHeader = Path.Combine(_dir, "h.csv");
        File.WriteAllText(withHeader, "a,b\r\n1.5,2\r\n-3e2,4\r\n");
        var m = FeatureMatrixReader.Read(withHeader, new FeatureReadOptions());
        Assert.Equal([1.5, 2, -300, 4], m.ToArray());
        var plain = Path.Combine(_dir, "p.csv");
        File.WriteAllText(plain, "1,2,3\n4,5,6\n");
        Assert.Equal((2, 3), (FeatureMatrixReader.Read(plain, new FeatureReadOptions()).Rows, 3));
        var ragged = Path.Combine(_dir, "r.csv");
        File.WriteAllText(ragged, "1,2\n3\n");
        var e1 = Assert.Throws<DataFormatException>(() => FeatureMatrixReader.Read(ragged, new FeatureReadOptions()));
        Assert.Equal((DataFormatException.BadCsv, 4L), (e1.ErrorId, e1.Offset));
        var comma = Path.Combine(_dir, "c.csv");
        File.WriteAllText(comma, "1,2\n3,4x\n");
        Assert.Equal(DataFormatException.BadCsv, Assert.Throws<DataFormatException>(() => FeatureMatrixReader.Read(comma, new FeatureReadOptions())).ErrorId);
        var inf = Path.Combine(_dir, "i.csv");
        File.WriteAllText(inf, "1,2\nInfinity,4\n");
        Assert.Equal(DataFormatException.NonFinite, Assert.Throws<DataFormatException>(() => FeatureMatrixReader.Read(inf, new FeatureReadOptions())).ErrorId);
    }

    [Fact]
    public void ReadsRawBinaryOfAGivenShapeAndRefusesAWrongOne()
    {
        var path = NpyFiles.Save(_dir, "x.bin", NpyFiles.Float32(COrder()));
        var m = FeatureMatrixReader.Read(path, new FeatureReadOptions { Shape = [R, C], DataType = FeatureDataType.Float32 });
        Assert.Equal(Entry(2, 3), m[2, 3]);
        var ex = Assert.Throws<DataFormatException>(() => FeatureMatrixReader.Read(path, new FeatureReadOptions { Shape = [R, C], DataType = FeatureDataType.Float64 }));
        Assert.Equal(DataFormatException.Truncated, ex.ErrorId);
        Assert.Equal(DataFormatException.ShapeMismatch,
            Assert.Throws<DataFormatException>(() => FeatureMatrixReader.Read(path, new FeatureReadOptions { Shape = [2, 2], DataType = FeatureDataType.Float32 })).ErrorId);
        Assert.Equal("Shape", Assert.Throws<ParameterException>(() => FeatureMatrixReader.Read(path, new FeatureReadOptions())).ParameterName);
    }
}
