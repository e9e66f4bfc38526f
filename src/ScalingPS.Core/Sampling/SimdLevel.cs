using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ScalingPS.Core.Sampling;

/// <summary>
/// The vector width a hot loop runs at. Every kernel that has a <see cref="Vector512"/> path also has a
/// <see cref="Vector256"/> and a scalar one computing the same numbers (bit for bit: same lane structure, same
/// order of additions), so tests can run each path on one machine and compare them.
/// </summary>
internal enum SimdLevel
{
    Scalar = 0,
    Vector256 = 256,
    Vector512 = 512,
}

internal static class SimdLevels
{
    /// <summary>
    /// The widest path this machine runs in hardware, chosen once at start-up (a static readonly, so the JIT folds
    /// the dispatch away). Vector512 needs AVX-512F (for the rotate and the 128-bit-lane unpacks used by the normal
    /// generator) besides <see cref="Vector512.IsHardwareAccelerated"/>. The Vector256 path also serves machines with
    /// 128-bit vectors only (Arm64's AdvSimd), where .NET runs each 256-bit operation as two 128-bit ones.
    /// </summary>
    public static readonly SimdLevel Best =
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? SimdLevel.Vector512
        : Vector256.IsHardwareAccelerated || Vector128.IsHardwareAccelerated ? SimdLevel.Vector256
        : SimdLevel.Scalar;

    /// <summary>The paths this machine can run, narrowest first (for tests and the bench).</summary>
    public static IReadOnlyList<SimdLevel> Available { get; } =
        new[] { SimdLevel.Scalar, SimdLevel.Vector256, SimdLevel.Vector512 }.Where(l => l <= Best).ToArray();
}
