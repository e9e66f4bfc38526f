namespace ScalingPS.Core.RandomFeatures;

public sealed partial class RandomFeatureSimulator
{
    /// <summary>
    /// Trains one member on given features Ψ (P×M, row-major, rows = samples in the settings' eigenbasis) and
    /// labels y, exactly as for drawn data (the same kernel, eigenbasis and filter φ_t), and returns the predictor
    /// β(t) in feature space at every time, so that a caller can evaluate it on held-out rows. The projection A is
    /// drawn from <paramref name="seed"/> as in <see cref="Run"/>.
    /// </summary>
    internal double[][] TrainOn(int seed, IReadOnlyList<double> times, double[] psiRowMajor, double[] labels, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(times);
        int p = labels.Length;
        if (double.IsPositiveInfinity(_s.P) || (int)_s.P != p || psiRowMajor.Length != p * _m)
            throw new ArgumentException("Ψ must be P × M with P the settings' data size.", nameof(psiRowMajor));
        var psi = new RowMatrix(p, _m);
        psiRowMajor.CopyTo(psi.Data, 0);
        // Labels y = Ψ·0 + "noise" = the given labels: the member solves gradient flow on exactly these (Ψ, y).
        var member = BuildMember(seed, 0, psi, (double[])labels.Clone(), new double[_m], times.Count, ct);
        var result = new double[times.Count][];
        var block = new double[TimeChunk * _m];
        for (int t0 = 0; t0 < times.Count; t0 += TimeChunk)
        {
            ct.ThrowIfCancellationRequested();
            int tc = Math.Min(TimeChunk, times.Count - t0);
            var ts = new double[tc];
            for (int t = 0; t < tc; t++) ts[t] = times[t0 + t];
            PredictorBlock(member, ts, block, ct);
            for (int t = 0; t < tc; t++) result[t0 + t] = block.AsSpan(t * _m, _m).ToArray();
        }
        return result;
    }
}
