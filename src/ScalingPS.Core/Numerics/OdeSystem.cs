namespace ScalingPS.Core.Numerics;

/// <summary>An autonomous ODE system dy/dt = f(y).</summary>
public interface IOdeSystem
{
    int Dimension { get; }
    void Evaluate(ReadOnlySpan<double> y, Span<double> dydt);
}

/// <summary>
/// A system that can solve with its own Jacobian J: the stiff (Rosenbrock) integrator asks for
/// J at y, a factorisation of W = I − c·J, and solves W x = b. Keeping these in the system lets it exploit
/// its structure (block-diagonal plus low rank for the committee ODE) instead of a dense factorisation.
/// </summary>
public interface IStiffOdeSystem : IOdeSystem
{
    void UpdateJacobian(ReadOnlySpan<double> y);
    /// <summary>
    /// Estimated cost of one stiff step (three solves, three evaluations and a share of the Jacobian and
    /// factorisation work) in units of one right-hand-side evaluation; Auto uses it to decide whether the stiff
    /// method pays off.
    /// </summary>
    double StiffStepCost { get; }
    void Factor(double c);
    /// <summary>x ← (I − c·J)⁻¹ x with the c of the last <see cref="Factor"/>.</summary>
    void Solve(Span<double> x);
}

/// <summary>Integrator choice: explicit Dormand–Prince 5(4), the stiff Rosenbrock 2(3), or explicit with automatic switch.</summary>
public enum OdeMethod
{
    /// <summary>Start explicit (Dormand–Prince) and switch to the stiff method when the step is limited by stability.</summary>
    Auto,
    /// <summary>Dormand–Prince 5(4) only.</summary>
    Explicit,
    /// <summary>Rosenbrock 2(3) (Shampine–Reichelt, L-stable) with the system's analytic Jacobian only.</summary>
    Stiff,
}

public sealed record OdeOptions
{
    public double RelativeTolerance { get; init; } = 1e-7;
    public double AbsoluteTolerance { get; init; } = 1e-12;
    public OdeMethod Method { get; init; } = OdeMethod.Auto;
    public long MaxSteps { get; init; } = 20_000_000;

    /// <summary>Tolerances that an error-controlled step can honour: relative in [1e-14, 0.1], absolute in [1e-300, 1].</summary>
    public void Validate()
    {
        if (!(RelativeTolerance >= 1e-14 && RelativeTolerance <= 0.1))
            throw new ParameterException("RelativeTolerance", RelativeTolerance, "RelativeTolerance must be in [1e-14, 0.1] (below 1e-14 round-off dominates; above 0.1 there is no accuracy left).");
        if (!(AbsoluteTolerance >= 1e-300 && AbsoluteTolerance <= 1))
            throw new ParameterException("AbsoluteTolerance", AbsoluteTolerance, "AbsoluteTolerance must be in [1e-300, 1].");
        if (!Enum.IsDefined(Method)) throw new ParameterException("Method", Method, $"Allowed: {string.Join(", ", Enum.GetNames<OdeMethod>())}.");
        Check.Positive(MaxSteps > int.MaxValue ? int.MaxValue : (int)MaxSteps, "MaxSteps");
    }
}

/// <summary>What an integration cost.</summary>
public sealed record OdeStatistics
{
    public long Steps { get; init; }
    public long Rejected { get; init; }
    public long Evaluations { get; init; }
    public long Jacobians { get; init; }
    public long Factorizations { get; init; }
    /// <summary>Time at which Auto first switched to the stiff method (NaN if it never did).</summary>
    public double StiffFrom { get; init; } = double.NaN;
    /// <summary>Number of switches between the explicit and the stiff method (Auto).</summary>
    public int Switches { get; init; }
}

/// <summary>The solution stopped being finite, or the step size collapsed, at time <see cref="Time"/>.</summary>
public sealed class OdeDivergedException(double time, string detail)
    : Exception($"The ODE solution diverged at α = {time:G6}: {detail}")
{
    public double Time { get; } = time;
}
