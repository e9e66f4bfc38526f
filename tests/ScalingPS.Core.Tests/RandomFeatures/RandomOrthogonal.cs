namespace ScalingPS.Core.Tests.RandomFeatures;

/// <summary>Test matrices with a chosen spectrum need an orthogonal basis that is not aligned with the axes.</summary>
internal static class RandomOrthogonal
{
    /// <summary>
    /// An n×n orthogonal matrix, row-major, whose rows are its columns' transposes: modified Gram–Schmidt of rows with
    /// uniform entries, which is orthogonal to rounding for the sizes the tests use.
    /// </summary>
    public static double[] Rows(int n, Random rng)
    {
        var q = new double[n * n];
        for (int i = 0; i < q.Length; i++) q[i] = rng.NextDouble() - 0.5;
        for (int i = 0; i < n; i++)
        {
            var qi = q.AsSpan(i * n, n);
            for (int j = 0; j < i; j++)
            {
                var qj = q.AsSpan(j * n, n);
                double d = 0;
                for (int k = 0; k < n; k++) d += qi[k] * qj[k];
                for (int k = 0; k < n; k++) qi[k] -= d * qj[k];
            }
            double s = 0;
            for (int k = 0; k < n; k++) s += qi[k] * qi[k];
            s = Math.Sqrt(s);
            for (int k = 0; k < n; k++) qi[k] /= s;
        }
        return q;
    }
}
