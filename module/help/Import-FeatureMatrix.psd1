@{
    Synopsis    = 'Reads a samples x features matrix from a .npy, CSV or raw binary file, streaming, with row and column selection.'
    Description = @'
Returns a ScalingPS.Core.Data.FeatureMatrix: the rows are samples, the columns features, held in the file's
precision (Float32 or Float64). It prints as its shape, type, mean and size; index it as $m[row, column], get
all values with $m.ToArray() or a one-column matrix as a vector with $m.ToVector().

.npy: NumPy format versions 1.0, 2.0 and 3.0, little-endian float32 ('<f4') or float64 ('<f8'), C or Fortran
order. A vector becomes one column; more than two axes (C order) are flattened into the columns, so images
(n, 28, 28) become n x 784. The header is read as text and never evaluated: object arrays (pickles),
big-endian and other types are refused. CSV (.csv, .txt; .tsv with tabs): invariant culture ('.' decimal
point), a header line is detected when the first line holds no number. Raw binary (any other extension, or
-Format Binary): little-endian, C order, with -Shape and -DataType.

Binary data are read a row (Fortran order: a column) at a time straight into the result, so a file is read
once and only the selection is held; its size is checked against the available memory first. Every value must
be finite. A malformed file stops with an error whose id names the problem - FeatureMatrix.BadMagic,
FeatureMatrix.BadHeader, FeatureMatrix.UnsupportedType, FeatureMatrix.Truncated, FeatureMatrix.ShapeMismatch,
FeatureMatrix.NonFinite, FeatureMatrix.BadCsv, FeatureMatrix.TooLarge - and whose message names the file and
the byte offset; a missing file is FeatureMatrix.NotFound. Nothing is returned half-read.
'@
    Parameters  = @{
        Path     = 'The file to read (accepted from the pipeline, also as FullName from Get-ChildItem).'
        Format   = 'Auto (default: by extension), Npy, Csv or Binary.'
        Shape    = 'Rows, columns of a raw binary file (both at least 1). Not used for .npy or CSV.'
        DataType = 'Element type of a raw binary file (Float32 or Float64); for CSV, the type the values are stored in (default Float64).'
        Rows     = 'Row indices (0-based) to keep, in the given order; a range such as 0..999 works without parentheses.'
        Columns  = 'Column indices (0-based) to keep, in the given order.'
    }
    Examples    = @(
        @{
            Code    = 'Import-FeatureMatrix ./x.npy'
            Remarks = 'Prints Rows, Columns, DataType, Mean, SizeMB and the file name.'
        }
        @{
            Code    = 'Import-FeatureMatrix ./x.bin -Shape 10000, 784 -DataType Float32 -Rows 0..1999'
            Remarks = 'The first 2000 rows of a raw float32 file.'
        }
    )
    Inputs      = 'System.String (a path)'
    Outputs     = 'ScalingPS.Core.Data.FeatureMatrix'
}
