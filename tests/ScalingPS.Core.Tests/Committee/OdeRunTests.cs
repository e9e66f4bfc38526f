using ScalingPS.Core.Committee;
using ScalingPS.Core.Numerics;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.Tests.Committee;

public class OdeRunTests
{
    private static double I3(double cuu, double cuw, double cww, double cuv, double cvw) =>
        2 / Math.PI * (cvw * (1 + cuu) - cuv * cuw) / ((1 + cuu) * Math.Sqrt((1 + cuu) * (1 + cww) - cuw * cuw));

    private static double I4(double[,] c, int a, int b, int p, int q)
    {
        double l4 = (1 + c[a, a]) * (1 + c[b, b]) - c[a, b] * c[a, b];
        double l0 = l4 * c[p, q] - c[b, p] * c[b, q] * (1 + c[a, a]) - c[a, p] * c[a, q] * (1 + c[b, b]) + c[a, b] * c[a, p] * c[b, q] + c[a, b] * c[a, q] * c[b, p];
        double L1(int e) => l4 * (1 + c[e, e]) - c[b, e] * c[b, e] * (1 + c[a, a]) - c[a, e] * c[a, e] * (1 + c[b, b]) + 2 * c[a, b] * c[a, e] * c[b, e];
        return 4 / (Math.PI * Math.PI * Math.Sqrt(l4)) * Math.Asin(l0 / Math.Sqrt(L1(p) * L1(q)));
    }

