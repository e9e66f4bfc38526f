namespace ScalingPS.Core;

/// <summary>Progress of a long engine call: the fraction done in [0, 1] and a short status line.</summary>
public readonly record struct EngineProgress(double Fraction, string Status);
