using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ScalingPS.Core.Data;

/// <summary>What an .npy header says: element type, memory order, shape and where the data start.</summary>
public sealed record NpyHeader(FeatureDataType DataType, bool FortranOrder, long[] Shape, long DataOffset, int Version)
{
    /// <summary>Rows: the first axis (1 for a 0-d array is refused earlier).</summary>
    public long Rows => Shape[0];
    /// <summary>Columns: the product of the trailing axes (1 for a vector).</summary>
    public long Columns => Shape.Skip(1).Aggregate(1L, (a, b) => a * b);
}

/// <summary>
/// The NumPy .npy format, versions 1.0, 2.0 and 3.0: magic "\x93NUMPY", major and minor version bytes, a
/// little-endian header length (2 bytes in version 1, 4 in versions 2 and 3), then a Python dict literal
/// {'descr': ..., 'fortran_order': ..., 'shape': (...), } padded with spaces to a multiple of 64 bytes and ended by
/// a newline. Only little-endian float32 ('&lt;f4') and float64 ('&lt;f8') are read. The header is parsed as text,
/// never evaluated, so object arrays and pickles are refused without running anything.
/// </summary>
public static partial class NpyFormat
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static NpyHeader ReadHeader(Stream stream, string path)
    {
        long fileLength = stream.Length;
        Span<byte> prefix = stackalloc byte[12];
        int got = ReadUpTo(stream, prefix[..10]);
        if (got < 10 || !prefix[..6].SequenceEqual(Magic))
            throw new DataFormatException(DataFormatException.BadMagic, path, 0,
                "not an .npy file: it does not start with the magic string \\x93NUMPY.");
        int major = prefix[6];
        long headerLength, dataStart;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..10]);
            dataStart = 10 + headerLength;
        }
        else if (major is 2 or 3)
        {
            if (ReadUpTo(stream, prefix[10..12]) < 2)
                throw new DataFormatException(DataFormatException.BadHeader, path, 10, "the file ends inside the header length.");
            headerLength = BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..12]);
            dataStart = 12 + headerLength;
        }
        else throw new DataFormatException(DataFormatException.BadHeader, path, 6, $"format version {major}.{prefix[7]} is not one of 1.0, 2.0, 3.0.");
        long headerStart = dataStart - headerLength;
        if (dataStart > fileLength)
            throw new DataFormatException(DataFormatException.BadHeader, path, 8,
                $"the header length {headerLength} runs past the end of the file ({fileLength} bytes).");
        if (headerLength > 1 << 20)
            throw new DataFormatException(DataFormatException.BadHeader, path, 8, $"the header length {headerLength} is implausibly large.");
        var bytes = new byte[headerLength];
        if (ReadUpTo(stream, bytes) < headerLength)
            throw new DataFormatException(DataFormatException.BadHeader, path, headerStart, "the file ends inside the header.");
        string text;
        try { text = (major == 3 ? new UTF8Encoding(false, true) : Encoding.Latin1).GetString(bytes); }
        catch (DecoderFallbackException) { throw new DataFormatException(DataFormatException.BadHeader, path, headerStart, "the header is not valid UTF-8."); }
        return Parse(text, path, headerStart, dataStart, major);
    }

    private static NpyHeader Parse(string text, string path, long headerStart, long dataStart, int version)
    {
        string trimmed = text.TrimEnd(' ', '\n', '\0');
        if (!trimmed.StartsWith('{') || !trimmed.EndsWith('}'))
            throw new DataFormatException(DataFormatException.BadHeader, path, headerStart, $"the header is not a dict literal: {Shorten(text)}");
        var descr = DescrPattern().Match(trimmed);
        var order = OrderPattern().Match(trimmed);
        var shape = ShapePattern().Match(trimmed);
        if (!descr.Success || !order.Success || !shape.Success)
            throw new DataFormatException(DataFormatException.BadHeader, path, headerStart,
                $"the header lacks 'descr', 'fortran_order' or 'shape': {Shorten(text)}");
        long descrOffset = headerStart + descr.Groups[1].Index;
        string d = descr.Groups[1].Value;
        if (d.Contains('O') || d.StartsWith('[') || d.Contains("pickle", StringComparison.OrdinalIgnoreCase))
            throw new DataFormatException(DataFormatException.UnsupportedType, path, descrOffset,
                $"dtype '{d}' is an object (pickled) or structured array; only float32 '<f4' and float64 '<f8' are read, and pickles are never loaded.");
        if (d.Length > 0 && d[0] == '>')
            throw new DataFormatException(DataFormatException.UnsupportedType, path, descrOffset,
                $"dtype '{d}' is big-endian; only little-endian '<f4' and '<f8' are read (numpy: a.astype('<f8')).");
        var type = d switch
        {
            "<f4" => FeatureDataType.Float32,
            "<f8" => FeatureDataType.Float64,
            _ => throw new DataFormatException(DataFormatException.UnsupportedType, path, descrOffset,
                $"dtype '{d}' is not supported; only little-endian float32 '<f4' and float64 '<f8' are read."),
        };
        bool fortran = order.Groups[1].Value == "True";
        var dims = new List<long>();
        foreach (var part in shape.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string p = part.TrimEnd('L');
            if (!long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out long v))
                throw new DataFormatException(DataFormatException.BadHeader, path, headerStart + shape.Groups[1].Index, $"shape entry '{part}' is not a non-negative integer.");
            dims.Add(v);
        }
        if (dims.Count == 0)
            throw new DataFormatException(DataFormatException.BadHeader, path, headerStart + shape.Groups[1].Index, "a 0-d array (a single number) is not a matrix.");
        if (fortran && dims.Count > 2)
            throw new DataFormatException(DataFormatException.BadHeader, path, headerStart + order.Groups[1].Index,
                $"a Fortran-order array of {dims.Count} dimensions cannot be read as samples × features; save it in C order.");
        double columns = dims.Skip(1).Aggregate(1.0, (a, b) => a * b);
        if (dims[0] > int.MaxValue || columns > int.MaxValue)
            throw new DataFormatException(DataFormatException.TooLarge, path, headerStart + shape.Groups[1].Index,
                $"shape ({string.Join(", ", dims)}) has more than {int.MaxValue} rows or columns.");
        return new NpyHeader(type, fortran, dims.ToArray(), dataStart, version);
    }

    /// <summary>Writes a version-1.0 C-order .npy file of the matrix (to a temporary name, then renamed).</summary>
    public static void Write(FeatureMatrix matrix, string path, FeatureDataType dataType, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        string descr = dataType == FeatureDataType.Float32 ? "<f4" : "<f8";
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({matrix.Rows}, {matrix.Columns}), }}";
        int total = 10 + dict.Length + 1;
        int padded = (total + 63) / 64 * 64; // the format aligns the data to 64 bytes
        string header = dict + new string(' ', padded - total) + "\n";
        string temp = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                fs.Write(Magic);
                fs.WriteByte(1);
                fs.WriteByte(0);
                Span<byte> len = stackalloc byte[2];
                BinaryPrimitives.WriteUInt16LittleEndian(len, checked((ushort)header.Length));
                fs.Write(len);
                fs.Write(Encoding.Latin1.GetBytes(header));
                WriteValues(fs, matrix, dataType, ct);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static void WriteValues(Stream fs, FeatureMatrix matrix, FeatureDataType dataType, CancellationToken ct)
    {
        int size = dataType == FeatureDataType.Float32 ? 4 : 8;
        var row = new double[matrix.Columns];
        var buffer = new byte[matrix.Columns * size];
        for (int r = 0; r < matrix.Rows; r++)
        {
            if ((r & 255) == 0) ct.ThrowIfCancellationRequested();
            matrix.CopyRow(r, row);
            for (int j = 0; j < row.Length; j++)
            {
                if (size == 4) BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(4 * j), (float)row[j]);
                else BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(8 * j), row[j]);
            }
            fs.Write(buffer);
        }
    }

    internal static int ReadUpTo(Stream s, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = s.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    private static string Shorten(string s) => s.Length <= 120 ? s.Trim() : s[..120] + "…";

    [GeneratedRegex(@"['""]descr['""]\s*:\s*['""]([^'""]*)['""]")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"['""]fortran_order['""]\s*:\s*(True|False)")]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"['""]shape['""]\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
