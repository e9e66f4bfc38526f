using System.Numerics.Tensors;

namespace ScalingPS.Core.RandomFeatures;

/// <summary>
/// One-pass SGD with batch B at N = ∞ and P = ∞ (spec/random-features.md §2.9): the exact recursion of the
/// diagonal second moments C_k = E[v_k²] for Gaussian features,
///   C_k ← [1 − 2ηλ_k + (1 + 1/B) η²λ_k²] C_k + (η²/B) λ_k (Σ_j λ_j C_j + σ²),   L = Σ_k λ_k C_k,
/// which is closed because the off-diagonal moments never feed the diagonal. The mean residual decays as
/// (1 − ηλ_k)^n, so the bias is Σ λ_k w*_k² (1 − ηλ_k)^{2n}. Time = η × steps; O(M) per step.
/// </summary>
public static class OnlineSgdTheory
{
    public static TheoryValue[] Evaluate(RandomFeatureSettings settings, IReadOnlyList<double> times, IProgress<EngineProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(times);
        settings.Validate();
        if (!double.IsPositiveInfinity(settings.N))
            throw new ParameterException("N", settings.N, "The SGD theory is the N = ∞ recursion of spec §2.9 (finite-width SGD theory is not derived there); use -N Infinity, or simulate.");
        foreach (var t in times)
            if (!(t >= 0) || !double.IsFinite(t)) throw new ParameterException("Time", t, "SGD theory times must be finite and ≥ 0.");
        double eta = settings.Eta * settings.TimeFactor;
        int batch = settings.BatchSize;
        var lam = settings.Lambda;
        int m = lam.Length;
        double s2 = settings.Sigma * settings.Sigma;
        var a = new double[m];
        var decay2 = new double[m];
        for (int k = 0; k < m; k++)
        {
            a[k] = 1 - 2 * eta * lam[k] + (1 + 1.0 / batch) * eta * eta * lam[k] * lam[k];
            decay2[k] = (1 - eta * lam[k]) * (1 - eta * lam[k]);
        }
        var c = settings.EffectiveTargetPower();
        var w2l = new double[m];
        TensorPrimitives.Multiply(c, lam, w2l);
        var bias = (double[])w2l.Clone();
        var steps = times.Select(t => (long)Math.Round(t / settings.Eta)).ToArray();
        var order = Enumerable.Range(0, times.Count).OrderBy(i => steps[i]).ToArray();
        var result = new TheoryValue[times.Count];
        long step = 0;
        long last = steps.Length == 0 ? 0 : steps.Max();
        foreach (int i in order)
        {
            while (step < steps[i])
            {
                if ((step & 1023) == 0)
                {
                    cancellation.ThrowIfCancellationRequested();
                    progress?.Report(new EngineProgress(last == 0 ? 1 : (double)step / last, $"SGD step {step}"));
                }
                double drive = eta * eta / batch * (TensorPrimitives.Dot(lam, c) + s2);
                TensorPrimitives.Multiply(c, a, c);
                TensorPrimitives.MultiplyAdd(lam, drive, c, c);
                TensorPrimitives.Multiply(bias, decay2, bias);
                step++;
            }
            double l = TensorPrimitives.Dot(lam, c);
            double b = TensorPrimitives.Sum(bias);
            result[i] = new TheoryValue(steps[i] * settings.Eta, l + (settings.NoisyTestLabels ? s2 : 0), l + s2, b);
        }
        return result;
    }
}
