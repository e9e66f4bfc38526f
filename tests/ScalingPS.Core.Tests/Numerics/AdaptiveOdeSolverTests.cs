using ScalingPS.Core.Numerics;
using Xunit.Abstractions;

namespace ScalingPS.Core.Tests.Numerics;

/// <summary>
/// The integrator on textbook problems with known answers, independent of the committee ODE: a linear stiff
/// system with a closed-form solution, Robertson's chemical kinetics (reference values of Hairer &amp; Wanner,
/// Solving ODEs II), and the step-size controller's order on a smooth problem.
/// </summary>
public sealed class AdaptiveOdeSolverTests(ITestOutputHelper output)
{
    /// <summary>A dense test system: f and its Jacobian given as functions, W = I − cJ factored by the solver's own LU.</summary>
    private sealed class DenseSystem(int n, Action<double[], double[]> f, Action<double[], double[]> jacobian) : IStiffOdeSystem
    {
        private readonly double[] _j = new double[n * n];
        private readonly double[] _w = new double[n * n];
        private readonly int[] _piv = new int[n];
        private readonly double[] _y = new double[n];
        private readonly double[] _dy = new double[n];

        public int Dimension => n;
        public double StiffStepCost => 6;

        public void Evaluate(ReadOnlySpan<double> y, Span<double> dydt)
        {
            y.CopyTo(_y);
            f(_y, _dy);
            _dy.CopyTo(dydt);
        }

        public void UpdateJacobian(ReadOnlySpan<double> y)
        {
            y.CopyTo(_y);
            jacobian(_y, _j);
        }

        public void Factor(double c)
        {
            for (int i = 0; i < n; i++)
                for (int k = 0; k < n; k++) _w[i * n + k] = (i == k ? 1 : 0) - c * _j[i * n + k];
            Assert.True(Lu.Factor(_w, _piv, n));
        }

        public void Solve(Span<double> x) => Lu.Solve(_w, _piv, n, x);
    }

    private static (double[] Y, OdeStatistics Stats) Run(DenseSystem sys, double[] y0, double[] times, OdeMethod method, double rtol, double atol, out double[][] at)
    {
        var solver = new AdaptiveOdeSolver(sys, new OdeOptions { RelativeTolerance = rtol, AbsoluteTolerance = atol, Method = method });
        var y = (double[])y0.Clone();
        var outputs = new List<double[]>();
        solver.Integrate(y, 0, times, (_, state) => outputs.Add((double[])state.Clone()), CancellationToken.None);
        at = [.. outputs];
        return (y, solver.Statistics);
    }

    // y' = A y with eigenvalues −1 and −1000 (stiffness ratio 1000); y(0) = (1, 0) gives
    // y1 = 2e^{-t} − e^{-1000t}, y2 = −e^{-t} + e^{-1000t}.
    private static DenseSystem LinearStiff() => new(2,
        (y, f) => { f[0] = 998 * y[0] + 1998 * y[1]; f[1] = -999 * y[0] - 1999 * y[1]; },
        (_, j) => { j[0] = 998; j[1] = 1998; j[2] = -999; j[3] = -1999; });

    [Theory]
    [InlineData(OdeMethod.Stiff)]
    [InlineData(OdeMethod.Auto)]
    [InlineData(OdeMethod.Explicit)]
    public void LinearStiffSystemMatchesItsClosedForm(OdeMethod method)
    {
        double[] times = [0.01, 0.1, 1, 3];
        var (_, stats) = Run(LinearStiff(), [1, 0], times, method, 1e-8, 1e-12, out var at);
        for (int i = 0; i < times.Length; i++)
        {
            double t = times[i];
            double y1 = 2 * Math.Exp(-t) - Math.Exp(-1000 * t), y2 = -Math.Exp(-t) + Math.Exp(-1000 * t);
            // Global error of an error-per-step controller: a few hundred times the local tolerance at most.
            Approx.Abs(y1, at[i][0], 1e-5 * Math.Abs(y1) + 1e-10, $"{method} y1({t})");
            Approx.Abs(y2, at[i][1], 1e-5 * Math.Abs(y2) + 1e-10, $"{method} y2({t})");
        }
        output.WriteLine($"{method}: {stats.Steps} steps, {stats.Rejected} rejected, {stats.Evaluations} evaluations");
    }

