namespace ScalingPS.Core.Committee;

/// <summary>The hidden-unit activations g and their derivatives g' used by the SGD step (spec/committee.md §1.2).</summary>
internal static class Activations
{
    private const double InvSqrt2 = 0.70710678118654752440;
    private const double SqrtTwoOverPi = 0.79788456080286535588;

    /// <summary>g(x): erf(x/√2), x or max(0, x).</summary>
    public static double G(Activation g, double x) => g switch
    {
        Activation.Erf => FastErf.Erf(x * InvSqrt2),
        Activation.Linear => x,
        _ => x > 0 ? x : 0,
    };

    /// <summary>g'(x): √(2/π) e^{−x²/2}, 1, or the step function (0 at x = 0).</summary>
    public static double DG(Activation g, double x) => g switch
    {
        Activation.Erf => SqrtTwoOverPi * Math.Exp(-0.5 * x * x),
        Activation.Linear => 1,
        _ => x > 0 ? 1 : 0,
    };
}
