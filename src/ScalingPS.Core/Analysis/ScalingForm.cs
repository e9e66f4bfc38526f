namespace ScalingPS.Core.Analysis;

/// <summary>The functional forms Measure-ScalingLaw fits.</summary>
public enum ScalingForm
{
    /// <summary>y = A·x^-p.</summary>
    PowerLaw,
    /// <summary>y = E + A·x^-p.</summary>
    PowerLawOffset,
    /// <summary>L = E + A·N^-a + B·D^-b (X = N, Z = D).</summary>
    Chinchilla,
    /// <summary>d log y / d log x over a sliding window of distinct x values.</summary>
    LocalSlope,
}
