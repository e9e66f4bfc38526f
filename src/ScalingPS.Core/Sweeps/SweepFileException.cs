namespace ScalingPS.Core.Sweeps;

/// <summary>A plan or result file that cannot be used; <see cref="ErrorId"/> is the stable id the shell reports.</summary>
public sealed class SweepFileException(string errorId, string path, string message, Exception? inner = null) : Exception(message, inner)
{
    public const string PlanUnreadable = "SweepPlanUnreadable";
    public const string PlanInvalid = "SweepPlanInvalid";
    /// <summary>A shard cut short, empty, or not a Parquet/CSV file ScalingPS wrote.</summary>
    public const string ShardCorrupt = "ShardCorrupt";

    public string ErrorId { get; } = errorId;
    public string Path { get; } = path;
}

/// <summary>Writes files whole or not at all: to a temporary name in the same folder, then renamed over the target.</summary>
public static class AtomicFile
{
    public static string TempName(string path) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!,
            "." + System.IO.Path.GetFileName(path) + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");

    public static void WriteAllText(string path, string text) => Write(path, s => { using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), leaveOpen: true); w.Write(text); });

    public static void Write(string path, Action<Stream> write)
    {
        string full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        string temp = TempName(full);
        try
        {
            // No fsync: a killed process cannot leave a partial file under the final name (the rename is atomic), and
            // after a power cut a shard that did not reach the disk whole is caught by the readers' completeness
            // check and its task runs again — so the 10 ms of an fsync per shard buys nothing here.
            using (var s = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                write(s);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
