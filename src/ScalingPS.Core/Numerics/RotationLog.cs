using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ScalingPS.Core.Numerics;

public static partial class SymmetricEigen
{
    /// <summary>
    /// The plane rotations of the QL sweeps in the order they were generated: sweep k rotates the index pairs
    /// (i, i+1) for i = High_k − 1 down to Low_k, each with its (c, s) stored in turn.
    /// </summary>
    internal sealed class RotationLog
    {
        private readonly int _n;
        private double[] _cs;
        private int[] _sweeps = new int[64];

        public RotationLog(int n)
        {
            _n = n;
            _cs = new double[Math.Max(64, 8 * n)];
        }

        /// <summary>
        /// When set, the log is applied to the rows of this n×n matrix and emptied whenever a sweep begins with at least
        /// n²/4 rotations recorded, so the log never holds more than about half the matrix's memory (a full QL run makes
        /// ~0.85 n² rotations); the caller applies the rest at the end.
        /// </summary>
        public double[]? FlushTarget { get; init; }

        public int Rotations { get; private set; }
        public int Sweeps { get; private set; }

        /// <summary>Releases the growth slack once no more rotations will be recorded.</summary>
        public void Trim()
        {
            Array.Resize(ref _cs, 2 * Rotations);
            Array.Resize(ref _sweeps, 2 * Sweeps);
        }

        public void BeginSweep(int low, int high)
        {
            if (FlushTarget is not null && Rotations >= (long)_n * _n / 4)
            {
                ApplyToRows(FlushTarget, _n, default);
                Rotations = 0;
                Sweeps = 0;
            }
            if (2 * Sweeps + 2 > _sweeps.Length) Array.Resize(ref _sweeps, Math.Max(64, 2 * _sweeps.Length));
            _sweeps[2 * Sweeps] = low;
            _sweeps[2 * Sweeps + 1] = high;
            Sweeps++;
        }

        public void Add(double c, double s)
        {
            if (2 * Rotations + 2 > _cs.Length) Array.Resize(ref _cs, Math.Max(64, 2 * _cs.Length));
            _cs[2 * Rotations] = c;
            _cs[2 * Rotations + 1] = s;
            Rotations++;
        }

        /// <summary>
        /// z ← R_K ⋯ R_1 z, each R acting on (z_i, z_{i+1}) as (c z_i − s z_{i+1}, s z_i + c z_{i+1}). Within a sweep the
        /// entry passed on to the next rotation stays in a register (the chain of dependent rotations is the cost).
        /// </summary>
        public void Apply(Span<double> z)
        {
            if (z.Length < _n) throw new ArgumentException("Vector shorter than the matrix order.");
            ApplyStrided(ref MemoryMarshal.GetReference(z), 1);
        }

        /// <summary>z ← R_1ᵀ ⋯ R_Kᵀ z: the rotations transposed, last one first (the carried entry moves up the sweep).</summary>
        public void ApplyTransposed(Span<double> z)
        {
            if (z.Length < _n) throw new ArgumentException("Vector shorter than the matrix order.");
            ref double z0 = ref MemoryMarshal.GetReference(z);
            int r = Rotations - 1;
            for (int k = Sweeps - 1; k >= 0; k--)
            {
                int low = _sweeps[2 * k], high = _sweeps[2 * k + 1];
                double x = Unsafe.Add(ref z0, low);
                for (int i = low; i < high; i++, r--)
                {
                    double c = _cs[2 * r], s = _cs[2 * r + 1];
                    double b = Unsafe.Add(ref z0, i + 1);
                    Unsafe.Add(ref z0, i) = c * x + s * b;
                    x = c * b - s * x;
                }
                Unsafe.Add(ref z0, high) = x;
            }
        }

        /// <summary>
        /// Z ← R_1ᵀ ⋯ R_Kᵀ Z for <paramref name="count"/> vectors at once, held as the columns of the row-major n×count
        /// matrix <paramref name="z"/>: each rotation combines two rows, as SIMD over the vectors, so a block of
        /// vectors costs little more than one (whose rotations form a single dependent chain).
        /// </summary>
        public void ApplyTransposed(Span<double> z, int count)
        {
            if (count == 1)
            {
                ApplyTransposed(z);
                return;
            }
            if (count < 1 || z.Length < (long)_n * count) throw new ArgumentException("Block shorter than the matrix order × count.");
            ref double z0 = ref MemoryMarshal.GetReference(z);
            int r = Rotations - 1;
            for (int k = Sweeps - 1; k >= 0; k--)
            {
                int low = _sweeps[2 * k], high = _sweeps[2 * k + 1];
                for (int i = low; i < high; i++, r--)
                {
                    double c = _cs[2 * r], s = _cs[2 * r + 1];
                    ref double x = ref Unsafe.Add(ref z0, i * count);
                    ref double b = ref Unsafe.Add(ref z0, (i + 1) * count);
                    int t = 0;
                    if (Vector256.IsHardwareAccelerated)
                    {
                        var vc = Vector256.Create(c);
                        var vs = Vector256.Create(s);
                        for (; t + 4 <= count; t += 4)
                        {
                            var xv = Vector256.LoadUnsafe(ref x, (nuint)t);
                            var bv = Vector256.LoadUnsafe(ref b, (nuint)t);
                            (vc * xv + vs * bv).StoreUnsafe(ref x, (nuint)t);
                            (vc * bv - vs * xv).StoreUnsafe(ref b, (nuint)t);
                        }
                    }
                    for (; t < count; t++)
                    {
                        double xs = Unsafe.Add(ref x, t), bs = Unsafe.Add(ref b, t);
                        Unsafe.Add(ref x, t) = c * xs + s * bs;
                        Unsafe.Add(ref b, t) = c * bs - s * xs;
                    }
                }
            }
        }

