using System.Globalization;

namespace ScalingPS.Core.Data;

/// <summary>Element type a feature matrix is stored in (and written back as).</summary>
public enum FeatureDataType
{
    Float32,
    Float64,
}

/// <summary>
/// A samples × features matrix held row-major in its file's precision (float32 stays float32, half the memory).
/// Immutable once built. Prints as its shape, type, mean and size, never as its numbers.
/// </summary>
public sealed class FeatureMatrix
{
    private readonly float[]? _single;
    private readonly double[]? _double;

    private FeatureMatrix(int rows, int columns, float[]? single, double[]? dbl, string source)
    {
        Rows = rows;
        Columns = columns;
        _single = single;
        _double = dbl;
        Source = source;
        double sum = 0;
        if (single is not null) foreach (var v in single) sum += v;
        else foreach (var v in dbl!) sum += v;
        Mean = rows * (long)columns > 0 ? sum / ((long)rows * columns) : double.NaN;
    }

    /// <summary>A float64 matrix from row-major values (copied). Every value must be finite.</summary>
    public static FeatureMatrix FromValues(double[] rowMajor, int rows, int columns, string source = "")
    {
        ArgumentNullException.ThrowIfNull(rowMajor);
        CheckShape(rows, columns, rowMajor.Length);
        for (int i = 0; i < rowMajor.Length; i++)
            if (!double.IsFinite(rowMajor[i]))
                throw new ParameterException("Value", rowMajor[i], $"Every value must be finite (row {i / columns}, column {i % columns}).");
        return new FeatureMatrix(rows, columns, null, (double[])rowMajor.Clone(), source);
    }

    /// <summary>A float32 matrix from row-major values (copied). Every value must be finite.</summary>
    public static FeatureMatrix FromValues(float[] rowMajor, int rows, int columns, string source = "")
    {
        ArgumentNullException.ThrowIfNull(rowMajor);
        CheckShape(rows, columns, rowMajor.Length);
        for (int i = 0; i < rowMajor.Length; i++)
            if (!float.IsFinite(rowMajor[i]))
                throw new ParameterException("Value", rowMajor[i], $"Every value must be finite (row {i / columns}, column {i % columns}).");
        return new FeatureMatrix(rows, columns, (float[])rowMajor.Clone(), null, source);
    }

    /// <summary>Takes ownership of an already-checked buffer (the readers' path: no copy).</summary>
    internal static FeatureMatrix Wrap(float[]? single, double[]? dbl, int rows, int columns, string source) =>
        new(rows, columns, single, dbl, source);

    private static void CheckShape(int rows, int columns, int length)
    {
        if (rows < 1 || columns < 1)
            throw new ParameterException("Shape", $"{rows},{columns}", "Rows and columns must both be ≥ 1.");
        if ((long)rows * columns != length)
            throw new ParameterException("Shape", $"{rows},{columns}", $"Rows × columns must equal the number of values ({length}).");
    }

    public int Rows { get; }
    public int Columns { get; }
    public FeatureDataType DataType => _single is not null ? FeatureDataType.Float32 : FeatureDataType.Float64;
    /// <summary>Mean of all entries.</summary>
    public double Mean { get; }
    /// <summary>Bytes held in memory.</summary>
    public long SizeBytes => (long)Rows * Columns * (_single is not null ? 4 : 8);
    /// <summary>The file it was read from (empty when built in memory).</summary>
    public string Source { get; }
    /// <summary>"rows×columns", for display.</summary>
    public string Shape => $"{Rows}×{Columns}";

    /// <summary>Entry (row, column) as a double.</summary>
    public double this[int row, int column]
    {
        get
        {
            if ((uint)row >= (uint)Rows) throw new ParameterException("Rows", row, $"Row must be in [0, {Rows - 1}].");
            if ((uint)column >= (uint)Columns) throw new ParameterException("Columns", column, $"Column must be in [0, {Columns - 1}].");
            long i = (long)row * Columns + column;
            return _single is not null ? _single[i] : _double![i];
        }
    }

    /// <summary>Copies row <paramref name="row"/> into <paramref name="destination"/> as doubles.</summary>
    public void CopyRow(int row, Span<double> destination)
    {
        int o = row * Columns;
        if (_single is not null)
            for (int j = 0; j < Columns; j++) destination[j] = _single[o + j];
        else _double.AsSpan(o, Columns).CopyTo(destination);
    }

    /// <summary>One column as a new array (e.g. labels stored as a one-column matrix).</summary>
    public double[] GetColumn(int column)
    {
        if ((uint)column >= (uint)Columns) throw new ParameterException("Columns", column, $"Column must be in [0, {Columns - 1}].");
        var c = new double[Rows];
        for (int r = 0; r < Rows; r++) c[r] = this[r, column];
        return c;
    }

    /// <summary>All values of a single-row or single-column matrix (labels), in order.</summary>
    public double[] ToVector()
    {
        if (Rows != 1 && Columns != 1)
            throw new ParameterException("Labels", Shape, "A label vector must be a matrix with one column (or one row).");
        return Columns == 1 ? GetColumn(0) : Enumerable.Range(0, Columns).Select(j => this[0, j]).ToArray();
    }

    /// <summary>All values row-major as doubles (a copy).</summary>
    public double[] ToArray()
    {
        if (_double is not null) return (double[])_double.Clone();
        var d = new double[_single!.Length];
        for (int i = 0; i < d.Length; i++) d[i] = _single[i];
        return d;
    }

    /// <summary>The raw storage, for writers (float32 or float64, exactly one is non-null).</summary>
    internal (float[]? Single, double[]? Double) Storage => (_single, _double);

    /// <summary>The rows with the given indices (in that order), as a new matrix of the same type.</summary>
    public FeatureMatrix SelectRows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ParameterException("Rows", "(empty)", "Select at least one row.");
        foreach (int r in rows)
            if ((uint)r >= (uint)Rows) throw new ParameterException("Rows", r, $"Row indices must be in [0, {Rows - 1}].");
        int c = Columns;
        if (_single is not null)
        {
            var s = new float[(long)rows.Count * c];
            for (int i = 0; i < rows.Count; i++) Array.Copy(_single, (long)rows[i] * c, s, (long)i * c, c);
            return new FeatureMatrix(rows.Count, c, s, null, Source);
        }
        var d = new double[(long)rows.Count * c];
        for (int i = 0; i < rows.Count; i++) Array.Copy(_double!, (long)rows[i] * c, d, (long)i * c, c);
        return new FeatureMatrix(rows.Count, c, null, d, Source);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"FeatureMatrix {Rows}×{Columns} {DataType}, mean {Mean:G4}, {SizeBytes / 1048576.0:F1} MB");
}
