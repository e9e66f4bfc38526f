using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace ScalingPS.Core.Analysis;

/// <summary>The result of one robust minimisation.</summary>
internal readonly record struct RobustSolution(double[] Theta, double Loss, bool Converged);

/// <summary>
/// Minimises the Huber loss (1/n) Σ ρ_δ(ln y_i − g(θ; u_i, w_i)) with MathNet's BFGS (analytic gradient), falling
/// back to MathNet's Nelder–Mead simplex when the line search fails on the kink of ρ. δ = ∞ is least squares.
/// </summary>
internal static class RobustFitter
{
    /// <summary>Huber loss and its gradient. ρ(r) = r²/2 for |r| ≤ δ, δ(|r| − δ/2) beyond; ψ = ρ' = clamp(r, −δ, δ).</summary>
    public static double Loss(LogModel model, LogData d, ReadOnlySpan<double> th, double delta, Span<double> gradOut)
    {
        int k = model.ParameterCount;
        Span<double> g = stackalloc double[k];
        gradOut.Clear();
        double sum = 0;
        for (int i = 0; i < d.Count; i++)
        {
            double r = d.V[i] - model.Eval(th, d.U[i], d.W[i], g);
            double a = Math.Abs(r);
            double psi;
            if (a <= delta) { sum += 0.5 * r * r; psi = r; }
            else { sum += delta * (a - 0.5 * delta); psi = Math.CopySign(delta, r); }
            for (int j = 0; j < k; j++) gradOut[j] -= psi * g[j];
        }
        double inv = 1.0 / d.Count;
        for (int j = 0; j < k; j++) gradOut[j] *= inv;
        return sum * inv;
    }

    public static RobustSolution Minimize(LogModel model, LogData d, double[] start, double delta)
    {
        int k = model.ParameterCount;
        var objective = ObjectiveFunction.Gradient(v =>
        {
            var grad = new double[k];
            double f = Loss(model, d, v.AsArray() ?? v.ToArray(), delta, grad);
            if (!double.IsFinite(f)) f = double.MaxValue;
            return (f, Vector<double>.Build.Dense(grad));
        });
        try
        {
            var bfgs = new BfgsMinimizer(1e-10, 1e-12, 1e-14, 2000);
            var r = bfgs.FindMinimum(objective, Vector<double>.Build.Dense((double[])start.Clone()));
            var th = r.MinimizingPoint.ToArray();
            double loss = LossOnly(model, d, th, delta);
            if (double.IsFinite(loss) && th.All(double.IsFinite)) return new RobustSolution(th, loss, true);
        }
        catch (Exception ex) when (ex is OptimizationException or MathNet.Numerics.NonConvergenceException or ArithmeticException or ArgumentException)
        {
            // BFGS's line search can stall at the kink of the Huber loss; the simplex does not need a gradient.
        }
        return Simplex(model, d, start, delta);
    }

    private static RobustSolution Simplex(LogModel model, LogData d, double[] start, double delta)
    {
        var value = ObjectiveFunction.Value(v =>
        {
            double f = LossOnly(model, d, v.AsArray() ?? v.ToArray(), delta);
            return double.IsFinite(f) ? f : double.MaxValue;
        });
        try
        {
            var nm = new NelderMeadSimplex(1e-13, 20000);
            var r = nm.FindMinimum(value, Vector<double>.Build.Dense((double[])start.Clone()));
            var th = r.MinimizingPoint.ToArray();
            double loss = LossOnly(model, d, th, delta);
            return new RobustSolution(th, loss, double.IsFinite(loss) && th.All(double.IsFinite));
        }
        catch (Exception ex) when (ex is OptimizationException or MathNet.Numerics.NonConvergenceException or ArithmeticException or ArgumentException)
        {
            return new RobustSolution(start, double.NaN, false);
        }
    }

    public static double LossOnly(LogModel model, LogData d, ReadOnlySpan<double> th, double delta)
    {
        Span<double> grad = stackalloc double[model.ParameterCount];
        return Loss(model, d, th, delta, grad);
    }

    /// <summary>Least squares from every start, keeping the best (the multi-start search for the global minimum).</summary>
    public static RobustSolution MultiStart(LogModel model, LogData d, IEnumerable<double[]> starts, double delta, CancellationToken ct)
    {
        RobustSolution best = new([], double.NaN, false);
        foreach (var s in starts)
        {
            ct.ThrowIfCancellationRequested();
            var sol = Minimize(model, d, s, delta);
            if (sol.Converged && (!best.Converged || sol.Loss < best.Loss)) best = sol;
        }
        return best;
    }

    /// <summary>Residuals r_i = ln y_i − g(θ; u_i, w_i).</summary>
    public static double[] Residuals(LogModel model, LogData d, ReadOnlySpan<double> th)
    {
        Span<double> g = stackalloc double[model.ParameterCount];
        var r = new double[d.Count];
        for (int i = 0; i < d.Count; i++) r[i] = d.V[i] - model.Eval(th, d.U[i], d.W[i], g);
        return r;
    }
}
