using System.Management.Automation;
using ScalingPS.Core.Sweeps;
using ScalingPS.Infrastructure;
using ScalingPS.Sweeps;

namespace ScalingPS.Commands;

/// <summary>
/// Import-ScalingResult: streams the rows of a result folder's shards (Parquet or CSV) back as objects whose numbers
/// are numbers, or merges them into one Parquet file. A shard that is cut, empty or foreign is reported by name
/// (ShardCorrupt) and skipped whole.
/// </summary>
[Cmdlet(VerbsData.Import, "ScalingResult", SupportsShouldProcess = true)]
[OutputType(typeof(PSObject), typeof(FileInfo))]
public sealed class ImportScalingResultCommand : ScalingCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("OutputPath", "FullName")]
    public string[] Path { get; set; } = [];

    [Parameter]
    public ScriptBlock? Where { get; set; }

    [Parameter]
    public string? Merge { get; set; }

    private readonly List<ShardData> _merged = [];

    protected override void ProcessItem()
    {
        foreach (var p in Path)
        {
            string full = GetUnresolvedProviderPathFromPSPath(p);
            IEnumerable<string> files;
            if (Directory.Exists(full)) files = SweepStore.ShardFiles(full);
            else if (File.Exists(full)) files = [full];
            else
            {
                WriteError(Errors.Make(SweepFileException.PlanUnreadable, $"'{full}' is neither a result folder nor a shard file.", full));
                continue;
            }
            foreach (var file in files)
            {
                Cancellation.ThrowIfCancellationRequested();
                ShardData shard;
                try { shard = SweepStore.ReadShard(file); }
                catch (SweepFileException ex) { WriteError(SweepCmdlets.Record(ex)); continue; }
                if (Merge is not null) { AddToMerge(Filter(shard)); continue; }
                for (int r = 0; r < shard.RowCount; r++)
                {
                    var obj = Row(shard, r);
                    if (Keep(obj)) WriteObject(obj);
                }
            }
        }
    }

    private long _mergedCells;

    /// <summary>Keeps a shard for -Merge, refusing before the merged table (boxed cells, ~48 bytes each, twice while
    /// it is written) would outgrow half the memory this process may use.</summary>
    private void AddToMerge(ShardData shard)
    {
        _mergedCells += (long)shard.RowCount * shard.Columns.Count;
        long need = _mergedCells * 48 * 2;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (need > available / 2)
            throw new ScalingPS.Core.ParameterException(nameof(Merge), Merge,
                $"merging {_merged.Count + 1} shards would need about {need / 1e9:F1} GB of the {available / 1e9:F1} GB available; merge a subset (-Where, or fewer folders), or read the folder's shards directly (pandas, polars and DuckDB read a folder of Parquet files).");
        _merged.Add(shard);
    }

    private static PSObject Row(ShardData shard, int r)
    {
        var obj = new PSObject();
        foreach (var c in shard.Columns) obj.Properties.Add(new PSNoteProperty(c.Name, c.Values[r]));
        return obj;
    }

    private bool Keep(PSObject obj)
    {
        if (Where is null) return true;
        var result = Where.InvokeWithContext(null, [new PSVariable("_", obj)]);
        return result.Count > 0 && LanguagePrimitives.IsTrue(result[^1]);
    }

    private ShardData Filter(ShardData shard)
    {
        if (Where is null) return shard;
        var keep = Enumerable.Range(0, shard.RowCount).Where(r => Keep(Row(shard, r))).ToArray();
        return new ShardData { Metadata = shard.Metadata, Columns = shard.Columns.Select(c => new ShardColumn(c.Name, c.Kind, keep.Select(r => c.Values[r]).ToArray())).ToList() };
    }

    protected override void EndProcessing()
    {
        if (Merge is null) return;
        string target = GetUnresolvedProviderPathFromPSPath(Merge);
        var meta = new Dictionary<string, string> { [ShardData.MergedKey] = _merged.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var key in new[] { ShardData.PlanIdKey, ShardData.CommandKey, ShardData.ModuleVersionKey })
        {
            var values = _merged.Select(s => s.Metadata.TryGetValue(key, out var v) ? v : "").Distinct().ToArray();
            if (values.Length == 1 && values[0].Length > 0) meta[key] = values[0];
        }
        var all = ShardData.Concat(_merged, meta);
        if (!ShouldProcess(target, $"Write {all.RowCount} rows of {_merged.Count} shard(s) to one Parquet file")) return;
        try { AtomicFile.Write(target, s => ParquetShards.Write(s, all)); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(Errors.Make(Errors.WriteFailed, $"Cannot write '{target}': {ex.Message}", target));
        }
        WriteObject(new FileInfo(target));
    }
}
