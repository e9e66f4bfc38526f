namespace ScalingPS.Core.Committee;

/// <summary>
/// The order parameters of a committee state (spec/committee.md §2.1–§2.2): per eigen-group τ the overlaps
/// X_τ = (1/m_τ) Σ_{a∈E_τ} (·)_a (so X_τ = (L/N) Σ for equal multiplicities m_τ = N/L), and the first-order
/// X^{(1)} = Σ_τ w_τ λ_τ X_τ with group weights w_τ = m_τ/N. Emitted by <c>Invoke-CommitteeSgd -OrderParameters</c>
/// and accepted by <c>Invoke-CommitteeOde -Initial</c>, so that theory and simulation start from the same weights.
/// Arrays are row-major and flattened: R is K×M, Q is K×K, T is M×M; RTau is L×K×M, QTau L×K×K, TTau L×M×M.
/// </summary>
public sealed record CommitteeOrderParameters
{
    public string Model { get; init; } = "Committee";
    /// <summary>A <see cref="CurveSource"/> name (a string so exported data carries the name).</summary>
    public string Source { get; init; } = "";
    public int Seed { get; init; }
    public double Alpha { get; init; }
    public long Step { get; init; }
    public int N { get; init; }
    public int K { get; init; }
    public int M { get; init; }
    public int L { get; init; }
    /// <summary>Distinct eigenvalues λ_τ, τ = 1..L.</summary>
    public double[] Eigenvalues { get; init; } = [];
    /// <summary>Group weights w_τ = m_τ/N (1/L each for the committee convention).</summary>
    public double[] GroupWeights { get; init; } = [];
    public double[] R { get; init; } = [];
    public double[] Q { get; init; } = [];
    public double[] T { get; init; } = [];
    public double[] RTau { get; init; } = [];
    public double[] QTau { get; init; } = [];
    public double[] TTau { get; init; } = [];
    public double EpsG { get; init; }
    /// <summary>The normal generator of the SGD run these overlaps come from (Ziggurat or Wallace); null otherwise.</summary>
    public string? Generator { get; init; }

    /// <summary>
    /// Mean specialisation of the students on the first-order overlaps: the mean over students i of
    /// max_n R_in − mean_{n' ≠ n*} R_in' (n* the maximiser). Zero on the symmetric plateau, O(1) once each student has
    /// picked a teacher unit; the spec's escape α_S is its first crossing of 0.2 (Measure-Plateau -SpecialisationThreshold).
    /// NaN for M = 1 or without overlaps.
    /// </summary>
    public double Specialisation
    {
        get
        {
            if (M < 2 || K < 1 || R.Length != K * M) return double.NaN;
            double sum = 0;
            for (int i = 0; i < K; i++)
            {
                int best = 0;
                for (int n = 1; n < M; n++) if (R[i * M + n] > R[i * M + best]) best = n;
                double others = 0;
                for (int n = 0; n < M; n++) if (n != best) others += R[i * M + n];
                sum += R[i * M + best] - others / (M - 1);
            }
            return sum / K;
        }
    }

    /// <summary>First-order X^{(1)} = Σ_τ w_τ λ_τ X_τ of a per-group array with <paramref name="block"/> entries per group.</summary>
    public static double[] FirstOrder(ReadOnlySpan<double> perGroup, ReadOnlySpan<double> eigenvalues, ReadOnlySpan<double> weights, int block)
    {
        var result = new double[block];
        for (int tau = 0; tau < eigenvalues.Length; tau++)
        {
            double c = weights[tau] * eigenvalues[tau];
            var src = perGroup.Slice(tau * block, block);
            for (int i = 0; i < block; i++) result[i] += c * src[i];
        }
        return result;
    }
}
