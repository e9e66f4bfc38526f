namespace ScalingPS.Core.Committee;

/// <summary>
/// The α values of a committee learning curve, one grid for Invoke-CommitteeSgd, Invoke-CommitteeOde and
/// Get-CommitteeLinearCurve, so that simulation, ODE and closed form align point for point: α = 0, then
/// <c>Points</c> log-spaced α in [AlphaMin, Alpha], each rounded to a whole number of SGD steps (α = step/N,
/// duplicates dropped) — or an explicit list (<c>-AlphaGrid</c>) rounded the same way.
/// </summary>
public static class AlphaGrid
{
    /// <summary>Largest number of SGD steps a curve may reach (α·N).</summary>
    public const double MaxSteps = 1e15;

    /// <summary>Steps 0, then <paramref name="points"/> log-spaced α in [alphaMin, alpha] (the last exactly round(alpha·N)).</summary>
    public static long[] LogSteps(double alphaMin, double alpha, int points, int n)
    {
        Check.Positive(alpha, "Alpha");
        Check.Positive(alphaMin, "AlphaMin");
        if (alphaMin > alpha) throw new ParameterException("AlphaMin", alphaMin, $"AlphaMin must not exceed -Alpha ({alpha}).");
        Check.Range(points, 1, CommitteeLimits.MaxPoints, "Points");
        Check.Positive(n, "N");
        if (alpha * n > MaxSteps) throw new ParameterException("Alpha", alpha, $"Alpha·N must stay below {MaxSteps:G2} steps (N = {n}).");
        var steps = new List<long>(points + 1) { 0 };
        long last = (long)Math.Round(alpha * n);
        for (int p = 0; p < points; p++)
        {
            double a = points == 1 ? alpha : alphaMin * Math.Pow(alpha / alphaMin, (double)p / (points - 1));
            long s = p == points - 1 ? last : Math.Max(1, (long)Math.Round(a * n));
            if (s > steps[^1]) steps.Add(s);
        }
        return [.. steps];
    }

    /// <summary>Steps of an explicit α list: every α finite and ≥ 0, sorted, rounded to whole steps, 0 always first.</summary>
    public static long[] ListSteps(IReadOnlyList<double> alphas, int n)
    {
        ArgumentNullException.ThrowIfNull(alphas);
        if (alphas.Count == 0 || alphas.Count > CommitteeLimits.MaxPoints)
            throw new ParameterException("AlphaGrid", alphas.Count, $"AlphaGrid needs 1 to {CommitteeLimits.MaxPoints} values.");
        Check.Positive(n, "N");
        var steps = new SortedSet<long> { 0 };
        foreach (double a in alphas)
        {
            if (!(a >= 0) || !(a * n <= MaxSteps))
                throw new ParameterException("AlphaGrid", a, $"Every α must be in [0, {MaxSteps / n:G3}] (α·N ≤ {MaxSteps:G2} steps, N = {n}).");
            steps.Add((long)Math.Round(a * n));
        }
        return [.. steps];
    }

    /// <summary>α = step / N of each step.</summary>
    public static double[] Alphas(IReadOnlyList<long> steps, int n) => steps.Select(s => (double)s / n).ToArray();
}
