using System.Numerics.Tensors;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.Data;

/// <summary>
/// What both trainers on data rows start from: the documented train / held-out split, the training rows centred
/// and decomposed, their eigenvalues scaled by the chosen normalisation, and the held-out rows centred with the
/// training mean (never their own, so nothing of the held-out rows leaks into training).
/// </summary>
internal sealed class SplitDecomposition
{
    public required int[] Train { get; init; }
    public required int[] HeldOut { get; init; }
    /// <summary>Centred training rows, row-major (Train.Length × columns).</summary>
    public required double[] TrainRows { get; init; }
    /// <summary>Held-out rows centred with the training mean, row-major (HeldOut.Length × columns).</summary>
    public required double[] HeldOutRows { get; init; }
    public required EmpiricalDecomposition Decomposition { get; init; }
    /// <summary>The factor the normalisation puts on the eigenvalues (inputs scale by its square root).</summary>
    public required double Scale { get; init; }
    /// <summary>The training rows' eigenvalues times <see cref="Scale"/>.</summary>
    public required double[] Lambda { get; init; }

    // constantRows: why constant training rows cannot be used, in the caller's words (the error message).
    public static SplitDecomposition Create(FeatureMatrix m, double holdOut, SpectrumNormalization normalization, string constantRows, CancellationToken ct)
    {
        var train = DataSplit.TrainingRows(m.Rows, holdOut);
        var held = DataSplit.HeldOutRows(m.Rows, holdOut);
        if (train.Length < 2 || held.Length < 1)
            throw new ParameterException("HoldOut", holdOut, $"With {m.Rows} rows the split leaves {train.Length} training and {held.Length} held-out rows; need at least 2 and 1.");
        var x = EmpiricalDecomposition.Prepare(m, train, center: true, standardize: false, out var mean, out _);
        var dec = EmpiricalDecomposition.FromPrepared(x, train.Length, m.Columns, ct);
        if (dec.Rank < 1) throw new ParameterException("Data", m.Shape, constantRows);
        double scale = FeatureSpectra.NormalizationScale(dec.Values, normalization);
        var heldX = EmpiricalDecomposition.Prepare(m, held, center: false, standardize: false, out _, out _);
        int dim = m.Columns;
        for (int i = 0; i < held.Length; i++) TensorPrimitives.Subtract(heldX.AsSpan(i * dim, dim), mean, heldX.AsSpan(i * dim, dim));
        return new SplitDecomposition
        {
            Train = train, HeldOut = held, TrainRows = x, HeldOutRows = heldX, Decomposition = dec,
            Scale = scale, Lambda = dec.Values.Select(v => v * scale).ToArray(),
        };
    }
}
