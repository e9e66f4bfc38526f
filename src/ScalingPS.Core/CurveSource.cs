namespace ScalingPS.Core;

/// <summary>
/// Where a learning-curve point came from. Shared by the committee and random-feature models, so it lives
/// beside them rather than in either (the two models do not depend on each other).
/// </summary>
public enum CurveSource
{
    Simulation,
    Ode,
    Theory,
}
