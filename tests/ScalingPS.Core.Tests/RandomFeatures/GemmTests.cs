using ScalingPS.Core.Numerics;
using ScalingPS.Core.RandomFeatures;
using ScalingPS.Core.Sampling;

namespace ScalingPS.Core.Tests.RandomFeatures;

/// <summary>
/// The blocked product behind the simulator's feature products: against a naive triple loop (tolerance from the
/// rounding of a length-k sum, k·ε·Σ|a||b|), every SIMD path bit for bit against the scalar one, edge tiles and
/// several cache blocks, the symmetric (lower-tile) mode, transposed operands, and cancellation.
/// </summary>
public class GemmTests
{
    public static TheoryData<int> Levels()
    {
        var data = new TheoryData<int>();
        foreach (var level in SimdLevels.Available) data.Add((int)level);
        return data;
    }

    private static RowMatrix Random(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        var m = new RowMatrix(rows, cols);
        for (int i = 0; i < m.Data.Length; i++) m.Data[i] = rng.NextDouble() - 0.5;
        return m;
    }

    /// <summary>Sizes straddle the tiles (6 rows, 8/16 columns), the 256-deep slices and the 120-row blocks.</summary>
    [Theory]
    [MemberData(nameof(Levels))]
    public void ABtAndAtBMatchANaiveProduct(int levelValue)
    {
        var level = (SimdLevel)levelValue;
        foreach (var (p, n, m) in new[] { (1, 1, 1), (7, 9, 5), (131, 37, 600), (250, 263, 300) })
        {
            var a = Random(p, m, p + m);
            var b = Random(n, m, n + 2 * m);
            var c = DenseKernels.ABt(a, b, 0.5, default, level);
            for (int i = 0; i < p; i++)
                for (int j = 0; j < n; j++)
                {
                    double s = 0, mag = 0;
                    for (int k = 0; k < m; k++) { s += a[i, k] * b[j, k]; mag += Math.Abs(a[i, k] * b[j, k]); }
                    Approx.Abs(0.5 * s, c[i, j], 2 * m * 1.1e-16 * mag, $"ABt[{i},{j}] at {p}×{m}·{m}×{n} ({level})");
                }
            // AtB: W (m×p)ᵀ · R (m×n) with the same data read the other way.
            var w = Random(m, p, 3 * p);
            var r = Random(m, n, 5 * n);
            var d = DenseKernels.AtB(w, r, 2, default, level);
            for (int i = 0; i < p; i++)
                for (int j = 0; j < n; j++)
                {
                    double s = 0, mag = 0;
                    for (int k = 0; k < m; k++) { s += w[k, i] * r[k, j]; mag += Math.Abs(w[k, i] * r[k, j]); }
                    Approx.Abs(2 * s, d[i, j], 4 * m * 1.1e-16 * mag, $"AtB[{i},{j}] ({level})");
                }
        }
    }

    [Fact]
    public void EveryPathAgreesBitForBitWithTheScalarOne()
    {
        var a = Random(131, 600, 1);
        var b = Random(263, 600, 2);
        var scalar = DenseKernels.ABt(a, b, 0.3, default, SimdLevel.Scalar);
        var scalarT = DenseKernels.AtB(b, Random(263, 77, 3), 0.7, default, SimdLevel.Scalar);
        foreach (var level in SimdLevels.Available)
        {
            Assert.Equal(scalar.Data, DenseKernels.ABt(a, b, 0.3, default, level).Data);
            Assert.Equal(scalarT.Data, DenseKernels.AtB(b, Random(263, 77, 3), 0.7, default, level).Data);
        }
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void SymmetricProductIsTheFullProductMirrored(int levelValue)
    {
        var level = (SimdLevel)levelValue;
        var x = Random(301, 517, 4);
        var copy = new RowMatrix(301, 517);
        x.Data.CopyTo(copy.Data, 0);
        var sym = DenseKernels.ABt(x, x, 1.0 / 517, default, level);     // lower tiles, mirrored
        var full = DenseKernels.ABt(x, copy, 1.0 / 517, default, level); // every tile
        for (int i = 0; i < 301; i++)
            for (int j = 0; j <= i; j++)
            {
                Assert.Equal(full[i, j], sym[i, j]);
                Assert.Equal(sym[i, j], sym[j, i]);
            }
    }

    [Fact]
    public void CancellationStopsTheProduct()
    {
        var a = Random(64, 600, 5);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => DenseKernels.ABt(a, a, 1, cts.Token));
    }

    [Fact]
    public void RejectsOperandsThatDoNotFit()
    {
        Assert.Throws<ArgumentException>(() => DenseKernels.ABt(Random(3, 4, 1), Random(3, 5, 2), 1, default));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(4, 4, 4, 1, new double[15], 4, 1, new double[16], 4, 1, new double[16], 4, false, default, SimdLevel.Scalar));
    }
}
