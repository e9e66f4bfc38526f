using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace ScalingPS.Core.Numerics;

/// <summary>
/// Adaptive integration of an autonomous system to a list of output times (e.g. log-spaced α up to 10⁶+).
/// Explicit: Dormand–Prince 5(4) with Hairer's stiffness test (h·ρ > 3.25 on 15 accepted steps).
/// Stiff: the L-stable Rosenbrock 2(3) pair of Shampine &amp; Reichelt (MATLAB ode23s) with the system's
/// own Jacobian and linear solver. <see cref="OdeMethod.Auto"/> starts explicit and switches once for good:
/// the committee ODE only gets stiffer as the fast eigen-directions settle and the step wants to grow.
/// Steps land exactly on the output times (no interpolation error at the reported points).
/// </summary>
public sealed class AdaptiveOdeSolver
{
    private readonly IStiffOdeSystem _sys;
    private readonly OdeOptions _opt;
    private readonly int _n;
    private readonly double[] _f0, _k2, _k3, _k4, _k5, _k6, _k7, _yt, _y6, _yn, _err, _scale;
    private long _steps, _rejected, _evals, _jacs, _factors;
    private double _stiffFrom = double.NaN;
    private bool _stiff;
    private int _stiffHits;

    public AdaptiveOdeSolver(IStiffOdeSystem system, OdeOptions options)
    {
        _sys = system;
        _opt = options;
        _n = system.Dimension;
        _f0 = new double[_n]; _k2 = new double[_n]; _k3 = new double[_n]; _k4 = new double[_n];
        _k5 = new double[_n]; _k6 = new double[_n]; _k7 = new double[_n]; _yt = new double[_n];
        _y6 = new double[_n]; _yn = new double[_n]; _err = new double[_n]; _scale = new double[_n];
        _stiff = options.Method == OdeMethod.Stiff;
    }

    public OdeStatistics Statistics => new()
    {
        Steps = _steps, Rejected = _rejected, Evaluations = _evals, Jacobians = _jacs,
        Factorizations = _factors, StiffFrom = _stiffFrom, Switches = _switches,
    };