        /// <summary>
        /// w ← R_K ⋯ R_1 w for the rows of the row-major n×n matrix <paramref name="w"/>, where R acts on rows (i, i+1)
        /// as (c wᵢ − s wᵢ₊₁, s wᵢ + c wᵢ₊₁): the eigenvector accumulation of the QL iteration, done after it. Column
        /// strips are independent, so all rotations are applied to one 16-column strip (n × 128 bytes, cache-resident)
        /// before the next, and within a sweep the row being carried to the next rotation stays in registers; rotating
        /// whole rows sweep by sweep instead streams the n×n matrix through memory once per sweep. Every element gets
        /// the same operations in the same order as row by row, so the result is the same bit for bit.
        /// </summary>
        public void ApplyToRows(double[] w, int n, CancellationToken ct)
        {
            const int Strip = 16;
            int col = 0;
            if (Vector256.IsHardwareAccelerated)
                for (; col + Strip <= n; col += Strip)
                {
                    ct.ThrowIfCancellationRequested();
                    ApplyToStrip(w, n, col);
                }
            for (; col < n; col++)
            {
                if ((col & 15) == 0) ct.ThrowIfCancellationRequested();
                ApplyStrided(ref w[col], n);
            }
        }

        private void ApplyToStrip(double[] w, int n, int col)
        {
            ref double w0 = ref MemoryMarshal.GetArrayDataReference(w);
            int r = 0;
            for (int k = 0; k < Sweeps; k++)
            {
                int low = _sweeps[2 * k], high = _sweeps[2 * k + 1];
                // Carry row `high` (the lower row of the first rotation) in registers down the sweep.
                nuint top = (nuint)(high * n + col);
                var y0 = Vector256.LoadUnsafe(ref w0, top);
                var y1 = Vector256.LoadUnsafe(ref w0, top + 4);
                var y2 = Vector256.LoadUnsafe(ref w0, top + 8);
                var y3 = Vector256.LoadUnsafe(ref w0, top + 12);
                for (int i = high - 1; i >= low; i--, r++)
                {
                    var c = Vector256.Create(_cs[2 * r]);
                    var s = Vector256.Create(_cs[2 * r + 1]);
                    nuint at = (nuint)(i * n + col), below = at + (nuint)n;
                    var x0 = Vector256.LoadUnsafe(ref w0, at);
                    var x1 = Vector256.LoadUnsafe(ref w0, at + 4);
                    var x2 = Vector256.LoadUnsafe(ref w0, at + 8);
                    var x3 = Vector256.LoadUnsafe(ref w0, at + 12);
                    (s * x0 + c * y0).StoreUnsafe(ref w0, below);     // row i+1 is final for this sweep
                    (s * x1 + c * y1).StoreUnsafe(ref w0, below + 4);
                    (s * x2 + c * y2).StoreUnsafe(ref w0, below + 8);
                    (s * x3 + c * y3).StoreUnsafe(ref w0, below + 12);
                    y0 = c * x0 - s * y0;                              // row i goes on to the next rotation
                    y1 = c * x1 - s * y1;
                    y2 = c * x2 - s * y2;
                    y3 = c * x3 - s * y3;
                }
                nuint bottom = (nuint)(low * n + col);
                y0.StoreUnsafe(ref w0, bottom);
                y1.StoreUnsafe(ref w0, bottom + 4);
                y2.StoreUnsafe(ref w0, bottom + 8);
                y3.StoreUnsafe(ref w0, bottom + 12);
            }
        }

        /// <summary>
        /// <see cref="Apply"/> on the entries z0[i·stride], i &lt; n: a vector (stride 1) or one column of a row-major
        /// matrix (stride n).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void ApplyStrided(ref double z0, int stride)
        {
            int r = 0;
            for (int k = 0; k < Sweeps; k++)
            {
                int low = _sweeps[2 * k], high = _sweeps[2 * k + 1];
                double y = Unsafe.Add(ref z0, high * stride);
                for (int i = high - 1; i >= low; i--, r++)
                {
                    double c = _cs[2 * r], s = _cs[2 * r + 1];
                    double x = Unsafe.Add(ref z0, i * stride);
                    Unsafe.Add(ref z0, (i + 1) * stride) = s * x + c * y;
                    y = c * x - s * y;
                }
                Unsafe.Add(ref z0, low * stride) = y;
            }
        }
    }
}
