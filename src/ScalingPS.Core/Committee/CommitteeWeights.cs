using ScalingPS.Core.Sampling;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.Committee;

/// <summary>How the student entries outside the N_l trained directions are treated (spec/committee.md §3.4, §9 item 9).</summary>
public enum UntrainedInputs
{
    /// <summary>Set to zero at the start and never updated (default: the effective input dimension is N_l).</summary>
    Zero,
    /// <summary>Kept at their random initial values and never updated (ε_min is multiplied by 1 + σ_J²).</summary>
    Frozen,
}

/// <summary>
/// The random weights of a committee run and their order parameters. This is the contract between the SGD
/// simulator and the ODE: <c>Draw(seed, …)</c> gives exactly the initial weights SGD with that seed starts from,
/// and <c>Overlaps</c> turns weights into the per-group and first-order overlaps the ODE integrates.
/// </summary>
public static class CommitteeWeights
{
    /// <summary>
    /// Student J (K×N, row-major) ~ N(0, σ_J²) and teacher B (M×N, row-major) ~ N(0, 1), i.i.d., drawn exactly as the
    /// SGD run with this seed draws them (spec/committee.md §1.3, §9 item 7: teacher not orthonormalised).
    /// The teacher comes from its own random stream, so it does not depend on K or σ_J.
    /// </summary>
    public static (double[] Student, double[] Teacher) Draw(int seed, int n, int k, int m, double sigmaJ)
    {
        Check.Positive(n, "N");
        Check.Positive(k, "K");
        Check.Positive(m, "M");
        Check.NonNegative(sigmaJ, "SigmaJ");
        var teacher = new double[checked(m * n)];
        new NormalGenerator(seed, RandomStreams.Teacher).Fill(teacher.AsSpan());
        var student = new double[checked(k * n)];
        new NormalGenerator(seed, RandomStreams.Student).Fill(student.AsSpan());
        for (int i = 0; i < student.Length; i++) student[i] *= sigmaJ;
        return (student, teacher);
    }

    /// <summary>
    /// <see cref="Draw(int,int,int,int,double)"/> with only the first <paramref name="trainableInputs"/> coordinates
    /// (those of largest eigenvalue) trained: with <see cref="UntrainedInputs.Zero"/> the other student entries are
    /// zeroed, with <see cref="UntrainedInputs.Frozen"/> they keep their drawn values. This is the SGD run's start.
    /// </summary>
    public static (double[] Student, double[] Teacher) Draw(int seed, int n, int k, int m, double sigmaJ,
        int trainableInputs, UntrainedInputs untrained)
    {
        Check.Range(trainableInputs, 1, n, "TrainableInputs");
        var (student, teacher) = Draw(seed, n, k, m, sigmaJ);
        if (untrained == UntrainedInputs.Zero)
            for (int i = 0; i < k; i++) Array.Clear(student, i * n + trainableInputs, n - trainableInputs);
        return (student, teacher);
    }

