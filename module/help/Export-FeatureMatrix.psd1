@{
    Synopsis    = 'Writes a feature matrix, or row-major values (-Value) with a shape, as a NumPy .npy file.'
    Description = @'
Writes format version 1.0, C order, little-endian float32 or float64, with the header padded so the data start
on a 64-byte boundary, exactly as NumPy writes it (numpy.load reads the file). The file is written under a
temporary name and renamed, so an interrupted export leaves no partial file. Returns the written file.
Values must be finite; a value too large for float32 is refused when -DataType Float32 is asked for.
'@
    Parameters  = @{
        Matrix   = 'The FeatureMatrix to write (accepted from the pipeline).'
        Value    = 'Row-major values to write instead of a matrix (rows x columns of -Shape).'
        Shape    = 'Rows, columns of -Value.'
        Path     = 'The .npy file to write (its folder must exist); an existing file is replaced.'
        DataType = 'Float32 or Float64; default: the matrix''s own type (Float64 for -Value).'
    }
    Examples    = @(
        @{
            Code    = 'Export-FeatureMatrix -Value $pixels -Shape 10000, 784 -Path ./x.npy -DataType Float32'
            Remarks = 'A flat array of pixel values saved as a 10000 x 784 float32 matrix.'
        }
        @{
            Code    = 'Import-FeatureMatrix ./x.csv | Export-FeatureMatrix -Path ./x.npy'
            Remarks = 'CSV to .npy.'
        }
    )
    Inputs      = 'ScalingPS.Core.Data.FeatureMatrix'
    Outputs     = 'System.IO.FileInfo'
}
