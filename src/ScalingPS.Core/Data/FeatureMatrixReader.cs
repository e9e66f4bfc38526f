using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace ScalingPS.Core.Data;

/// <summary>File formats Import-FeatureMatrix reads.</summary>
public enum FeatureFileFormat
{
    /// <summary>From the extension: .npy, .csv (also .txt, .tsv with tabs), anything else raw binary.</summary>
    Auto,
    Npy,
    Csv,
    Binary,
}

/// <summary>How to read a feature matrix file. Rows and Columns select (and order) what is kept; null keeps all.</summary>
public sealed record FeatureReadOptions
{
    public FeatureFileFormat Format { get; init; } = FeatureFileFormat.Auto;
    /// <summary>Shape (rows, columns) of a raw binary file (C order, little-endian).</summary>
    public int[]? Shape { get; init; }
    /// <summary>Element type of a raw binary file, or the type CSV values are stored in (default Float64).</summary>
    public FeatureDataType? DataType { get; init; }
    public int[]? Rows { get; init; }
    public int[]? Columns { get; init; }
}

/// <summary>
/// Reads .npy, CSV and raw little-endian binary files into a <see cref="FeatureMatrix"/>, streaming: binary data are
/// read a row (or, for Fortran order, a column) at a time straight into the result, so a file is read once and only
/// the selected part is held. Every value must be finite. A malformed file is a <see cref="DataFormatException"/>
/// naming the file and byte offset; nothing partial is returned.
/// </summary>
public static class FeatureMatrixReader
{
    public static FeatureMatrix Read(string path, FeatureReadOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        var format = options.Format;
        if (format == FeatureFileFormat.Auto)
            format = Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".npy" => FeatureFileFormat.Npy,
                ".csv" or ".txt" or ".tsv" => FeatureFileFormat.Csv,
                _ => FeatureFileFormat.Binary,
            };
        if (format != FeatureFileFormat.Binary && options.Shape is not null)
            throw new ParameterException("Shape", string.Join(",", options.Shape), "-Shape is for raw binary files only; .npy files carry their shape and CSV files are counted.");
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return format switch
        {
            FeatureFileFormat.Npy => ReadNpy(fs, path, options, ct),
            FeatureFileFormat.Csv => ReadCsv(fs, path, options, ct),
            _ => ReadBinary(fs, path, options, ct),
        };
    }

    private static FeatureMatrix ReadNpy(FileStream fs, string path, FeatureReadOptions o, CancellationToken ct)
    {
        var h = NpyFormat.ReadHeader(fs, path);
        if (o.DataType is { } t && t != h.DataType)
            throw new ParameterException("DataType", t, $"{Path.GetFileName(path)} holds {h.DataType}; -DataType is for raw binary files.");
        int size = h.DataType == FeatureDataType.Float32 ? 4 : 8;
        double expected = (double)h.Rows * h.Columns * size;
        long available = fs.Length - h.DataOffset;
        if (expected > available)
            throw new DataFormatException(DataFormatException.Truncated, path, fs.Length,
                $"shape ({string.Join(", ", h.Shape)}) × {size} bytes needs {expected:F0} bytes of data after the header but the file holds {available}.");
        if (expected < available)
            throw new DataFormatException(DataFormatException.ShapeMismatch, path, h.DataOffset + (long)expected,
                $"{available - (long)expected} bytes follow the data that the shape ({string.Join(", ", h.Shape)}) does not account for.");
        if (h.Rows > int.MaxValue || h.Columns > int.MaxValue || h.Rows == 0 || h.Columns == 0)
            throw new DataFormatException(DataFormatException.TooLarge, path, 8, $"shape ({string.Join(", ", h.Shape)}) is not a non-empty matrix of at most {int.MaxValue} rows and columns.");
        return ReadDense(fs, path, h.DataOffset, (int)h.Rows, (int)h.Columns, h.DataType, h.FortranOrder, o, ct);
    }

    private static FeatureMatrix ReadBinary(FileStream fs, string path, FeatureReadOptions o, CancellationToken ct)
    {
        if (o.Shape is not { Length: 2 } shape || shape[0] < 1 || shape[1] < 1)
            throw new ParameterException("Shape", o.Shape is null ? null : string.Join(",", o.Shape),
                "A raw binary file needs -Shape rows,columns (both ≥ 1) and -DataType Float32|Float64.");
        if (o.DataType is not { } type)
            throw new ParameterException("DataType", null, "A raw binary file needs -DataType Float32 or Float64.");
        int size = type == FeatureDataType.Float32 ? 4 : 8;
        double expected = (double)shape[0] * shape[1] * size; // in double: int.MaxValue² × 8 overflows a long
        if (expected != fs.Length)
            throw new DataFormatException(expected > fs.Length ? DataFormatException.Truncated : DataFormatException.ShapeMismatch, path, (long)Math.Min(expected, fs.Length),
                $"-Shape {shape[0]},{shape[1]} of {type} needs exactly {expected:F0} bytes but the file holds {fs.Length}.");
        return ReadDense(fs, path, 0, shape[0], shape[1], type, false, o, ct);
    }

    private static (int[] Rows, int[] Columns) Selection(FeatureReadOptions o, int rows, int columns)
    {
        var r = o.Rows ?? Enumerable.Range(0, rows).ToArray();
        var c = o.Columns ?? Enumerable.Range(0, columns).ToArray();
        if (r.Length == 0) throw new ParameterException("Rows", "(empty)", "Select at least one row.");
        if (c.Length == 0) throw new ParameterException("Columns", "(empty)", "Select at least one column.");
        foreach (int i in r) if ((uint)i >= (uint)rows) throw new ParameterException("Rows", i, $"Row indices must be in [0, {rows - 1}] (the file has {rows} rows).");
        foreach (int j in c) if ((uint)j >= (uint)columns) throw new ParameterException("Columns", j, $"Column indices must be in [0, {columns - 1}] (the file has {columns} columns).");
        return (r, c);
    }

    private static FeatureMatrix ReadDense(FileStream fs, string path, long dataOffset, int rows, int columns,
        FeatureDataType type, bool fortran, FeatureReadOptions o, CancellationToken ct)
    {
        var (selRows, selCols) = Selection(o, rows, columns);
        int size = type == FeatureDataType.Float32 ? 4 : 8;
        double elements = (double)selRows.Length * selCols.Length;
        MemoryBudget.Ensure(elements * size, elements, o.Rows is null ? "Path" : "Rows", path, $"{selRows.Length}×{selCols.Length} {type}");
        int outCols = selCols.Length;
        float[]? single = type == FeatureDataType.Float32 ? new float[(long)selRows.Length * outCols] : null;
        double[]? dbl = type == FeatureDataType.Float64 ? new double[(long)selRows.Length * outCols] : null;
        // One line of the file at a time: a row in C order, a column in Fortran order.
        int lineLength = fortran ? rows : columns;
        var buffer = new byte[(long)lineLength * size];
        int[] lines = fortran ? selCols : selRows;
        int[] within = fortran ? selRows : selCols;
        for (int li = 0; li < lines.Length; li++)
        {
            if ((li & 63) == 0) ct.ThrowIfCancellationRequested();
            long start = dataOffset + (long)lines[li] * lineLength * size;
            if (fs.Position != start) fs.Seek(start, SeekOrigin.Begin);
            if (NpyFormat.ReadUpTo(fs, buffer) < buffer.Length)
                throw new DataFormatException(DataFormatException.Truncated, path, fs.Length, "the file ended early while reading (was it changed while being read?).");
            for (int wi = 0; wi < within.Length; wi++)
            {
                int k = within[wi];
                double v = size == 4 ? BinaryPrimitives.ReadSingleLittleEndian(buffer.AsSpan(k * 4)) : BinaryPrimitives.ReadDoubleLittleEndian(buffer.AsSpan(k * 8));
                if (!double.IsFinite(v))
                {
                    int row = fortran ? k : lines[li], col = fortran ? lines[li] : k;
                    throw new DataFormatException(DataFormatException.NonFinite, path, start + (long)k * size,
                        $"value {v} at row {row}, column {col} is not finite; remove or impute such rows before importing.");
                }
                long dest = fortran ? (long)wi * outCols + li : (long)li * outCols + wi;
                if (single is not null) single[dest] = (float)v; else dbl![dest] = v;
            }
        }
        return FeatureMatrix.Wrap(single, dbl, selRows.Length, outCols, Path.GetFullPath(path));
    }

    private static FeatureMatrix ReadCsv(FileStream fs, string path, FeatureReadOptions o, CancellationToken ct)
    {
        char separator = Path.GetExtension(path).Equals(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',';
        var values = new List<double>();
        int columns = -1, dataRows = 0;
        long offset = 0;
        int lineNo = 0;
        bool first = true;
        HashSet<int>? wantRows = o.Rows is null ? null : [.. o.Rows];
        var rowIndexOfLine = new List<int>();
        var rowStart = new List<int>();
        foreach (var (line, lineOffset) in Lines(fs))
        {
            lineNo++;
            offset = lineOffset;
            if ((lineNo & 1023) == 0) ct.ThrowIfCancellationRequested();
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = line.Split(separator);
            if (first)
            {
                first = false;
                bool anyNumber = fields.Any(f => TryNumber(f, out _));
                if (!anyNumber) { columns = fields.Length; continue; } // a header line
            }
            if (columns < 0) columns = fields.Length;
            if (fields.Length != columns)
                throw new DataFormatException(DataFormatException.BadCsv, path, lineOffset,
                    $"line {lineNo} has {fields.Length} fields, the first line has {columns}.");
            bool keep = wantRows is null || wantRows.Contains(dataRows);
            if (keep) rowStart.Add(values.Count);
            for (int j = 0; j < fields.Length; j++)
            {
                if (!TryNumber(fields[j], out double v))
                    throw new DataFormatException(DataFormatException.BadCsv, path, lineOffset,
                        $"line {lineNo}, field {j + 1}: '{fields[j].Trim()}' is not a number (invariant culture: '.' decimal point, ',' between fields).");
                if (!double.IsFinite(v))
                    throw new DataFormatException(DataFormatException.NonFinite, path, lineOffset,
                        $"line {lineNo}, field {j + 1}: value {fields[j].Trim()} is not finite; remove or impute such rows before importing.");
                if (keep) values.Add(v);
            }
            if (keep) rowIndexOfLine.Add(dataRows);
            dataRows++;
            if (values.Count > Array.MaxLength / 2)
                throw new DataFormatException(DataFormatException.TooLarge, path, lineOffset, "the file holds more values than fit in memory at once; convert it to .npy and select rows.");
        }
        if (dataRows == 0 || columns <= 0)
            throw new DataFormatException(DataFormatException.BadCsv, path, offset, "the file holds no data rows.");
        var (selRows, selCols) = Selection(o, dataRows, columns);
        var position = new Dictionary<int, int>(rowIndexOfLine.Count);
        for (int i = 0; i < rowIndexOfLine.Count; i++) position[rowIndexOfLine[i]] = rowStart[i];
        var type = o.DataType ?? FeatureDataType.Float64;
        int outCols = selCols.Length;
        double elements = (double)selRows.Length * outCols;
        MemoryBudget.Ensure(elements * (type == FeatureDataType.Float32 ? 4 : 8), elements, "Rows", path, $"{selRows.Length}×{outCols} {type}");
        var flat = new double[(long)selRows.Length * outCols];
        for (int i = 0; i < selRows.Length; i++)
        {
            int s = position[selRows[i]];
            for (int j = 0; j < outCols; j++) flat[(long)i * outCols + j] = values[s + selCols[j]];
        }
        if (type == FeatureDataType.Float64) return FeatureMatrix.Wrap(null, flat, selRows.Length, outCols, Path.GetFullPath(path));
        var single = new float[flat.Length];
        for (int i = 0; i < flat.Length; i++)
        {
            single[i] = (float)flat[i];
            if (!float.IsFinite(single[i]))
                throw new ParameterException("DataType", type, $"value {flat[i]:G6} (row {selRows[i / outCols]}) overflows float32; use -DataType Float64.");
        }
        return FeatureMatrix.Wrap(single, null, selRows.Length, outCols, Path.GetFullPath(path));
    }

    private static bool TryNumber(string field, out double value) =>
        double.TryParse(field.Trim().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Lines of a UTF-8 text stream with the byte offset each starts at (LF or CRLF endings).</summary>
    private static IEnumerable<(string Line, long Offset)> Lines(Stream s)
    {
        var buffer = new byte[1 << 16];
        var line = new List<byte>(256);
        long position = 0, start = 0;
        int n;
        while ((n = s.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (int i = 0; i < n; i++, position++)
            {
                byte b = buffer[i];
                if (b == (byte)'\n')
                {
                    int len = line.Count;
                    if (len > 0 && line[len - 1] == (byte)'\r') len--;
                    yield return (Encoding.UTF8.GetString(line.ToArray(), 0, len), start);
                    line.Clear();
                    start = position + 1;
                }
                else line.Add(b);
            }
        }
        if (line.Count > 0)
        {
            int len = line.Count;
            if (line[len - 1] == (byte)'\r') len--;
            yield return (Encoding.UTF8.GetString(line.ToArray(), 0, len), start);
        }
    }
}
