namespace ScalingPS.Core.Data;

/// <summary>
/// The documented train / held-out split of a data matrix for training on its rows: with held-out fraction h, row r
/// (0-based) is held out when ⌊(r+1)h⌋ &gt; ⌊rh⌋, so held-out rows are spread evenly through the file (every 5th row
/// for h = 0.2) and a file sorted by class still trains and tests on every class.
/// </summary>
public static class DataSplit
{
    public static bool IsHeldOut(long row, double holdOut) => Math.Floor((row + 1) * holdOut) > Math.Floor(row * holdOut);

    public static int[] TrainingRows(int rows, double holdOut)
    {
        Check(rows, holdOut);
        return Enumerable.Range(0, rows).Where(r => !IsHeldOut(r, holdOut)).ToArray();
    }

    public static int[] HeldOutRows(int rows, double holdOut)
    {
        Check(rows, holdOut);
        return Enumerable.Range(0, rows).Where(r => IsHeldOut(r, holdOut)).ToArray();
    }

    private static void Check(int rows, double holdOut)
    {
        ScalingPS.Core.Check.Positive(rows, "Rows");
        ScalingPS.Core.Check.Between(holdOut, 0, 1, "HoldOut");
    }
}
