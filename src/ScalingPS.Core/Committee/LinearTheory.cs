using System.Numerics.Tensors;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.Committee;

/// <summary>Which linear-activation learning curve (spec/committee.md §3.2–§3.3).</summary>
public enum LinearForm
{
    /// <summary>The exact N → ∞ solution with the η² term (§3.2).</summary>
    Exact,
    /// <summary>The small-η form ε_g = ((1+σ_J²)/2) Σ_τ w_τλ_τ e^{−2ηλ_τα} (§3.3).</summary>
    SmallEta,
}

/// <summary>
/// Linear-activation learning curve for a teacher with T_τ = I and a student starting with no overlap
/// (d_τ(0) = 1 + σ_J²), written as ε_g(α) = ε_∞ + Σ_j c_j e^{−κ_j α}.
/// <para>Exact form: ḋ = −A d + forcing with A = 2η diag(λ) − η² λ(wλ)ᵀ (spec §3.1–§3.2, general group
/// weights w_τ = m_τ/N). The similarity D A D⁻¹ with D = diag(√w) is diag(δ) − uuᵀ, δ_τ = 2ηλ_τ,
/// u_τ = η√w_τλ_τ, so the rates κ_j are the roots of the secular equation 1 = Σ_τ u_τ²/(δ_τ − κ), one in each
/// interval between consecutive δ (and one below the smallest), and the eigenvectors are u/(δ − κ_j).
/// Each root is found relative to its nearer pole, so δ_τ − κ_j is accurate even when it is tiny: O(L²) work,
/// no matrix exponential, stable for L in the thousands.</para>
/// <para>Trainable inputs N_l (§3.4): only the leading groups holding N_l coordinates learn; the rest act as
/// label noise ε_min = ½Σ_untrained w_kλ_k (×(1+σ_J²) if frozen), the forced steady state is
/// d_∞ = c_∞·1 with c_∞ = 2ηε_min/(2 − ηS), S = Σ_trained wλ, and ε_∞ = ε_min/(1 − ηS/2).</para>
/// </summary>
public sealed class LinearTheory
{
    private readonly double[] _rates, _amplitudes;

    private LinearTheory(double[] rates, double[] amplitudes, double floor, double minimum)
    {
        _rates = rates; _amplitudes = amplitudes; Floor = floor; Minimum = minimum;
    }

    /// <summary>The decay rates κ_j (ascending).</summary>
    public IReadOnlyList<double> Rates => _rates;
    /// <summary>c_j in ε_g = ε_∞ + Σ c_j e^{−κ_j α}.</summary>
    public IReadOnlyList<double> Amplitudes => _amplitudes;
    /// <summary>ε_∞, the error as α → ∞ (0 when every input is trained).</summary>
    public double Floor { get; }
    /// <summary>ε_min, the untrained directions' share (the η → 0 floor).</summary>
    public double Minimum { get; }

    public double EpsG(double alpha)
    {
        double s = 0;
        for (int j = _rates.Length - 1; j >= 0; j--) s += _amplitudes[j] * Math.Exp(-_rates[j] * alpha);
        return Floor + s;
    }

    /// <param name="spectrum">Eigenvalues and multiplicities (w_τ = m_τ/N).</param>
    /// <param name="eta">Learning rate η.</param>
    /// <param name="sigmaJ">Initial student weight scale σ_J (d_τ(0) = 1 + σ_J²).</param>
    /// <param name="form">Exact (with η²) or SmallEta.</param>
    /// <param name="trainableInputs">N_l: train the leading groups holding this many coordinates (null: all).</param>
    /// <param name="untrained">Zero or Frozen untrained entries.</param>
    public static LinearTheory Create(Spectrum spectrum, double eta, double sigmaJ, LinearForm form = LinearForm.Exact,
        int? trainableInputs = null, UntrainedInputs untrained = UntrainedInputs.Zero)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        Check.Positive(eta, "Eta");
        CommitteeLimits.CheckSigmaJ(sigmaJ);
        int n = spectrum.Dimension, groups = spectrum.DistinctCount;
        int trained = groups;
        if (trainableInputs is int nl)
        {
            Check.Range(nl, 1, n, "TrainableInputs");
            int cum = 0;
            trained = 0;
            while (trained < groups && cum < nl) cum += spectrum.Multiplicities[trained++];
            if (cum != nl)
                throw new ParameterException("TrainableInputs", nl,
                    $"N_l must cover whole eigen-groups (multiplicity {spectrum.Multiplicities[0]}); use L = N to train any number of inputs.");
        }
        // Merge equal eigenvalues among the trained groups: the secular equation needs distinct poles.
        var lam = new List<double>(); var w = new List<double>();
        var index = new Dictionary<double, int>();
        for (int g = 0; g < trained; g++)
        {
            double wg = (double)spectrum.Multiplicities[g] / n, lg = spectrum.Eigenvalues[g];
            if (index.TryGetValue(lg, out int found)) w[found] += wg;
            else { index[lg] = lam.Count; lam.Add(lg); w.Add(wg); }
        }
        double d0 = 1 + sigmaJ * sigmaJ;
        double emin = 0;
        for (int g = trained; g < groups; g++) emin += 0.5 * spectrum.Multiplicities[g] / n * spectrum.Eigenvalues[g];
        if (untrained == UntrainedInputs.Frozen) emin *= d0;

