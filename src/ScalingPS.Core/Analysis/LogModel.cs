namespace ScalingPS.Core.Analysis;

/// <summary>
/// Data of a fit in log space. U = ln x − CenterX and W = ln z − CenterZ are centred on the geometric means so
/// that the amplitude and the exponent are nearly uncorrelated (the fit is then well conditioned even for
/// x ~ 10^9); V = ln y.
/// </summary>
internal sealed class LogData
{
    public LogData(int capacity)
    {
        U = new double[capacity];
        W = new double[capacity];
        V = new double[capacity];
    }

    public double[] U;
    public double[] W;
    public double[] V;
    public int Count;
    public double CenterX;
    public double CenterZ;
}

/// <summary>
/// A scaling form written as g(θ; u, w) = ln f, the model of ln y. Parameters that must be positive (amplitudes,
/// offsets) are carried as logarithms, so every θ ∈ ℝ^k is admissible and f &gt; 0 always.
/// </summary>
internal abstract class LogModel
{
    public abstract int ParameterCount { get; }

    /// <summary>True when the form has a second variable z.</summary>
    public abstract bool UsesZ { get; }

    /// <summary>ln f at (u, w); writes ∂ ln f / ∂θ into <paramref name="grad"/>.</summary>
    public abstract double Eval(ReadOnlySpan<double> th, double u, double w, Span<double> grad);

    /// <summary>Starting points for the multi-start search.</summary>
    public abstract IEnumerable<double[]> Starts(LogData d);

    /// <summary>
    /// A description of the additive term that has collapsed at θ (an offset driven to zero, or a power-law term
    /// that carries under 10^-4 of f at every point), or null. A collapsed term means the loss keeps decreasing
    /// towards the edge of the parameter space: there is no interior minimum.
    /// </summary>
    public virtual string? CollapsedTerm(ReadOnlySpan<double> th, LogData d, double yMin) => null;

    public static LogModel For(ScalingForm form) => form switch
    {
        ScalingForm.PowerLaw => new PowerLawModel(),
        ScalingForm.PowerLawOffset => new PowerLawOffsetModel(),
        ScalingForm.Chinchilla => new ChinchillaModel(),
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, "not a parametric form"),
    };

    /// <summary>max − min of the first <paramref name="count"/> values (the log-range of a variable).</summary>
    protected static double Span(double[] values, int count)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int i = 0; i < count; i++) { lo = Math.Min(lo, values[i]); hi = Math.Max(hi, values[i]); }
        return hi - lo;
    }

    protected static double Median(IEnumerable<double> values)
    {
        var a = values.ToArray();
        Array.Sort(a);
        return a.Length == 0 ? double.NaN : a.Length % 2 == 1 ? a[a.Length / 2] : 0.5 * (a[a.Length / 2 - 1] + a[a.Length / 2]);
    }
}

/// <summary>θ = [ln A', p]: ln f = ln A' − p·u (linear, so the Huber loss is convex and one start suffices).</summary>
internal sealed class PowerLawModel : LogModel
{
    public override int ParameterCount => 2;
    public override bool UsesZ => false;

    public override double Eval(ReadOnlySpan<double> th, double u, double w, Span<double> grad)
    {
        grad[0] = 1;
        grad[1] = -u;
        return th[0] - th[1] * u;
    }

    public override IEnumerable<double[]> Starts(LogData d)
    {
        // Ordinary least squares in closed form: the exact least-squares optimum.
        double su = 0, sv = 0, suu = 0, suv = 0;
        int n = d.Count;
        for (int i = 0; i < n; i++) { su += d.U[i]; sv += d.V[i]; suu += d.U[i] * d.U[i]; suv += d.U[i] * d.V[i]; }
        double mu = su / n, mv = sv / n, var = suu / n - mu * mu;
        double slope = var > 0 ? (suv / n - mu * mv) / var : 0;
        yield return [mv - slope * mu, -slope];
    }
}

/// <summary>θ = [ln A', p, ln E]: f = E + A'·e^(−p·u).</summary>
internal sealed class PowerLawOffsetModel : LogModel
{
    public override int ParameterCount => 3;
    public override bool UsesZ => false;

