@{
    Synopsis    = 'Streams the rows of a sweep''s result shards (Parquet or CSV) back as objects with numbers as numbers, or merges them into one Parquet file.'
    Description = @'
Reads every shard of a result folder (or the given files) and writes one object per row, with each column as a
property of its own type: integers as Int32 or Int64, reals as Double (NaN and infinities included), flags as
Boolean, enums and text as String. The objects go straight into Measure-ScalingLaw, Measure-Plateau,
Export-ScalingPlot or Export-Csv. -Where filters rows with a script block ($_ is the row).

A shard is checked whole before any of its rows is written: a file that is cut short, empty (zero bytes) or not
a ScalingPS shard is reported as a ShardCorrupt error naming the file, and skipped. (Its task shows as pending in
Get-ScalingSweep, and the next Invoke-ScalingSweep runs it again.)

-Merge writes all rows to one Parquet file for other tools (pandas, polars, DuckDB, Spark): columns are matched by
name, a row missing a column gets null, and integer columns widen to Int64 or Double where shards disagree.
'@
    Parameters  = @{
        Path  = 'Result folders or shard files (.parquet, .csv).'
        Where = 'A script block that keeps a row when it returns true, e.g. { $_.Alpha -gt 0 }.'
        Merge = 'Write all rows (after -Where) to this one Parquet file instead of the pipeline, and return the file.'
    }
    Examples    = @(
        @{
            Code    = 'Import-ScalingResult runs/plateau -Where { $_.Alpha -gt 0 } | Measure-ScalingLaw -X Alpha -Y EpsG -GroupBy L'
            Remarks = 'A power law per L, fitted straight from the store.'
        }
        @{
            Code    = 'Import-ScalingResult runs/plateau | Export-ScalingPlot -Path plateau.png -X Alpha -Y EpsG -GroupBy K'
            Remarks = 'Plots every point of the sweep.'
        }
        @{
            Code    = 'Import-ScalingResult runs/plateau -Merge plateau.parquet'
            Remarks = 'One file for pandas.read_parquet, polars or DuckDB.'
        }
    )
    Inputs      = 'Objects with a Path, OutputPath or FullName property (folders or files).'
    Outputs     = 'One PSCustomObject per row (TaskId, the task''s parameters, the points'' properties); with -Merge, the merged file (System.IO.FileInfo).'
}
