namespace ScalingPS.Core.Data;

/// <summary>Checks an allocation against the memory this process can still use, before making it.</summary>
public static class MemoryBudget
{
    /// <summary>Bytes the GC reports as available to this process (physical memory or the container limit).</summary>
    public static long Available => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>
    /// Throws a <see cref="ParameterException"/> for <paramref name="parameter"/> when <paramref name="bytes"/> would
    /// take more than half the available memory or more elements than a .NET array can hold.
    /// </summary>
    public static void Ensure(double bytes, double elements, string parameter, object? value, string what)
    {
        long limit = Available / 2;
        if (elements > Array.MaxLength)
            throw new ParameterException(parameter, value, $"{what} would need {elements:G3} elements in one array (at most {Array.MaxLength}); select fewer rows or columns.");
        if (bytes > limit)
            throw new ParameterException(parameter, value, $"{what} would need {bytes / 1e9:F2} GB, more than half the {Available / 1e9:F1} GB available; select fewer rows or columns.");
    }
}