        int m = lam.Count;
        double sum = 0;
        for (int i = 0; i < m; i++) sum += w[i] * lam[i];
        if (form == LinearForm.SmallEta)
        {
            var r = new double[m]; var c = new double[m];
            for (int i = 0; i < m; i++) { r[i] = 2 * eta * lam[i]; c[i] = 0.5 * d0 * w[i] * lam[i]; }
            Array.Sort(r, c);
            return new LinearTheory(r, c, emin, emin);
        }
        if (!(eta * sum < 2))
            throw new ParameterException("Eta", eta, $"The exact linear dynamics are stable only for η < 2/Σ w_τλ_τ = {2 / sum:G6} (spec §3.2).");
        double cInf = 2 * eta * emin / (2 - eta * sum);
        double floor = 0.5 * sum * cInf + emin;
        var (rates, modal) = Modes(lam.ToArray(), w.ToArray(), eta);
        for (int j = 0; j < modal.Length; j++) modal[j] *= d0 - cInf;
        return new LinearTheory(rates, modal, floor, emin);
    }

    /// <summary>
    /// Rates κ_j and amplitudes a_j with ½(wλ)ᵀ e^{−Aα} 1 = Σ_j a_j e^{−κ_jα}:
    /// a_j = ½ [Σ_τ w_τλ_τ/(δ_τ−κ_j)] / [Σ_τ u_τ²/(δ_τ−κ_j)²] (normalised eigenvector u/(δ−κ_j); uᵀ of it is 1 by the secular equation).
    /// </summary>
    internal static (double[] Rates, double[] Amplitudes) Modes(double[] lambda, double[] weight, double eta)
    {
        int m = lambda.Length;
        var order = Enumerable.Range(0, m).OrderBy(i => lambda[i]).ToArray();
        var delta = new double[m]; var u2 = new double[m]; var wl = new double[m];
        for (int i = 0; i < m; i++)
        {
            double l = lambda[order[i]], wt = weight[order[i]];
            delta[i] = 2 * eta * l;
            u2[i] = eta * eta * wt * l * l;
            wl[i] = wt * l;
        }
        double u2sum = u2.Sum();
        var rates = new double[m];
        var amps = new double[m];
        var shifted = new double[m];
        var scratch = new double[m];
        for (int j = 0; j < m; j++)
        {
            int origin, partner; // the nearer pole (origin of μ) and the other end of the interval (−1: none)
            double lo, hi; // bracket for μ = κ − δ_origin
            if (j == 0) { origin = 0; partner = -1; lo = -u2sum * (1 + 1e-12) - double.Epsilon; hi = 0; }
            else
            {
                double mid = 0.5 * (delta[j - 1] + delta[j]);
                TensorPrimitives.Subtract(delta, mid, scratch);
                TensorPrimitives.Reciprocal(scratch, scratch);
                double fmid = 1 - TensorPrimitives.Dot(u2, scratch);
                if (fmid >= 0) { origin = j; partner = j - 1; lo = mid - delta[j]; hi = 0; }
                else { origin = j - 1; partner = j; lo = 0; hi = mid - delta[j - 1]; }
            }
            TensorPrimitives.Subtract(delta, delta[origin], shifted);
            shifted[origin] = 0;
            double mu = SolveShifted(shifted, u2, origin, partner, lo, hi);
            rates[j] = delta[origin] + mu;
            TensorPrimitives.Subtract(shifted, mu, scratch);
            TensorPrimitives.Reciprocal(scratch, scratch);    // 1/(δ_τ − κ_j), accurate through the shift
            double num = TensorPrimitives.Dot(wl, scratch);
            TensorPrimitives.Multiply(scratch, scratch, scratch);
            double den = TensorPrimitives.Dot(u2, scratch);
            amps[j] = 0.5 * num / den;
        }
        return (rates, amps);
    }

    // Root of g(μ) = 1 − Σ u²/(Δ_τ − μ) in (lo, hi), where g decreases monotonically. Each iteration models g by its
    // two poles at the ends of the interval exactly plus the rest frozen at the current μ, and takes the model's root
    // (a quadratic; the usual secular-equation strategy), falling back to Newton or bisection when that leaves the
    // bracket: about 3 iterations per root at small η, 12–15 when η is near its stability limit.
    private static double SolveShifted(double[] shifted, double[] u2, int origin, int partner, double lo, double hi)
    {
        int m = shifted.Length;
        var inv = new double[m];
        double mu = 0.5 * (lo + hi);
        for (int it = 0; it < 300; it++)
        {
            TensorPrimitives.Subtract(shifted, mu, inv);      // Δ − μ
            TensorPrimitives.Reciprocal(inv, inv);            // 1/(Δ − μ)
            double sum = TensorPrimitives.Dot(u2, inv);
            double g = 1 - sum;
            if (g > 0) lo = mu; else if (g < 0) hi = mu; else return mu;
            double a = u2[origin], rest = sum - a * inv[origin], next;
            if (partner < 0) next = -a / (1 - rest);
            else
            {
                double b = u2[partner], db = shifted[partner];
                double c1 = 1 - rest + b * inv[partner];
                // c1·(0 − x)(db − x) − a(db − x) − b(0 − x) = 0  ⇔  c1 x² − (c1 db − a − b) x − a db = 0
                double qa = c1, qb = -(c1 * db - a - b), qc = -a * db;
                double disc = Math.Sqrt(Math.Max(qb * qb - 4 * qa * qc, 0));
                double q = -0.5 * (qb + Math.CopySign(disc, qb));
                double x1 = q / qa, x2 = qc / q;
                next = x1 > lo && x1 < hi ? x1 : x2;
            }
            if (!(next > lo && next < hi))
            {
                TensorPrimitives.Multiply(inv, inv, inv);
                next = mu - g / -TensorPrimitives.Dot(u2, inv);
                if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            }
            if (Math.Abs(next - mu) <= 2e-16 * Math.Max(Math.Abs(mu), Math.Abs(next)) || hi - lo <= 4e-16 * Math.Max(Math.Abs(lo), Math.Abs(hi)))
                return next;
            mu = next;
        }
        return mu;
    }
}
