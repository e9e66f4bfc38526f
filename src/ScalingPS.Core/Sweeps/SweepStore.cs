using System.Text.Json;

namespace ScalingPS.Core.Sweeps;

public enum ShardFormat { Parquet, Csv }

public enum SweepTaskState { Pending, Done, Failed }

/// <summary>The state of one task of a plan in a result folder (what Get-ScalingSweep shows).</summary>
public sealed record SweepTaskStatus
{
    public int Index { get; init; }
    public string Id { get; init; } = "";
    public SweepTaskState State { get; init; }
    /// <summary>The task's parameters as "Name=value" pairs, for reading.</summary>
    public string Parameters { get; init; } = "";
    /// <summary>Rows in the shard (done tasks), else 0.</summary>
    public long Rows { get; init; }
    /// <summary>The shard file of a done task, or the shard that was found unusable (the task is then pending).</summary>
    public string? Shard { get; init; }
    /// <summary>Error id of a failed task (e.g. Diverged), or ShardCorrupt for a pending task whose shard was unusable.</summary>
    public string? ErrorId { get; init; }
    public string? Error { get; init; }
}

/// <summary>
/// A result folder: one shard per done task, named by task id ("&lt;id&gt;.parquet" or "&lt;id&gt;.csv" with its sidecar),
/// one "&lt;id&gt;.failed.json" per failed task, and the Slurm files under "slurm/". Every file is written whole
/// (temporary name, then rename), so a task is done exactly when its shard exists and reads as complete.
/// </summary>
public sealed class SweepStore
{
    public SweepStore(string folder) => Folder = Path.GetFullPath(folder);

    public string Folder { get; }

    public string ShardPath(string taskId, ShardFormat format) => Path.Combine(Folder, taskId + (format == ShardFormat.Csv ? ".csv" : ".parquet"));

    public string FailurePath(string taskId) => Path.Combine(Folder, taskId + ".failed.json");

    public void WriteShard(ShardData shard, ShardFormat format)
    {
        string id = shard.TaskId ?? throw new ArgumentException("A shard needs its task id.", nameof(shard));
        string path = ShardPath(id, format);
        if (format == ShardFormat.Csv) CsvShards.Write(path, shard);
        else AtomicFile.Write(path, s => ParquetShards.Write(s, shard));
        File.Delete(FailurePath(id));
    }

    public void WriteFailure(SweepTask task, string errorId, string message)
    {
        AtomicFile.Write(FailurePath(task.Id), s =>
        {
            using var w = new Utf8JsonWriter(s, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteString("taskId", task.Id);
            w.WriteNumber("index", task.Index);
            w.WriteString("errorId", errorId);
            w.WriteString("error", message);
            w.WriteString("time", DateTime.UtcNow.ToString("O"));
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// The state of every task: done when a complete shard of that task exists; failed when its failure record
    /// exists; pending otherwise, including when its shard is cut, empty or foreign (reported in the status).
    /// </summary>
    public List<SweepTaskStatus> Status(SweepPlan plan)
    {
        var result = new List<SweepTaskStatus>(plan.Tasks.Count);
        foreach (var t in plan.Tasks) result.Add(Status(t));
        return result;
    }

    public SweepTaskStatus Status(SweepTask t)
    {
        string parameters = string.Join(", ", t.Parameters.Select(p => $"{p.Key}={SweepValues.Canonical(p.Value).Trim('"')}"));
        var status = new SweepTaskStatus { Index = t.Index, Id = t.Id, Parameters = parameters, State = SweepTaskState.Pending };
        foreach (var format in new[] { ShardFormat.Parquet, ShardFormat.Csv })
        {
            string path = ShardPath(t.Id, format);
            if (!File.Exists(path)) continue;
            try
            {
                var (id, rows) = format == ShardFormat.Csv ? CsvTaskId(path) : ParquetTaskId(path);
                if (id != t.Id) throw new SweepFileException(SweepFileException.ShardCorrupt, path, $"Shard '{path}' holds task {id}, not {t.Id}.");
                return status with { State = SweepTaskState.Done, Shard = path, Rows = rows };
            }
            catch (SweepFileException ex)
            {
                status = status with { Shard = path, ErrorId = ex.ErrorId, Error = ex.Message };
            }
        }
        if (status.ErrorId is null && File.Exists(FailurePath(t.Id)))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(FailurePath(t.Id)));
                return status with
                {
                    State = SweepTaskState.Failed,
                    ErrorId = doc.RootElement.GetProperty("errorId").GetString(),
                    Error = doc.RootElement.GetProperty("error").GetString(),
                };
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or IOException)
            {
                return status with { State = SweepTaskState.Failed, ErrorId = "Unknown", Error = $"failure record unreadable: {ex.Message}" };
            }
        }
        return status;
    }

    private static (string Id, long Rows) ParquetTaskId(string path)
    {
        var meta = ParquetShards.ReadMetadata(path, out long rows);
        return (meta[ShardData.TaskIdKey], rows);
    }

    private static (string Id, long Rows) CsvTaskId(string path)
    {
        var shard = CsvShards.Read(path);
        return (shard.TaskId ?? "", shard.RowCount);
    }

    /// <summary>Shard files of the folder (top level), Parquet and CSV, in name order.</summary>
    public static IEnumerable<string> ShardFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.parquet").Concat(Directory.EnumerateFiles(folder, "*.csv"))
            .Where(f => !Path.GetFileName(f).StartsWith('.')).OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>Reads a shard of either format.</summary>
    public static ShardData ReadShard(string path) =>
        path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? CsvShards.Read(path) : ParquetShards.Read(path);
}

/// <summary>A plan and the state of its result folder (what New-ScalingSweep returns).</summary>
public sealed record ScalingSweepInfo
{
    public string Path { get; init; } = "";
    public string Id { get; init; } = "";
    public string Command { get; init; } = "";
    public int Tasks { get; init; }
    public int Done { get; init; }
    public int Failed { get; init; }
    public int Pending { get; init; }
    public string OutputPath { get; init; } = "";
}