    public override double Eval(ReadOnlySpan<double> th, double u, double w, Span<double> grad)
    {
        double t = Math.Exp(th[0] - th[1] * u), e = Math.Exp(th[2]), f = e + t;
        grad[0] = t / f;
        grad[1] = -u * t / f;
        grad[2] = e / f;
        return Math.Log(f);
    }

    public override IEnumerable<double[]> Starts(LogData d)
    {
        double lnYMin = d.V.AsSpan(0, d.Count).ToArray().Min();
        double yMin = Math.Exp(lnYMin);
        foreach (double frac in new[] { 0.01, 0.2, 0.5, 0.8, 0.95 })
            foreach (double p in new[] { 0.1, 0.3, 1.0, 3.0 })
            {
                double e = frac * yMin;
                double lnA = Median(Enumerable.Range(0, d.Count).Select(i =>
                {
                    double y = Math.Exp(d.V[i]);
                    return Math.Log(Math.Max(y - e, 1e-3 * y)) + p * d.U[i];
                }));
                yield return [lnA, p, Math.Log(e)];
            }
    }

    public override string? CollapsedTerm(ReadOnlySpan<double> th, LogData d, double yMin)
    {
        double e = Math.Exp(th[2]);
        if (e < 1e-6 * yMin) return $"the offset E = {e:G3} collapsed to zero (use -Form PowerLaw)";
        double maxShare = 0;
        for (int i = 0; i < d.Count; i++)
        {
            double t = Math.Exp(th[0] - th[1] * d.U[i]);
            maxShare = Math.Max(maxShare, t / (t + e));
        }
        if (maxShare < 1e-4) return "the power-law term vanished: the data are flat at the offset";
        if (Math.Abs(th[1]) * Span(d.U, d.Count) < 1e-3) return "the exponent went to zero: the power-law term is a constant that the offset cannot be told apart from";
        return null;
    }
}

/// <summary>θ = [ln E, ln A', a, ln B', b]: f = E + A'·e^(−a·u) + B'·e^(−b·w).</summary>
internal sealed class ChinchillaModel : LogModel
{
    public override int ParameterCount => 5;
    public override bool UsesZ => true;

    public override double Eval(ReadOnlySpan<double> th, double u, double w, Span<double> grad)
    {
        double e = Math.Exp(th[0]), ta = Math.Exp(th[1] - th[2] * u), tb = Math.Exp(th[3] - th[4] * w);
        double f = e + ta + tb;
        grad[0] = e / f;
        grad[1] = ta / f;
        grad[2] = -u * ta / f;
        grad[3] = tb / f;
        grad[4] = -w * tb / f;
        return Math.Log(f);
    }

    public override IEnumerable<double[]> Starts(LogData d)
    {
        double yMin = Math.Exp(d.V.AsSpan(0, d.Count).ToArray().Min());
        double yMed = Math.Exp(Median(d.V.Take(d.Count)));
        foreach (double frac in new[] { 0.05, 0.4, 0.8 })
            foreach (double a in new[] { 0.15, 0.4, 1.0 })
                foreach (double b in new[] { 0.15, 0.4, 1.0 })
                {
                    double e = frac * yMin, rest = Math.Max(yMed - e, 1e-3 * yMed);
                    yield return [Math.Log(e), Math.Log(rest / 2), a, Math.Log(rest / 2), b];
                }
    }

    public override string? CollapsedTerm(ReadOnlySpan<double> th, LogData d, double yMin)
    {
        double e = Math.Exp(th[0]);
        if (e < 1e-6 * yMin) return $"the offset E = {e:G3} collapsed to zero";
        double shareA = 0, shareB = 0;
        for (int i = 0; i < d.Count; i++)
        {
            double ta = Math.Exp(th[1] - th[2] * d.U[i]), tb = Math.Exp(th[3] - th[4] * d.W[i]), f = e + ta + tb;
            shareA = Math.Max(shareA, ta / f);
            shareB = Math.Max(shareB, tb / f);
        }
        if (shareA < 1e-4) return "the A·N^-a term vanished";
        if (shareB < 1e-4) return "the B·D^-b term vanished";
        if (Math.Abs(th[2]) * Span(d.U, d.Count) < 1e-3) return "the exponent a went to zero: A·N^-a is a constant";
        if (Math.Abs(th[4]) * Span(d.W, d.Count) < 1e-3) return "the exponent b went to zero: B·D^-b is a constant";
        return null;
    }
}