    [Theory]
    [InlineData(1, 2, 2)]
    [InlineData(3, 2, 3)]
    [InlineData(4, 3, 1)]
    public void RhsEqualsTheSpecFormulaTermByTerm(int l, int k, int m)
    {
        // spec §2.2 written out literally (L = 1 is the Saad–Solla ODE with 1/√K, 1/√M factors: §10 item 5).
        var start = OdeTestStates.Generic(12 * l, l, k, m, 3);
        const double eta = 0.7;
        var sys = CommitteeOde.CreateSystem(start, new CommitteeOdeSettings { Eta = eta });
        var y = sys.Pack(start.RTau, start.QTau);
        var f = new double[y.Length];
        sys.Evaluate(y, f);
        var (q1, r1) = sys.FirstOrder(y);
        var t1 = sys.FirstOrderT.ToArray();
        double sk = Math.Sqrt(k), sm = Math.Sqrt(m);
        int u = k + m;
        var c = new double[u, u];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++) c[i, j] = q1[i * k + j];
            for (int n = 0; n < m; n++) c[i, k + n] = c[k + n, i] = r1[i * m + n];
        }
        for (int n = 0; n < m; n++) for (int p = 0; p < m; p++) c[k + n, k + p] = t1[n * m + p];
        for (int tau = 0; tau < l; tau++)
        {
            double lam = start.Eigenvalues[tau];
            double R(int i, int n) => start.RTau[(tau * k + i) * m + n];
            double Q(int i, int j) => start.QTau[(tau * k + i) * k + j];
            double T(int n, int p) => start.TTau[(tau * m + n) * m + p];
            for (int i = 0; i < k; i++)
                for (int n = 0; n < m; n++)
                {
                    double s = 0;
                    for (int p = 0; p < m; p++) s += I3(q1[i * k + i], r1[i * m + p], t1[p * m + p], R(i, n), T(n, p)) / sm;
                    for (int j = 0; j < k; j++) s -= I3(q1[i * k + i], q1[i * k + j], q1[j * k + j], R(i, n), R(j, n)) / sk;
                    Approx.Rel(eta * lam / sk * s, f[sys.RComponent(i, n) * l + tau], 1e-12, $"dR[{tau},{i},{n}]");
                }
            for (int i = 0; i < k; i++)
                for (int kk = i; kk < k; kk++)
                {
                    double s = 0;
                    foreach (var (a, b) in new[] { (i, kk), (kk, i) })
                    {
                        for (int p = 0; p < m; p++) s += I3(q1[a * k + a], r1[a * m + p], t1[p * m + p], Q(a, b), R(b, p)) / sm;
                        for (int j = 0; j < k; j++) s -= I3(q1[a * k + a], q1[a * k + j], q1[j * k + j], Q(a, b), Q(b, j)) / sk;
                    }
                    double d = 0;
                    for (int p = k; p < u; p++) for (int p2 = k; p2 < u; p2++) d += I4(c, i, kk, p, p2) / m;
                    for (int j = 0; j < k; j++) for (int p = k; p < u; p++) d -= 2 / Math.Sqrt(k * m) * I4(c, i, kk, j, p);
                    for (int j = 0; j < k; j++) for (int j2 = 0; j2 < k; j2++) d += I4(c, i, kk, j, j2) / k;
                    double expected = eta * lam / sk * s + eta * eta * lam * d / k;
                    Approx.Rel(expected, f[sys.QComponent(i, kk) * l + tau], 1e-12, $"dQ[{tau},{i},{kk}]");
                }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void GroupSumsReproduceTheHierarchy(int level)
    {
        // §10 item 4: X⁽ˡ⁾ = Σ_τ w_τ λ_τ^l X_τ obeys the §2.1 hierarchy, whose level-l equations involve the level-(l+1)
        // overlaps in 𝓘₃ and ν_{l+1} in the η² term (the first-order parameters still set the coefficients).
        var start = OdeTestStates.Generic(30, 3, 2, 2, 21);
        const double eta = 0.4;
        var sys = CommitteeOde.CreateSystem(start, new CommitteeOdeSettings { Eta = eta });
        var y = sys.Pack(start.RTau, start.QTau);
        var f = new double[y.Length];
        sys.Evaluate(y, f);
        var (q1, r1) = sys.FirstOrder(y);
        var t1 = sys.FirstOrderT.ToArray();
        int k = 2, m = 2, l = 3;
        double Level(int lv, Func<int, double> perGroup) => Enumerable.Range(0, l).Sum(t => start.GroupWeights[t] * Math.Pow(start.Eigenvalues[t], lv) * perGroup(t));
        double R(int lv, int i, int n) => Level(lv, t => start.RTau[(t * k + i) * m + n]);
        double Q(int lv, int i, int j) => Level(lv, t => start.QTau[(t * k + i) * k + j]);
        double T(int lv, int n, int p) => Level(lv, t => start.TTau[(t * m + n) * m + p]);
        double nu = Level(level + 1, _ => 1);
        var nullSys = CommitteeOde.CreateSystem(start, new CommitteeOdeSettings { Eta = eta, Order = OdeOrder.Eta });
        var f0 = new double[y.Length];
        nullSys.Evaluate(y, f0);
        double s2 = Math.Sqrt(2);
        for (int i = 0; i < k; i++)
            for (int n = 0; n < m; n++)
            {
                double expected = 0;
                for (int p = 0; p < m; p++) expected += I3(q1[i * k + i], r1[i * m + p], t1[p * m + p], R(level + 1, i, n), T(level + 1, n, p)) / s2;
                for (int j = 0; j < k; j++) expected -= I3(q1[i * k + i], q1[i * k + j], q1[j * k + j], R(level + 1, i, n), R(level + 1, j, n)) / s2;
                expected *= eta / s2;
                double sum = Level(level, t => f[sys.RComponent(i, n) * l + t]);
                Approx.Rel(expected, sum, 1e-12, $"dR⁽{level}⁾[{i},{n}]");
            }
        for (int i = 0; i < k; i++)
            for (int kk = i; kk < k; kk++)
            {
                double drift = 0;
                foreach (var (a, b) in new[] { (i, kk), (kk, i) })
                {
                    for (int p = 0; p < m; p++) drift += I3(q1[a * k + a], r1[a * m + p], t1[p * m + p], Q(level + 1, a, b), R(level + 1, b, p)) / s2;
                    for (int j = 0; j < k; j++) drift -= I3(q1[a * k + a], q1[a * k + j], q1[j * k + j], Q(level + 1, a, b), Q(level + 1, b, j)) / s2;
                }
                // η² ν_{l+1} D_ik, with D from the per-group noise term of the first group (D is group-independent).
                int c = sys.QComponent(i, kk);
                double d = (f[c * l] - f0[c * l]) / (eta * eta * start.Eigenvalues[0]);
                double expected = eta / s2 * drift + eta * eta * nu * d;
                Approx.Rel(expected, Level(level, t => f[c * l + t]), 1e-12, $"dQ⁽{level}⁾[{i},{kk}]");
            }
    }

    [Fact]
    public void NoiseTermMatchesMonteCarlo()
    {
        // D_ik = ⟨δ_i δ_k⟩ by sampling (x, y) from the first-order covariance: the I₄ closed form, independently.
        var start = OdeTestStates.Generic(24, 2, 2, 3, 9);
        var full = CommitteeOde.CreateSystem(start, new CommitteeOdeSettings { Eta = 0.5 });
        var trunc = CommitteeOde.CreateSystem(start, new CommitteeOdeSettings { Eta = 0.5, Order = OdeOrder.Eta });
        var y = full.Pack(start.RTau, start.QTau);
        var ff = new double[y.Length]; var ft = new double[y.Length];
        full.Evaluate(y, ff); trunc.Evaluate(y, ft);
        var (q1, r1) = full.FirstOrder(y);
        var t1 = full.FirstOrderT.ToArray();
        int k = 2, m = 3, u = 5;
        var cov = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(u, u);
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++) cov[i, j] = q1[i * k + j];
            for (int n = 0; n < m; n++) cov[i, k + n] = cov[k + n, i] = r1[i * m + n];
        }
        for (int n = 0; n < m; n++) for (int p = 0; p < m; p++) cov[k + n, k + p] = t1[n * m + p];
        var chol = cov.Cholesky().Factor.ToArray();
        var rng = new Random(2024);
        const int samples = 100_000;
        var sum = new double[3]; var sum2 = new double[3];
        var z = new double[u]; var v = new double[u];
        for (int s = 0; s < samples; s++)
        {
            for (int e = 0; e < u; e++)
            {
                double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
                z[e] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            }
            for (int e = 0; e < u; e++)
            {
                double acc = 0;
                for (int f = 0; f <= e; f++) acc += chol[e, f] * z[f];
                v[e] = acc;
            }
            double err = 0;
            for (int n = 0; n < m; n++) err += MathNet.Numerics.SpecialFunctions.Erf(v[k + n] / Math.Sqrt(2)) / Math.Sqrt(m);
            for (int i = 0; i < k; i++) err -= MathNet.Numerics.SpecialFunctions.Erf(v[i] / Math.Sqrt(2)) / Math.Sqrt(k);
            double d0 = Math.Sqrt(2 / Math.PI) * Math.Exp(-v[0] * v[0] / 2) * err / Math.Sqrt(k);
            double d1 = Math.Sqrt(2 / Math.PI) * Math.Exp(-v[1] * v[1] / 2) * err / Math.Sqrt(k);
            double p0 = d0 * d0, p1 = d0 * d1, p2 = d1 * d1;
            sum[0] += p0; sum2[0] += p0 * p0;
            sum[1] += p1; sum2[1] += p1 * p1;
            sum[2] += p2; sum2[2] += p2 * p2;
        }
        var comps = new[] { full.QComponent(0, 0), full.QComponent(0, 1), full.QComponent(1, 1) };
        for (int c = 0; c < 3; c++)
        {
            double mean = sum[c] / samples, se = Math.Sqrt((sum2[c] / samples - mean * mean) / samples);
            double lam = start.Eigenvalues[0];
            double d = (ff[comps[c] * 2] - ft[comps[c] * 2]) / (0.5 * 0.5 * lam);
            Approx.WithinStdErr(d, mean, se, 4, $"D component {c}");
        }
    }

    [Fact]
    public void ExactlySymmetricStartNeverLeavesThePlateau()
    {
        // §10 item 8: no asymmetry, no escape; ε_g stays at the (η-shifted) plateau and all R_in stay equal.
        var s = PowerLawSpectra.Committee(64, 16, 1);
        var start = CommitteeOdeStart.Symmetric(s, 2, 2, 0.01);
        var seen = new List<(double Alpha, double Eps, double Spread)>();
        CommitteeOde.Run(start, new CommitteeOdeSettings { Eta = 0.1 }, [10.0, 100, 1e3, 1e4, 1e5, 1e6], (a, eps, sys, y) =>
        {
            var (_, r) = sys.FirstOrder(y);
            seen.Add((a, eps, r.Max() - r.Min()));
        }, null, default);
        Assert.All(seen, p => Assert.True(p.Spread == 0, $"R⁽¹⁾ spread {p.Spread:G3} at α = {p.Alpha}"));
        foreach (var (a, eps, _) in seen.Skip(2))
            Assert.InRange(eps, 0.0058, 0.0062); // §4.1/§10 item 19: 5.805e-3 at O(η), shifted upwards by the η² term
        Approx.Rel(seen[^2].Eps, seen[^1].Eps, 1e-6, "ε_g is stationary");
    }

    [Fact]
    public void OdeMatchesTheSgdEngineFromTheSameWeights()
    {
        // Smaller than §10 item 7 for speed: N = 256, L = 16, K = M = 2, β = 1, η = 0.1, σ_J = 0.01, α ≤ 300, four seeds.
        // The ODE starts from each seed's own weights (CommitteeWeights.Draw, as the simulator does), so at α = 0 the
        // two agree exactly; later the ODE is the mean of SGD given those weights: the seed-averaged relative
        // deviation must lie within 4 standard errors plus 1% (the finite-N agreement of spec §2.2).
        var s = PowerLawSpectra.Committee(256, 16, 1);
        var (points, div, _) = CommitteeSgd.Collect(new CommitteeSgdOptions
        {
            Spectrum = s, Eta = 0.1, SigmaJ = 0.01, Alpha = 300, AlphaMin = 3, Points = 5, Seed = 1, Repeat = 4,
        });
        Assert.Empty(div);
        var alphas = points.Where(p => p.Seed == 1 && p.Alpha > 0).Select(p => p.Alpha).ToArray();
        var rel = new double[4, alphas.Length];
        for (int seed = 1; seed <= 4; seed++)
        {
            var sgd = points.Where(p => p.Seed == seed).OrderBy(p => p.Alpha).ToList();
            var ode = new List<double>();
            CommitteeOde.Run(CommitteeOdeStart.Random(s, 2, 2, 0.01, seed), new CommitteeOdeSettings { Eta = 0.1 }, alphas,
                (_, e, _, _) => ode.Add(e), null, default, emitStart: true);
            Approx.Rel(sgd[0].EpsG, ode[0], 1e-12, $"ε_g(0), seed {seed}: the same initial weights");
            for (int i = 0; i < alphas.Length; i++) rel[seed - 1, i] = sgd[i + 1].EpsG / ode[i + 1] - 1;
        }
        for (int i = 0; i < alphas.Length; i++)
        {
            var v = Enumerable.Range(0, 4).Select(sd => rel[sd, i]).ToArray();
            double mean = v.Average(), se = Math.Sqrt(v.Sum(z => (z - mean) * (z - mean)) / 3 / 4);
            Approx.Abs(0, mean, 4 * se + 0.01, $"mean SGD/ODE − 1 at α = {alphas[i]:G4}");
        }
    }

    [Fact]
    public void SpecialisedPhaseDecaysWithSlopeMinusBetaOverOnePlusBeta()
    {
        // §4.5 / §10 item 25: L = N = 1024, K = M = 2, η = 0.1, β = 1, σ_J = 0.01 — slope ≈ −0.5 over α ∈ [30, 300].
        var s = PowerLawSpectra.Committee(1024, 1024, 1);
        var start = CommitteeOdeStart.Random(s, 2, 2, 0.01, 2);
        var e = new List<double>();
        var stats = CommitteeOde.Run(start, new CommitteeOdeSettings { Eta = 0.1 }, [30.0, 300], (_, x, _, _) => e.Add(x), null, default);
        double slope = Math.Log(e[1] / e[0]) / Math.Log(10);
        Approx.Abs(-0.5, slope, 0.04, "local slope over [30, 300]");
        Assert.True(stats.Jacobians > 0, "the stiff solver took over (λ_max η ≈ 62)");
    }

    [Fact]
    public void StiffAndExplicitMethodsAgree()
    {
        var s = PowerLawSpectra.Committee(256, 16, 1);
        var start = CommitteeOdeStart.Random(s, 2, 2, 0.01, 5);
        double[] alphas = [1, 10, 100, 1000];
        double[] Solve(OdeMethod method)
        {
            var e = new List<double>();
            var solver = new OdeOptions { Method = method, RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-15 };
            CommitteeOde.Run(start, new CommitteeOdeSettings { Eta = 0.1, Solver = solver }, alphas, (_, x, _, _) => e.Add(x), null, default);
            return [.. e];
        }
        // Tight tolerances: through the escape the unstable mode amplifies local errors by e^{γα}, so the two
        // methods' difference measures the tolerance as much as the methods.
        var ex = Solve(OdeMethod.Explicit);
        var st = Solve(OdeMethod.Stiff);
        for (int i = 0; i < alphas.Length; i++) Approx.Rel(ex[i], st[i], 1e-6, $"ε_g(α = {alphas[i]})");
    }

    [Fact]
    public void StiffAndExplicitMethodsAgreeAtLargeKThroughTheEscape()
    {
        // The Fig. 5 family, smaller: K = M = 4 (d = 26 components per group, so the Woodbury capacitance from group
        // sums and the one-sweep noise gradient are both exercised with K ≠ M terms absent but many pairs), L = 25,
        // β = 0.25, η = 0.1, σ_J = 1e-3, through the plateau and escape. Tight tolerances, as in the K = 2 test.
        var s = PowerLawSpectra.Committee(100, 25, 0.25);
        var start = CommitteeOdeStart.Random(s, 4, 4, 1e-3, 3);
        double[] alphas = [10, 100, 300, 1000, 3000];
        double[] Solve(OdeMethod method, out OdeStatistics stats)
        {
            var e = new List<double>();
            var solver = new OdeOptions { Method = method, RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-15 };
            stats = CommitteeOde.Run(start, new CommitteeOdeSettings { Eta = 0.1, Solver = solver }, alphas, (_, x, _, _) => e.Add(x), null, default);
            return [.. e];
        }
        var ex = Solve(OdeMethod.Explicit, out _);
        var st = Solve(OdeMethod.Stiff, out var stiffStats);
        Assert.True(stiffStats.Factorizations > 0 && stiffStats.Jacobians > 0, "the stiff path ran");
        Assert.True(ex[^1] < 0.5 * ex[1], $"the run escapes the plateau (ε_g {ex[1]:G3} → {ex[^1]:G3})");
        for (int i = 0; i < alphas.Length; i++) Approx.Rel(ex[i], st[i], 1e-6, $"ε_g(α = {alphas[i]})");
    }

    [Fact]
    public void StiffSolverStorageBeyondMemoryIsRefusedByNameBeforeAllocating()
    {
        // K = M = 300 makes d = KM + K(K+1)/2 = 135 150: one d×d matrix is 146 GB, beyond the largest .NET array on any
        // machine, so this is refused by name (InvalidParameter.K) at construction, not by an OutOfMemoryException or
        // an overflowed array length.
        const int k = 300;
        var ex = Assert.Throws<ParameterException>(() => new CommitteeOdeSystem(k, k, [1.0], [1.0], new double[k * k], 0.1,
            Activation.Erf, OutputNormalization.InverseSqrt, true));
        Assert.Equal("K", ex.ParameterName);
        Assert.Contains("GB", ex.Message);
    }

    [Fact]
    public void DivergenceIsReportedWithWhere()
    {
        // Linear, L = 1, η = 3 > 2: ε_g grows like e^{(η²−2η)α}.
        var start = CommitteeOdeStart.Symmetric(PowerLawSpectra.Committee(4, 1, 1), 1, 1, 0.1);
        var ex = Assert.Throws<OdeDivergedException>(() => CommitteeOde.Run(start,
            new CommitteeOdeSettings { Eta = 3, Activation = Activation.Linear }, [1e6], (_, _, _, _) => { }, null, default));
        Assert.InRange(ex.Time, 100, 1e6);
    }

    [Fact]
    public void CancellationStopsTheRun()
    {
        var start = CommitteeOdeStart.Random(PowerLawSpectra.Committee(256, 16, 1), 2, 2, 0.01, 1);
        using var cts = new CancellationTokenSource();
        int points = 0;
        Assert.ThrowsAny<OperationCanceledException>(() => CommitteeOde.Run(start, new CommitteeOdeSettings(), CommitteeOde.LogGrid(0.1, 1e6, 50),
            (_, _, _, _) => { if (++points == 3) cts.Cancel(); }, null, cts.Token));
        Assert.Equal(3, points);
    }
}
