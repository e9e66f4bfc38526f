using MathNet.Numerics.LinearAlgebra;
using ScalingPS.Core.Committee;
using ScalingPS.Core.Numerics;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.Tests.Committee;

public class OdeJacobianTests
{
    [Theory]
    [InlineData(Activation.Erf, 2, 3, true)]
    [InlineData(Activation.Erf, 3, 2, false)]
    [InlineData(Activation.Linear, 2, 2, true)]
    public void AnalyticJacobianMatchesCentralDifferences(Activation act, int k, int m, bool full)
    {
        var start = OdeTestStates.Generic(60, 5, k, m, 11);
        var sys = CommitteeOde.CreateSystem(start, new CommitteeOdeSettings
        {
            Eta = 0.3, Activation = act, Order = full ? OdeOrder.Full : OdeOrder.Eta,
            OutputNormalization = OutputNormalization.InverseSqrt,
        });
        var y = sys.Pack(start.RTau, start.QTau);
        int n = sys.Dimension;
        var jac = sys.DenseJacobian(y);
        var fp = new double[n]; var fm = new double[n];
        double worst = 0, scale = 0;
        foreach (var v in jac) scale = Math.Max(scale, Math.Abs(v));
        for (int c = 0; c < n; c++)
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(y[c]));
            double keep = y[c];
            y[c] = keep + h; sys.Evaluate(y, fp);
            y[c] = keep - h; sys.Evaluate(y, fm);
            y[c] = keep;
            for (int r = 0; r < n; r++) worst = Math.Max(worst, Math.Abs((fp[r] - fm[r]) / (2 * h) - jac[r * n + c]));
        }
        Assert.True(worst < 1e-7 * scale, $"max |J_fd − J| = {worst:G3} (scale {scale:G3})");
    }

    [Theory]
    [InlineData(2, 3, 11)]
    [InlineData(3, 2, 12)]
    [InlineData(4, 4, 13)]
    [InlineData(1, 2, 14)]
    public void NoiseGradientSweepMatchesDualNumbers(int k, int m, int seed)
    {
        // The hand-written one-sweep gradient of the erf D against forward-mode dual numbers, one direction per
        // covariance entry (students' Q and R; the teachers' T is a constant), at a generic first-order state.
        var start = OdeTestStates.Generic(40, 4, k, m, seed);
        var sys = CommitteeOde.CreateSystem(start, new CommitteeOdeSettings { Eta = 0.3 });
        var (q, r) = sys.FirstOrder(sys.Pack(start.RTau, start.QTau));
        var t = sys.FirstOrderT.ToArray();
        double a = 1 / Math.Sqrt(k), b = 1 / Math.Sqrt(m);
        var sweep = new NoiseGradient(k, m, a, b);
        sweep.Compute(q, r, t);
        var dual = new CommitteeCoefficients<Dual>(Activation.Erf, k, m, a, b);
        var dq = new Dual[k * k]; var dr = new Dual[k * m];
        foreach (var (x, y) in Enumerable.Range(0, k).SelectMany(i => Enumerable.Range(i, k + m - i).Select(j => (i, j))))
        {
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++) dq[i * k + j] = new Dual(q[i * k + j], (i == x && j == y) || (i == y && j == x) ? 1 : 0);
                for (int n = 0; n < m; n++) dr[i * m + n] = new Dual(r[i * m + n], i == x && k + n == y ? 1 : 0);
            }
            dual.Compute(dq, dr, t, true);
            for (int i = 0, p = 0; i < k; i++)
                for (int kk = i; kk < k; kk++, p++)
                {
                    double expected = dual.D[i * k + kk].Derivative;
                    double got = sweep.Gradient[p * sweep.Entries + sweep.Entry(x, y)];
                    Approx.Abs(expected, got, 1e-12 * (1 + Math.Abs(expected)), $"∂D[{i},{kk}]/∂C[{x},{y}]");
                }
        }
    }

    [Theory]
    [InlineData(Activation.Erf, 2, 2)]
    [InlineData(Activation.Erf, 3, 2)]
    [InlineData(Activation.Erf, 1, 3)]
    [InlineData(Activation.Erf, 4, 4)]
    [InlineData(Activation.Erf, 2, 5)]
    [InlineData(Activation.Linear, 3, 3)]
    public void StructuredSolveMatchesDenseSolve(Activation act, int k, int m)
    {
        // (I − cJ)x = b by the eigen/Sylvester block solve + Woodbury (capacitance from group sums, U applied through
        // the combined coefficient derivatives) against MathNet's dense LU of the assembled J.
        var start = OdeTestStates.Generic(64, 8, k, m, 5);
        var sys = CommitteeOde.CreateSystem(start, new CommitteeOdeSettings { Eta = 0.5, Activation = act });
        var y = sys.Pack(start.RTau, start.QTau);
        int n = sys.Dimension;
        var j = Matrix<double>.Build.Dense(n, n, (r, c) => 0);
        var dense = sys.DenseJacobian(y);
        for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) j[r, c] = dense[r * n + c];
        const double cc = 0.37;
        var w = Matrix<double>.Build.DenseIdentity(n) - cc * j;
        var b = Vector<double>.Build.Dense(n, i => Math.Sin(i + 1));
        var expected = w.Solve(b);
        sys.UpdateJacobian(y);
        sys.Factor(cc);
        var x = b.ToArray();
        sys.Solve(x);
        for (int i = 0; i < n; i++) Approx.Abs(expected[i], x[i], 1e-10 * (1 + Math.Abs(expected[i])), $"x[{i}]");
    }

    [Theory]
    [InlineData(2, 64, 1.0)]
    [InlineData(2, 1, 1.0)]
    [InlineData(3, 16, 1.0)]
    [InlineData(4, 8, 1.0)]
    [InlineData(6, 4, 0.25)]
    public void LargestJacobianEigenvalueAtTheSymmetricPointIsTheEscapeRate(int k, int l, double beta)
    {
        // spec §4.3 / §6 item 7 / §10 item 21: the O(η) ODE linearised at the symmetric fixed point.
        var s = PowerLawSpectra.Committee(l, l, beta);
        const double eta = 0.1;
        var start = OdeTestStates.FixedPoint(s, k);
        var sys = CommitteeOde.CreateSystem(start, new CommitteeOdeSettings { Eta = eta, Order = OdeOrder.Eta });
        var y = sys.Pack(start.RTau, start.QTau);
        int n = sys.Dimension;
        var dense = sys.DenseJacobian(y);
        var j = Matrix<double>.Build.Dense(n, n, (r, c) => dense[r * n + c]);
        double top = j.Evd().EigenValues.Max(e => e.Real);
        double expected = eta * s.Nu2 * PlateauTheory.EscapeRateFactor(k);
        Approx.Rel(expected, top, 1e-9, "largest real Jacobian eigenvalue");
        if (k == 2 && l == 64) Approx.Abs(0.85768, top / eta, 1e-5, "γ/η for K=2, L=64, β=1 to the printed digits (spec §6 item 7)");
    }

    [Theory]
    [InlineData(2, 16)]
    [InlineData(4, 3)]
    public void SymmetricFixedPointIsStationaryAtOrderEta(int k, int l)
    {
        var s = PowerLawSpectra.Committee(l * 4, l, 1);
        var start = OdeTestStates.FixedPoint(s, k);
        var sys = CommitteeOde.CreateSystem(start, new CommitteeOdeSettings { Eta = 0.1, Order = OdeOrder.Eta });
        var y = sys.Pack(start.RTau, start.QTau);
        var f = new double[y.Length];
        sys.Evaluate(y, f);
        Assert.All(f, v => Assert.True(Math.Abs(v) < 1e-15, $"RHS {v:G3} at the fixed point"));
        Approx.Rel(PlateauTheory.Height(k), sys.GeneralizationErrorOf(y), 1e-12, "plateau height");
    }
}
