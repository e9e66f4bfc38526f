using System.Numerics.Tensors;

namespace ScalingPS.Core.RandomFeatures;

/// <summary>One-pass SGD of the random-feature simulator (P = ∞): fresh Gaussian batches every step.</summary>
public sealed partial class RandomFeatureSimulator
{
    // ---------------------------------------------------------------- one-pass SGD (P = ∞)

    private SimulationRun RunSgd(int seed, IReadOnlyList<double> times, double[] wstar, CancellationToken ct, IProgress<double>? progress)
    {
        int e = _o.Ensemble, nt = times.Count;
        bool nInf = double.IsPositiveInfinity(_s.N);
        var order = Enumerable.Range(0, nt).OrderBy(i => times[i]).ToArray();
        var stepsAt = times.Select(t => (long)Math.Round(t / _s.Eta)).ToArray();
        long maxSteps = stepsAt.Length == 0 ? 0 : stepsAt.Max();
        var betas = new double[nt][];
        for (int i = 0; i < nt; i++) betas[i] = new double[_m];
        double eta = _s.Eta * _s.TimeFactor, sigma = _s.Sigma;
        int batch = _s.BatchSize;
        double maxRate = 0;
        for (int mi = 0; mi < e; mi++)
        {
            // Feature-space representation: features φ̃ = √g ⊙ z in the eigenbasis of G = AΛAᵀ/N (N = ∞: G = Λ),
            // label y* = Σ b̃_i z_i/√g_i + √(L0 − Σ b̃_i²/g_i) ξ, with b̃ = Uᵀ A Λ w*/√N.
            double[] g, bt;
            RowMatrix? basisT = null, sgdU = null;
            if (nInf)
            {
                g = (double[])_lambda.Clone();
                bt = new double[_m];
                TensorPrimitives.Multiply(_lambda, wstar, bt);
            }
            else
            {
                double n = _s.N;
                var a = DrawProjection(new GaussianStream(seed, (ulong)mi * 4 + 2));
                var al = ScaleColumns(a, _sqrtLambda);
                var (u, eig) = Eigen(DenseKernels.ABt(al, al, 1 / n, ct), ct);
                g = eig;
                sgdU = u;
                var lw = new double[_m];
                TensorPrimitives.Multiply(_lambda, wstar, lw);
                var b = new double[(int)n];
                DenseKernels.Ax(a, lw, b);
                TensorPrimitives.Multiply(b, 1 / Math.Sqrt(n), b);
                bt = new double[g.Length];
                DenseKernels.Atx(u, b, bt);
                basisT = DenseKernels.AtB(u, a, 1 / Math.Sqrt(n), ct);
            }
            int r = g.Length;
            double gmax = g.Max();
            maxRate = Math.Max(maxRate, eta * gmax);
            var sq = new double[r];
            var lab = new double[r];
            double explained = 0;
            for (int i = 0; i < r; i++)
            {
                if (g[i] > 1e-13 * gmax) { sq[i] = Math.Sqrt(g[i]); lab[i] = bt[i] / sq[i]; explained += lab[i] * lab[i]; }
            }
            double resid = Math.Sqrt(Math.Max(0, _loss0 - explained));
            var w = new double[r];
            if (_o.InitScale > 0)
            {
                // w̃(0) = Uᵀ w0 in the eigenbasis (basisT maps it back to Aᵀ w0/√N).
                var w0 = new double[r];
                new GaussianStream(seed, (ulong)mi * 4).Fill(w0);
                TensorPrimitives.Multiply(w0, _o.InitScale, w0);
                DenseKernels.Atx(sgdU!, w0, w);
            }
            var grad = new double[r];
            var z = new double[r];
            var feat = new double[r];
            var rng = new GaussianStream(seed, (ulong)mi * 4 + 3);
            long step = 0;
            int next = 0;
            while (next < nt)
            {
                while (next < nt && stepsAt[order[next]] == step)
                {
                    var bw = betas[order[next]];
                    if (basisT is null) TensorPrimitives.MultiplyAdd(w, 1.0 / e, bw, bw);
                    else
                    {
                        var res = new double[_m];
                        DenseKernels.Atx(basisT, w, res);
                        TensorPrimitives.MultiplyAdd(res, 1.0 / e, bw, bw);
                    }
                    next++;
                }
                if (next >= nt || step >= maxSteps) break;
                if ((step & 1023) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report((mi + (double)step / Math.Max(1, maxSteps)) / e);
                }
                Array.Clear(grad);
                for (int bi = 0; bi < batch; bi++)
                {
                    rng.Fill(z);
                    double y = resid * rng.NextGaussian() + sigma * rng.NextGaussian() + TensorPrimitives.Dot(lab, z);
                    TensorPrimitives.Multiply(sq, z, feat); // φ̃ = √g ⊙ z
                    double err = (y - TensorPrimitives.Dot(w, feat)) / batch;
                    TensorPrimitives.MultiplyAdd(feat, err, grad, grad);
                }
                TensorPrimitives.MultiplyAdd(grad, eta, w, w);
                step++;
            }
        }
        var test = new double[nt];
        var train = new double[nt];
        double diverged = double.NaN;
        foreach (int i in order)
        {
            double l = 0;
            for (int k = 0; k < _m; k++)
            {
                double v = wstar[k] - betas[i][k];
                l += _lambda[k] * v * v;
            }
            train[i] = l + sigma * sigma;
            test[i] = l + (_s.NoisyTestLabels ? sigma * sigma : 0);
            if (double.IsNaN(diverged) && (!double.IsFinite(l) || l > 1e6 * _loss0)) diverged = times[i];
        }
        return new SimulationRun
        {
            Seed = seed, Times = times.ToArray(), TestLoss = test, TrainLoss = train, MaxStepRate = maxRate, DivergedAt = diverged,
            Predictor = _o.KeepPredictor ? betas : null,
        };
    }
}
