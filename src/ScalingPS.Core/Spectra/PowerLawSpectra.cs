namespace ScalingPS.Core.Spectra;

/// <summary>Builds the two papers' power-law spectra, validating parameters by name.</summary>
public static class PowerLawSpectra
{
    /// <summary>
    /// Worschech–Rosenow spectrum (spec/committee.md §1.1): λ_l = λ_+ l^-(1+β), l = 1..L, each N/L times.
    /// With <paramref name="rawExponent"/> the decay exponent is β itself instead of 1+β (§9 item 2).
    /// </summary>
    public static Spectrum Committee(int n, int l, double beta,
        SpectrumNormalization normalization = SpectrumNormalization.MeanOne, bool rawExponent = false)
    {
        Check.Range(n, 1, Spectrum.MaxDimension, "N");
        Check.Range(l, 1, n, "L");
        Check.Memory(8.0 * l, "L", l, "use fewer distinct eigenvalues L.");
        if (n % l != 0)
            throw new ParameterException("L", l, $"L must divide N = {n} (each of the L eigenvalues has multiplicity N/L); divisors near {l}: {NearDivisors(n, l)}.");
        Check.Finite(beta, "Beta");
        double exponent = rawExponent ? beta : 1 + beta;
        if (l > 1 && !(exponent > 0))
            throw new ParameterException("Beta", beta, rawExponent
                ? "With -RawExponent the decay exponent must be > 0."
                : "Beta must be > -1 so that the eigenvalues decrease (λ_l ∝ l^-(1+β)); the power-law regime of the paper needs β > 0.");
        var lam = new double[l];
        for (int i = 0; i < l; i++) lam[i] = Math.Pow(i + 1, -exponent);
        // A huge exponent underflows the small eigenvalues to 0 (or a negative one overflows): refuse by name.
        if (!(lam[^1] > 1e-300) || !double.IsFinite(lam[^1]))
            throw new ParameterException("Beta", beta,
                $"Beta is too large for L = {l}: λ_L ∝ L^-(1+β) = {lam[^1]:G3} underflows; use |1+β|·log10(L) < 300.");
        double scale = normalization switch
        {
            SpectrumNormalization.MeanOne => l / Sum(lam),
            SpectrumNormalization.TopOne => 1.0,
            SpectrumNormalization.None => 1.0,
            _ => throw new ParameterException("Normalization", normalization, "Allowed: MeanOne, TopOne, None."),
        };
        for (int i = 0; i < l; i++) lam[i] *= scale;
        var mult = new int[l];
        Array.Fill(mult, n / l);
        return new Spectrum(lam, mult, SpectrumConvention.Committee, normalization, beta: beta);
    }

    /// <summary>
    /// Random-feature spectrum (spec/random-features.md §1.2): λ_k = k^-b, (w*_k)² = k^-(a-b), k = 1..M.
    /// The initial loss Σ k^-a is finite only for a > 1.
    /// </summary>
    public static Spectrum RandomFeature(int m, double a, double b)
    {
        Check.Positive(m, "M");
        Check.Memory(16.0 * m, "M", m, "use fewer modes M.");
        Check.Finite(a, "A");
        Check.Finite(b, "B");
        if (!(b > 0)) throw new ParameterException("B", b, "B (spectral exponent, λ_k = k^-b) must be > 0.");
        if (!(a > 1)) throw new ParameterException("A", a, "A (task exponent, λ_k (w*_k)² = k^-a) must be > 1 so that the initial loss Σ k^-a is finite.");
        // The smallest mode must stay representable: λ_M = M^-b and λ_M (w*_M)² = M^-a.
        if (!(Math.Log10(m) * Math.Max(a, b) < 300) || !(Math.Log10(m) * Math.Abs(a - b) < 300))
        {
            string name = a >= b ? "A" : "B";
            throw new ParameterException(name, a >= b ? a : b,
                $"{name} is too large for M = {m}: M^-{name.ToLowerInvariant()} underflows; use {name.ToLowerInvariant()}·log10(M) < 300 (and |a − b|·log10(M) < 300).");
        }
        var lam = new double[m];
        var target = new double[m];
        for (int k = 0; k < m; k++)
        {
            lam[k] = Math.Pow(k + 1, -b);
            target[k] = Math.Pow(k + 1, -(a - b));
        }
        var mult = new int[m];
        Array.Fill(mult, 1);
        return new Spectrum(lam, mult, SpectrumConvention.RandomFeature, SpectrumNormalization.None, a: a, b: b, targetPower: target);
    }

    /// <summary>An explicit spectrum (e.g. measured from data), sorted descending, multiplicity 1 unless given.</summary>
    public static Spectrum Empirical(double[] eigenvalues, int[]? multiplicities = null, double[]? targetPower = null)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        if (eigenvalues.Length == 0) throw new ParameterException("Eigenvalue", "(empty)", "Give at least one eigenvalue.");
        for (int i = 0; i < eigenvalues.Length; i++)
            if (!(eigenvalues[i] > 0 && eigenvalues[i] <= 1e150))
                throw new ParameterException("Eigenvalue", eigenvalues[i], $"Every eigenvalue must be in (0, 1e150] (item {i}).");
        multiplicities ??= Enumerable.Repeat(1, eigenvalues.Length).ToArray();
        if (multiplicities.Length != eigenvalues.Length)
            throw new ParameterException("Multiplicity", multiplicities.Length, $"Give one multiplicity per eigenvalue ({eigenvalues.Length}).");
        if (targetPower is not null && targetPower.Length != eigenvalues.Length)
            throw new ParameterException("TargetPower", targetPower.Length, $"Give one target power per eigenvalue ({eigenvalues.Length}).");
        var order = Enumerable.Range(0, eigenvalues.Length).OrderByDescending(i => eigenvalues[i]).ToArray();
        return new Spectrum(order.Select(i => eigenvalues[i]).ToArray(), order.Select(i => multiplicities[i]).ToArray(),
            SpectrumConvention.Empirical, SpectrumNormalization.None,
            targetPower: targetPower is null ? null : order.Select(i => targetPower[i]).ToArray());
    }

    /// <summary>Generalised harmonic number H_L(s) = Σ_{l=1}^{L} l^-s.</summary>
    public static double Harmonic(int l, double s)
    {
        double h = 0;
        for (int i = l; i >= 1; i--) h += Math.Pow(i, -s); // small terms first for accuracy
        return h;
    }

    private static double Sum(double[] x)
    {
        double s = 0;
        for (int i = x.Length - 1; i >= 0; i--) s += x[i];
        return s;
    }

    private static string NearDivisors(int n, int l)
    {
        // Divisors come in pairs (d, n/d) with d ≤ √n: O(√n) work, so even N = 2³¹−1 answers at once.
        var divisors = new List<int>();
        for (long d = 1; d * d <= n; d++)
        {
            if (n % d != 0) continue;
            divisors.Add((int)d);
            if (d * d != n) divisors.Add((int)(n / d));
        }
        return string.Join(", ", divisors.OrderBy(d => Math.Abs((long)d - l)).Take(4).OrderBy(d => d));
    }
}