    /// <summary>
    /// The SGD run's start for a spectrum: <see cref="Draw(int,int,int,int,double,int,UntrainedInputs)"/>, and with
    /// <paramref name="orthonormalTeacher"/> the teacher rows orthonormalised (spec/committee.md §9 item 7) so that
    /// T_τ = I in every eigenvalue group (Gram–Schmidt within each group, rows scaled to (1/m_τ) Σ B² = 1), which needs
    /// every group to hold at least M coordinates; otherwise (e.g. L = N) the rows are orthonormalised in the
    /// Σ-weighted inner product, so that the first-order T = I.
    /// </summary>
    public static (double[] Student, double[] Teacher) Draw(int seed, Spectrum spectrum, int k, int m, double sigmaJ,
        int trainableInputs, UntrainedInputs untrained, bool orthonormalTeacher)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        int n = spectrum.Dimension;
        var (student, teacher) = Draw(seed, n, k, m, sigmaJ, trainableInputs, untrained);
        if (!orthonormalTeacher) return (student, teacher);
        var mult = spectrum.CopyMultiplicities();
        if (mult.All(size => size >= m))
        {
            var unit = new double[n];
            Array.Fill(unit, 1.0);
            int offset = 0;
            foreach (int size in mult)
            {
                GramSchmidt(teacher, n, m, offset, size, unit);
                offset += size;
            }
        }
        else
        {
            if (m > n) throw new ParameterException("M", m, $"An orthonormal teacher needs M ≤ N = {n}.");
            GramSchmidt(teacher, n, m, 0, n, spectrum.ExpandEigenvalues());
        }
        return (student, teacher);
    }

    /// <summary>Rows B_p restricted to [offset, offset+size): orthonormal in ⟨u, v⟩ = (1/size) Σ w_a u_a v_a.</summary>
    private static void GramSchmidt(double[] b, int n, int m, int offset, int size, double[] weight)
    {
        double Inner(int p, int q)
        {
            double sum = 0;
            for (int a = offset; a < offset + size; a++) sum += weight[a] * b[p * n + a] * b[q * n + a];
            return sum / size;
        }
        for (int p = 0; p < m; p++)
        {
            for (int pass = 0; pass < 2; pass++) // twice is enough (Kahan–Parlett) for orthogonality to rounding
                for (int q = 0; q < p; q++)
                {
                    double c = Inner(p, q);
                    for (int a = offset; a < offset + size; a++) b[p * n + a] -= c * b[q * n + a];
                }
            double norm = Math.Sqrt(Inner(p, p));
            for (int a = offset; a < offset + size; a++) b[p * n + a] /= norm;
        }
    }

    /// <summary>
    /// Per-group overlaps R_τ = (1/m_τ) Σ_{a∈E_τ} J_ia B_na (likewise Q_τ, T_τ) and first-order X = Σ_τ w_τ λ_τ X_τ
    /// with w_τ = m_τ/N (spec/committee.md §2.2; for the committee spectrum m_τ = N/L), coordinates taken group by
    /// group in the spectrum's order. EpsG is filled by <see cref="GeneralizationError.Compute"/>.
    /// </summary>
    public static CommitteeOrderParameters Overlaps(ReadOnlySpan<double> student, ReadOnlySpan<double> teacher,
        Spectrum spectrum, int k, int m, Activation studentActivation, Activation teacherActivation,
        OutputNormalization norm, int seed = 0, double alpha = 0, long step = 0, CurveSource source = CurveSource.Simulation)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        Check.Positive(k, "K");
        Check.Positive(m, "M");
        int n = spectrum.Dimension;
        if (student.Length != k * n) throw new ArgumentException($"Student weights must have K·N = {k * n} entries, not {student.Length}.", nameof(student));
        if (teacher.Length != m * n) throw new ArgumentException($"Teacher weights must have M·N = {m * n} entries, not {teacher.Length}.", nameof(teacher));
        int l = spectrum.DistinctCount;
        var lambda = spectrum.CopyEigenvalues();
        var mult = spectrum.CopyMultiplicities();
        var weights = new double[l];
        var rTau = new double[l * k * m];
        var qTau = new double[l * k * k];
        var tTau = new double[l * m * m];
        int offset = 0;
        for (int tau = 0; tau < l; tau++)
        {
            int size = mult[tau];
            weights[tau] = (double)size / n;
            double inv = 1.0 / size;
            for (int i = 0; i < k; i++)
            {
                var ji = student.Slice(i * n + offset, size);
                for (int p = 0; p < m; p++)
                    rTau[(tau * k + i) * m + p] = inv * Dot(ji, teacher.Slice(p * n + offset, size));
                for (int j = i; j < k; j++)
                {
                    double v = inv * Dot(ji, student.Slice(j * n + offset, size));
                    qTau[(tau * k + i) * k + j] = v;
                    qTau[(tau * k + j) * k + i] = v;
                }
            }
            for (int p = 0; p < m; p++)
                for (int q = p; q < m; q++)
                {
                    double v = inv * Dot(teacher.Slice(p * n + offset, size), teacher.Slice(q * n + offset, size));
                    tTau[(tau * m + p) * m + q] = v;
                    tTau[(tau * m + q) * m + p] = v;
                }
            offset += size;
        }
        var r = CommitteeOrderParameters.FirstOrder(rTau, lambda, weights, k * m);
        var qq = CommitteeOrderParameters.FirstOrder(qTau, lambda, weights, k * k);
        var t = CommitteeOrderParameters.FirstOrder(tTau, lambda, weights, m * m);
        return new CommitteeOrderParameters
        {
            Source = source.ToString(),
            Seed = seed,
            Alpha = alpha,
            Step = step,
            N = n,
            K = k,
            M = m,
            L = l,
            Eigenvalues = lambda,
            GroupWeights = weights,
            R = r,
            Q = qq,
            T = t,
            RTau = rTau,
            QTau = qTau,
            TTau = tTau,
            EpsG = GeneralizationError.Compute(studentActivation, teacherActivation, norm, qq, r, t, k, m),
        };
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) =>
        System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
