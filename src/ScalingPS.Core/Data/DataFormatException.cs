namespace ScalingPS.Core.Data;

/// <summary>
/// A data file that cannot be read as a feature matrix. <see cref="ErrorId"/> is the stable error id the shell
/// reports ("FeatureMatrix.&lt;Problem&gt;"); the message names the file and the byte offset where reading stopped.
/// </summary>
public sealed class DataFormatException : Exception
{
    public const string BadMagic = "FeatureMatrix.BadMagic";
    public const string BadHeader = "FeatureMatrix.BadHeader";
    public const string UnsupportedType = "FeatureMatrix.UnsupportedType";
    public const string Truncated = "FeatureMatrix.Truncated";
    public const string ShapeMismatch = "FeatureMatrix.ShapeMismatch";
    public const string NonFinite = "FeatureMatrix.NonFinite";
    public const string BadCsv = "FeatureMatrix.BadCsv";
    public const string TooLarge = "FeatureMatrix.TooLarge";

    public DataFormatException(string errorId, string path, long offset, string problem)
        : base($"{Path.GetFileName(path)} (byte offset {offset}): {problem}")
    {
        ErrorId = errorId;
        FilePath = path;
        Offset = offset;
    }

    public string ErrorId { get; }
    public string FilePath { get; }
    /// <summary>Byte offset in the file where the problem was found.</summary>
    public long Offset { get; }
}