    [Fact]
    public void AutoSwitchesToTheStiffMethodWhereStabilityLimitsTheExplicitStep()
    {
        // Past the fast transient (t ≳ 0.01) the explicit step is bounded by stability (h < 3.3/1000), not accuracy.
        double[] times = [1, 10];
        var (_, auto) = Run(LinearStiff(), [1, 0], times, OdeMethod.Auto, 1e-6, 1e-12, out _);
        var (_, expl) = Run(LinearStiff(), [1, 0], times, OdeMethod.Explicit, 1e-6, 1e-12, out _);
        output.WriteLine($"Auto {auto.Steps} steps (stiff from t = {auto.StiffFrom:G3}), Explicit {expl.Steps} steps");
        Assert.True(expl.Steps > 2500, $"explicit steps {expl.Steps}: 10 time units at h ≈ 3.3e-3 need about 3000");
        Assert.True(auto.Steps * 5 < expl.Steps, $"Auto took {auto.Steps} steps against Explicit's {expl.Steps}");
        Assert.True(auto.StiffFrom < 1, $"Auto switched at t = {auto.StiffFrom}");
    }

    [Theory]
    [InlineData(OdeMethod.Stiff)]
    [InlineData(OdeMethod.Auto)]
    public void RobertsonKineticsMatchesTheReference(OdeMethod method)
    {
        // y1' = −0.04 y1 + 1e4 y2 y3, y2' = 0.04 y1 − 1e4 y2 y3 − 3e7 y2², y3' = 3e7 y2²; y(0) = (1, 0, 0).
        var sys = new DenseSystem(3,
            (y, f) =>
            {
                f[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
                f[2] = 3e7 * y[1] * y[1];
                f[1] = -f[0] - f[2];
            },
            (y, j) =>
            {
                j[0] = -0.04; j[1] = 1e4 * y[2]; j[2] = 1e4 * y[1];
                j[6] = 0; j[7] = 6e7 * y[1]; j[8] = 0;
                j[3] = 0.04; j[4] = -1e4 * y[2] - 6e7 * y[1]; j[5] = -1e4 * y[1];
            });
        var (y, stats) = Run(sys, [1, 0, 0], [40], method, 1e-8, 1e-14, out _);
        // Reference at t = 40 (Hairer & Wanner, computed with RADAU5 at tight tolerance).
        Approx.Rel(0.7158270687193135, y[0], 1e-5, $"{method} y1(40)");
        Approx.Rel(9.185534764529e-6, y[1], 1e-4, $"{method} y2(40)");
        Approx.Rel(0.2841637457460, y[2], 1e-5, $"{method} y3(40)");
        // Mass is conserved exactly by the equations; the integrator keeps it to round-off times the steps.
        Approx.Abs(1, y[0] + y[1] + y[2], 1e-10, $"{method} y1 + y2 + y3");
        output.WriteLine($"{method}: {stats.Steps} steps, {stats.Rejected} rejected, {stats.Jacobians} Jacobians");
    }

    [Fact]
    public void ExplicitStepSizeControlHasTheOrderOfDormandPrince()
    {
        // y' = y cos t, y(0) = 1: y = e^{sin t}, smooth, no stiffness. With a 5(4) pair and per-step error control,
        // steps grow like tol^(-1/5) (a factor 1000^(1/5) ≈ 4 for 1000× tighter) and the global error follows the
        // tolerance (tolerance proportionality): both are properties of the controller, not of this problem.
        // Autonomous form z = (y, t): z' = (y cos t, 1).
        var auto = new DenseSystem(2, (z, f) => { f[0] = z[0] * Math.Cos(z[1]); f[1] = 1; },
            (z, j) => { j[0] = Math.Cos(z[1]); j[1] = -z[0] * Math.Sin(z[1]); j[2] = 0; j[3] = 0; });
        const double T = 20;
        double exact = Math.Exp(Math.Sin(T));
        var (loose, sLoose) = Run(auto, [1, 0], [T], OdeMethod.Explicit, 1e-6, 1e-6 * 1e-3, out _);
        var (tight, sTight) = Run(auto, [1, 0], [T], OdeMethod.Explicit, 1e-9, 1e-9 * 1e-3, out _);
        double eLoose = Math.Abs(loose[0] - exact), eTight = Math.Abs(tight[0] - exact);
        double stepRatio = (double)sTight.Steps / sLoose.Steps;
        output.WriteLine($"rtol 1e-6: {sLoose.Steps} steps, error {eLoose:G3}; rtol 1e-9: {sTight.Steps} steps, error {eTight:G3}; step ratio {stepRatio:F2}");
        Assert.InRange(stepRatio, 2.5, 6.5);
        Assert.True(eLoose < 1e-4 && eTight < 1e-7, $"errors {eLoose:G3}, {eTight:G3} exceed 100× the tolerance");
        Assert.InRange(eLoose / eTight, 30, 30000);
    }
}
