using ScalingPS.Core.RandomFeatures;

namespace ScalingPS.Core.Tests.RandomFeatures;

/// <summary>spec/random-features.md §6: every reference number, to the printed digits.</summary>
public class ReferenceValueTests
{
    private const double Inf = double.PositiveInfinity;
    private static readonly double[] Times = [1, 10, 100, 1e3, 1e4, 1e6];

    private static RandomFeatureSettings Ref(double n, double p, int m = 2000, double sigma = 0) =>
        RandomFeatureSettings.PowerLaw(m, 1.5, 1.25, n, p, sigma);

    /// <summary>"To the printed digits": |x − printed| ≤ half a unit in the last printed significant digit.</summary>
    internal static void Printed(double printed, double actual, int digits, string what)
    {
        double ulp = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(printed))) - digits + 1);
        Approx.Abs(printed, actual, 0.5 * ulp + 1e-15, what);
    }

    // §6.1 / §11 item 1.
    [Theory]
    [InlineData(200, 400, 1, 1.024184, 7)] [InlineData(200, 400, 0.1, 0.1154224, 7)]
    [InlineData(200, 400, 0.01, 0.01875837, 7)] [InlineData(200, 400, 0.001, 0.00637733, 6)]
    [InlineData(100, Inf, 1, 1.032453, 7)] [InlineData(100, Inf, 0.1, 0.1214684, 7)]
    [InlineData(100, Inf, 0.01, 0.0242177, 6)] [InlineData(100, Inf, 0.001, 0.01286166, 7)]
    [InlineData(Inf, 100, 1, 1.032453, 7)] [InlineData(Inf, 100, 0.1, 0.1214684, 7)]
    [InlineData(Inf, 100, 0.01, 0.0242177, 6)] [InlineData(Inf, 100, 0.001, 0.01286166, 7)]
    public void KappaAtRealS(double n, double p, double s, double expected, int digits)
    {
        var solver = new KappaSolver(Ref(n, p).Lambda, n, p);
        Printed(expected, solver.SolveReal(s), digits, $"κ({s}) at (N,P)=({n},{p})");
    }

    public static TheoryData<double, double, string, double[]> LossTable() => new()
    {
        { Inf, Inf, "L", [1.31349, 0.490693, 0.168617, 0.0419674, 0.00208922] },
        { 100, Inf, "L", [1.34356, 0.60065, 0.40118, 0.38837, 0.38837, 0.38837] },
        { 100, Inf, "Lhat", [1.34356, 0.60065, 0.40118, 0.38837, 0.38837, 0.38837] },
        { 100, Inf, "B", [1.3261, 0.52694, 0.25895, 0.22088, 0.22083, 0.22083] },
        { Inf, 100, "L", [1.33688, 0.56732, 0.33838, 0.31536, 0.31533, 0.31533] },
        { Inf, 100, "Lhat", [1.23658, 0.345131, 0.0249979, 4.96e-7] },
        { Inf, 100, "B", [1.3261, 0.52694, 0.25895, 0.22088, 0.22083, 0.22083] },
        { 200, 400, "L", [1.33463, 0.5672, 0.34537, 0.39405, 0.49154] },
        { 200, 400, "Lhat", [1.3091, 0.50472, 0.21375, 0.13127, 0.1233, 0.1233] },
        { 200, 400, "B", [1.32293, 0.5171, 0.22785, 0.14488, 0.13249, 0.13241] },
        { 400, 200, "B", [1.32293, 0.5171, 0.22785, 0.14488, 0.13249, 0.13241] },
    };

    // §6.2 / §11 item 5: L, L̂ and B at t = 1 … 10⁶ to the printed digits.
    [Theory]
    [MemberData(nameof(LossTable))]
    public void LossesMatchTable(double n, double p, string quantity, double[] expected)
    {
        var theory = new DmftTheory(Ref(n, p));
        var values = theory.Evaluate(Times.Take(expected.Length).ToArray());
        for (int i = 0; i < expected.Length; i++)
        {
            double actual = quantity switch { "L" => values[i].TestLoss, "Lhat" => values[i].TrainLoss, _ => values[i].Bias };
            int digits = expected[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture).TrimStart('0', '.').Replace(".", "").Split('E')[0].TrimStart('0').Length;
            Printed(expected[i], actual, digits, $"{quantity}(t={Times[i]}) at (N,P)=({n},{p})");
        }
    }

    // §6.2: the entries printed as ≈0 and 0.
    [Fact]
    public void VanishingEntries()
    {
        var inf = new DmftTheory(Ref(Inf, Inf)).EvaluateOne(1e6);
        Assert.True(Math.Abs(inf.TestLoss) < 1e-9, $"L(1e6) at (∞,∞) = {inf.TestLoss}");
        var kernel = new DmftTheory(Ref(Inf, 100)).Evaluate([1e4, 1e6]);
        foreach (var v in kernel) Assert.True(Math.Abs(v.TrainLoss) < 5e-9, $"L̂({v.Time}) at (∞,100) = {v.TrainLoss}");
    }

    // §6.2 L_∞ column and §11 item 6 (M = 2000).
    [Theory]
    [InlineData(100, Inf, 0.38837)]
    [InlineData(Inf, 100, 0.31533)]
    public void StaticLimitM2000(double n, double p, double expected) =>
        Printed(expected, StaticLimit.Compute(Ref(n, p)).TestLoss, 5, $"L∞ at ({n},{p})");

    // §6.3 / §11 item 6: static formulas at M = 3000 match the printed values, and the dynamic theory at t = 1e10 to 1e-8.
    [Theory]
    [InlineData(200, Inf, 0.265999)] [InlineData(Inf, 200, 0.215186)] [InlineData(200, 400, 0.531998)]
    [InlineData(400, 200, 0.481184)] [InlineData(300, 350, 1.415300)] [InlineData(1000, 100, 0.375249)]
    public void StaticLimitM3000(double n, double p, double expected)
    {
        var settings = Ref(n, p, 3000);
        double stat = StaticLimit.Compute(settings).TestLoss;
        Printed(expected, stat, 6, $"L∞ at ({n},{p})");
        double dyn = new DmftTheory(settings).EvaluateOne(1e10).TestLoss;
        Approx.Abs(stat, dyn, 1e-8, $"L(t=1e10) vs static at ({n},{p})");
    }

    // §6.3 / §11 item 11: early-time H_1(t) − e^{−λt} for N = P = 2000, M = 3000.
    [Theory]
    [InlineData(0.05, 4.875e-6, 4.90e-6)]
    [InlineData(0.5, 3.46e-4, 3.66e-4)]
    public void EarlyTimeTransfer(double t, double exactDiff, double formulaDiff)
    {
        var settings = Ref(2000, 2000, 3000);
        var theory = new DmftTheory(settings);
        double lam = settings.Lambda[0];
        double diff = theory.MeanTransfer(t)[0] - Math.Exp(-lam * t);
        Printed(exactDiff, diff, exactDiff == 4.875e-6 ? 4 : 3, $"H_1({t}) − e^(−λt)");
        // The first-order formula of §2.8: (1/N + 1/P)(tr Λ/λ)[1 − e^{−λt} − λt e^{−λt}].
        double tr = settings.Lambda.Sum();
        double formula = (2.0 / 2000) * tr / lam * (1 - Math.Exp(-lam * t) - lam * t * Math.Exp(-lam * t));
        Printed(formulaDiff, formula, 3, $"§2.8 formula at t = {t}");
    }
}