    /// <summary>
    /// Integrates <paramref name="y"/> (in place) from <paramref name="t0"/> through each of the ascending
    /// <paramref name="outputTimes"/>, calling <paramref name="onOutput"/> at each. <paramref name="onStep"/>
    /// (optional) sees the time after every accepted step, for progress.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Integrate(double[] y, double t0, IReadOnlyList<double> outputTimes,
        Action<double, double[]> onOutput, CancellationToken cancellation, Action<double>? onStep = null)
    {
        double t = t0;
        _tNow = t0;
        Eval(y, _f0);
        double h = InitialStep(y);
        int jacobianAge = -1;
        bool lastRejected = false;
        double factoredC = double.NaN;
        foreach (double tout in outputTimes)
        {
            if (tout < t) throw new ArgumentException("Output times must be ascending and not before the start.", nameof(outputTimes));
            while (t < tout)
            {
                cancellation.ThrowIfCancellationRequested();
                if (_steps + _rejected >= _opt.MaxSteps)
                    throw new OdeDivergedException(t, $"more than {_opt.MaxSteps} steps (tolerances too tight or the system too stiff for the explicit method)");
                double hTry = h, remaining = tout - t;
                bool last = hTry >= remaining * (1 - 1e-12) || t + hTry >= tout;
                if (last) hTry = remaining;

                double err;
                if (_stiff)
                {
                    // Rosenbrock 2(3) is a W-method (order 2 with any Jacobian approximation), so the Jacobian is
                    // refreshed only every few steps or after a rejection with a stale one.
                    if (jacobianAge < 0 || jacobianAge >= JacobianMaxAge || (lastRejected && jacobianAge > 0))
                    {
                        _sys.UpdateJacobian(y); _jacs++; jacobianAge = 0; factoredC = double.NaN;
                    }
                    err = RosenbrockStep(y, hTry, ref factoredC);
                }
                else err = DormandPrinceStep(y, hTry);

                if (!double.IsFinite(err))
                {
                    // Treat a non-finite trial as a failed step; a collapsing step means the solution itself diverges.
                    _rejected++;
                    lastRejected = true;
                    h = hTry * 0.1;
                    if (h < 1e-14 * Math.Max(1, Math.Abs(t))) throw new OdeDivergedException(t, "non-finite derivatives (the dynamics blow up)");
                    continue;
                }
                double order = _stiff ? 3 : 5;
                double factor = 0.9 * Math.Pow(Math.Max(err, 1e-10), -1 / order);
                if (err <= 1)
                {
                    _steps++;
                    if (!_stiff) CheckStiffness(hTry);
                    Array.Copy(_yn, y, _n);
                    Array.Copy(_stiff ? _k3Fsal : _k7, _f0, _n);
                    t = last ? tout : t + hTry;
                    if (jacobianAge >= 0) jacobianAge++;
                    lastRejected = false;
                    // A step clipped to an output time says little about the natural step: keep the larger one.
                    double proposal = hTry * Math.Clamp(factor, 0.2, 5);
                    h = last ? Math.Max(h, proposal) : proposal;
                    // Stiff: keep the factored step while the controller would only grow it a little (saves factorisations).
                    if (_stiff && !last && h >= hTry && h <= 1.5 * hTry) h = hTry;
                    if (_stiff && !last) CheckPayoff(hTry, t);
                    NoteTime(t);
                    onStep?.Invoke(t);
                }
                else
                {
                    _rejected++;
                    lastRejected = true;
                    h = hTry * Math.Clamp(factor, 0.2, 1);
                    if (h < 1e-14 * Math.Max(1, Math.Abs(t))) throw new OdeDivergedException(t, "the step size collapsed");
                }
            }
            for (int i = 0; i < _n; i++)
                if (!double.IsFinite(y[i])) throw new OdeDivergedException(t, "the state is no longer finite");
            onOutput(tout, y);
        }
    }

    // A fresh Jacobian every three steps rather than ten: with the committee system's structured Jacobian now costing
    // a few right-hand sides, the better error estimates save more steps than the refreshes cost (K = M = 6, L = 500:
    // 7639 steps against 8273, 7 % less CPU).
    private const int JacobianMaxAge = 3;

    // Auto leaves the stiff method only when its step is clearly too short to pay (half the break-even ratio):
    // leaving blocks a return until α has doubled, and at large L the explicit steps in that stretch cost more than
    // a marginal stiff step (K = M = 6, L = 500: 10.2 s CPU against 12.9 s at the break-even ratio itself).
    private const double LeaveStiffMargin = 0.5;

    private double[] _k3Fsal => _k4; // Rosenbrock keeps f(y_new) in _k4 (see RosenbrockStep)

    private void Eval(ReadOnlySpan<double> y, Span<double> f)
    {
        _sys.Evaluate(y, f);
        _evals++;
    }

    private double InitialStep(double[] y)
    {
        double d0 = 0, d1 = 0;
        for (int i = 0; i < _n; i++)
        {
            double sc = _opt.AbsoluteTolerance + _opt.RelativeTolerance * Math.Abs(y[i]);
            d0 += (y[i] / sc) * (y[i] / sc);
            d1 += (_f0[i] / sc) * (_f0[i] / sc);
        }
        d0 = Math.Sqrt(d0 / _n); d1 = Math.Sqrt(d1 / _n);
        return d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
    }

    /// <summary>RMS of err/(atol + rtol·max(|y|, |y_new|)), as SIMD passes (a scalar loop with a division per
    /// component was 5 % of a K = M = 6, L = 500 run).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double ErrorNorm(ReadOnlySpan<double> y, ReadOnlySpan<double> yNew, ReadOnlySpan<double> err)
    {
        Span<double> sc = _scale;
        TensorPrimitives.MaxMagnitude(y, yNew, sc);
        TensorPrimitives.Abs(sc, sc);
        TensorPrimitives.Multiply(sc, _opt.RelativeTolerance, sc);
        TensorPrimitives.Add(sc, _opt.AbsoluteTolerance, sc);
        TensorPrimitives.Divide(err, sc, sc);
        return Math.Sqrt(TensorPrimitives.SumOfSquares(sc) / _n);
    }

    // Dormand–Prince 5(4) tableau.
    private const double A21 = 1.0 / 5;
    private const double A31 = 3.0 / 40, A32 = 9.0 / 40;
    private const double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private const double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
    private const double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176, A65 = -5103.0 / 18656;
    private const double B1 = 35.0 / 384, B3 = 500.0 / 1113, B4 = 125.0 / 192, B5 = -2187.0 / 6784, B6 = 11.0 / 84;
    private const double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200, E6 = 22.0 / 525, E7 = -1.0 / 40;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double DormandPrinceStep(double[] y, double h)
    {
        Stage(y, h, _yt, (A21, _f0));
        Eval(_yt, _k2);
        Stage(y, h, _yt, (A31, _f0), (A32, _k2));
        Eval(_yt, _k3);
        Stage(y, h, _yt, (A41, _f0), (A42, _k2), (A43, _k3));
        Eval(_yt, _k4);
        Stage(y, h, _yt, (A51, _f0), (A52, _k2), (A53, _k3), (A54, _k4));
        Eval(_yt, _k5);
        Stage(y, h, _y6, (A61, _f0), (A62, _k2), (A63, _k3), (A64, _k4), (A65, _k5));
        Eval(_y6, _k6);
        Stage(y, h, _yn, (B1, _f0), (B3, _k3), (B4, _k4), (B5, _k5), (B6, _k6));
        Eval(_yn, _k7);
        Array.Clear(_err);
        Accumulate(_err, h, (E1, _f0), (E3, _k3), (E4, _k4), (E5, _k5), (E6, _k6), (E7, _k7));
        return ErrorNorm(y, _yn, _err);
    }

    // Hairer's test: h·‖f(y₇) − f(y₆)‖/‖y₇ − y₆‖ estimates h times the dominant eigenvalue; DOPRI5's
    // stability boundary is ≈ 3.3, so repeated values above 3.25 mean stability, not accuracy, limits h.
    private void CheckStiffness(double h)
    {
        if (_opt.Method != OdeMethod.Auto) return;
        double num = TensorPrimitives.Distance(_k7, _k6), den = TensorPrimitives.Distance(_yn, _y6);
        if (den > 0 && h * (num / den) > 3.25)
        {
            if (++_stiffHits >= 15 && _tNow >= _noSwitchBefore)
            {
                _stiff = true; _switchPending = true; _hExplicit = h; _lowGain = 0; _switches++;
            }
        }
        else _stiffHits = Math.Max(0, _stiffHits - 1);
    }

    private bool _switchPending;

    private void NoteTime(double t)
    {
        _tNow = t;
        if (_switchPending) { if (double.IsNaN(_stiffFrom)) _stiffFrom = t; _switchPending = false; }
    }

    private double _tNow, _hExplicit, _noSwitchBefore;
    private int _lowGain, _switches;

    // Auto mode: a stiff step costs about StiffStepCost right-hand sides against 6 for Dormand–Prince, so it pays
    // only if its step exceeds the explicit method's stability-limited step by that ratio. When it has not reached
    // LeaveStiffMargin times that ratio for 20 steps (a mildly stiff problem, or a small L where the stiff method's
    // fixed per-step work dominates) go back to the explicit method, and do not switch again before α has doubled
    // (the natural step grows with α).
    private void CheckPayoff(double h, double t)
    {
        if (_opt.Method != OdeMethod.Auto || !(_hExplicit > 0)) return;
        double needed = LeaveStiffMargin * _sys.StiffStepCost / 6;
        if (h < needed * _hExplicit) _lowGain++; else _lowGain = 0;
        if (_lowGain >= 20)
        {
            _stiff = false; _stiffHits = 0; _lowGain = 0; _switches++;
            _noSwitchBefore = 2 * t;
        }
    }

    // Rosenbrock 2(3) of Shampine & Reichelt (1997), autonomous form: W = I − h·d·J, d = 1/(2+√2).
    private static readonly double D = 1 / (2 + Math.Sqrt(2));
    private static readonly double E32 = 6 + Math.Sqrt(2);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double RosenbrockStep(double[] y, double h, ref double factoredC)
    {
        double c = h * D;
        if (c != factoredC) { _sys.Factor(c); _factors++; factoredC = c; }
        var k1 = _k2; var k2 = _k3; var f1 = _k5; var f2 = _k4; var k3 = _k6;
        Array.Copy(_f0, k1, _n);
        _sys.Solve(k1);
        Stage(y, h, _yt, (0.5, k1));
        Eval(_yt, f1);
        TensorPrimitives.Subtract(f1, k1, k2);
        _sys.Solve(k2);
        TensorPrimitives.Add(k2, k1, k2);
        Stage(y, h, _yn, (1.0, k2));
        Eval(_yn, f2);
        // k3 = W⁻¹[F2 − e32 (k2 − F1) − 2 (k1 − F0)], as SIMD passes with err as scratch.
        TensorPrimitives.Subtract(k2, f1, _err);
        TensorPrimitives.MultiplyAdd(_err, -E32, f2, k3);
        TensorPrimitives.Subtract(k1, _f0, _err);
        TensorPrimitives.MultiplyAdd(_err, -2.0, k3, k3);
        _sys.Solve(k3);
        TensorPrimitives.MultiplyAdd(k2, -2.0, k1, _err);
        TensorPrimitives.Add(_err, k3, _err);
        TensorPrimitives.Multiply(_err, h / 6, _err);
        return ErrorNorm(y, _yn, _err);
    }

    private static void Stage(double[] y, double h, double[] dest, params ReadOnlySpan<(double A, double[] K)> terms)
    {
        Array.Copy(y, dest, y.Length);
        Accumulate(dest, h, terms);
    }

    private static void Accumulate(double[] dest, double h, params ReadOnlySpan<(double A, double[] K)> terms)
    {
        foreach (var (a, k) in terms) TensorPrimitives.MultiplyAdd(k, h * a, dest, dest);
    }
}
