using System.Reflection;
using System.Runtime.CompilerServices;
using ScalingPS.Core.Committee;
using ScalingPS.Core.Sampling;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Core.Tests;

/// <summary>
/// The warm-up compiles every hot loop the JIT would otherwise compile on a first call (nothing here is timed: the
/// speed it buys is measured by bench/FirstCall.ps1), and it leaves every result unchanged.
/// </summary>
public class EngineWarmUpTests
{
    [Fact]
    public void Every_hot_method_is_compiled_for_every_instantiation_or_left_for_a_path_this_cpu_does_not_take()
    {
        var report = EngineWarmUp.Run();
        // A new kernel whose generic parameters the warm-up cannot instantiate fails here, so that it is not left
        // to the first call by accident.
        Assert.Empty(report.Failed);
        int expected = 0, otherPath = 0;
        foreach (var method in EngineWarmUp.HotMethods())
        {
            if (EngineWarmUp.OnChosenPath(method, SimdLevels.Best)) expected += EngineWarmUp.Instantiations(method).Count();
            else otherPath++;
        }
        Assert.Equal(expected, report.Prepared);
        Assert.Equal(otherPath, report.OtherPath);
        // The SGD step kernels are among them (they carry AggressiveOptimization, which ReadyToRun never precompiles).
        var names = EngineWarmUp.HotMethods().Select(m => $"{m.DeclaringType!.Name}.{m.Name}").ToHashSet();
        Assert.Contains("SgdKernels.Dot", names);
        Assert.Contains("SgdKernels.Update2", names);
        Assert.Contains("SgdSeedState`1.OneStep", names);
        Assert.Contains("NormalGenerator.Fill", names);
    }

    [Fact]
    public void The_sgd_types_come_first_and_every_listed_method_is_marked_for_full_optimisation()
    {
        var methods = EngineWarmUp.HotMethods().ToList();
        var sgd = new[] { typeof(SgdKernels), typeof(SgdSeedState<>), typeof(NormalSource), typeof(NormalGenerator), typeof(Ziggurat), typeof(WallaceGenerator) };
        int firstOther = methods.FindIndex(m => !sgd.Contains(m.DeclaringType));
        Assert.True(firstOther > 0);
        Assert.All(methods.Skip(firstOther), m => Assert.DoesNotContain(m.DeclaringType, sgd));
        Assert.All(methods, m => Assert.True((m.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0));
        // Some hot methods live outside the SGD types (the ODE's right-hand side): the scan covers the whole engine.
        Assert.Contains(methods.Skip(firstOther), m => m.DeclaringType!.Namespace == "ScalingPS.Core.Committee");
    }

    [Theory]
    [InlineData("Dot4x512", 512, true)]
    [InlineData("Dot4x512", 256, false)]
    [InlineData("Dot4x256", 256, true)]
    [InlineData("Dot4x256", 0, false)]
    [InlineData("PassSingleScalar", 0, true)]
    [InlineData("PassSingleScalar", 512, false)]
    [InlineData("Dot", 0, true)]
    [InlineData("Fill", 512, true)]
    public void A_kernel_name_says_its_simd_path(string name, int level, bool chosen) =>
        Assert.Equal(chosen, EngineWarmUp.OnChosenPath(name, (SimdLevel)level, _ => true));

    [Fact]
    public void A_256_kernel_without_a_512_twin_is_what_the_512_path_runs()
    {
        // Wallace's passes have Vector256 and scalar code only: on an AVX-512 machine the Vector256 pass runs.
        Assert.True(EngineWarmUp.OnChosenPath("Pass256", SimdLevel.Vector512, name => name == "Pass256"));
        Assert.False(EngineWarmUp.OnChosenPath("Pass256", SimdLevel.Vector512, name => name is "Pass256" or "Pass512"));
        Assert.False(EngineWarmUp.OnChosenPath("Pass256", SimdLevel.Scalar, _ => false));
        var wallacePass = typeof(WallaceGenerator).GetMethod("Pass256", BindingFlags.NonPublic | BindingFlags.Instance)!;
        Assert.Equal(SimdLevels.Best != SimdLevel.Scalar, EngineWarmUp.OnChosenPath(wallacePass, SimdLevels.Best));
    }

    [Fact]
    public void Generic_kernels_are_instantiated_over_double_and_float_and_both_flags()
    {
        var dot = typeof(SgdKernels).GetMethod("Dot", BindingFlags.NonPublic | BindingFlags.Static)!;
        var args = dot.GetGenericArguments();
        Assert.Equal([typeof(double), typeof(float)], EngineWarmUp.Candidates(args[0]));
        Assert.Equal([typeof(No), typeof(Yes)], EngineWarmUp.Candidates(args[1]));
        var forms = EngineWarmUp.Instantiations(dot).Select(f => f.Label).ToList();
        Assert.Equal(["SgdKernels.Dot<Double, No>", "SgdKernels.Dot<Double, Yes>", "SgdKernels.Dot<Single, No>", "SgdKernels.Dot<Single, Yes>"], forms);
        // A method of the generic seed state: the declaring type's parameter is instantiated.
        var step = typeof(SgdSeedState<>).GetMethod("OneStep", BindingFlags.NonPublic | BindingFlags.Instance)!;
        Assert.Equal(["SgdSeedState`1.OneStep<Double>", "SgdSeedState`1.OneStep<Single>"], EngineWarmUp.Instantiations(step).Select(f => f.Label));
        foreach (var (handle, instantiation, _) in EngineWarmUp.Instantiations(step)) RuntimeHelpers.PrepareMethod(handle, instantiation);
    }

    [Fact]
    public async Task Runs_during_and_after_a_warm_up_give_the_numbers_of_a_run_before_it()
    {
        // Both precisions, an anisotropic spectrum and K + M = 5 (the 4-row and 1-row passes, both updates).
        CommitteeSgdOptions Options(Precision p) => new()
        {
            Spectrum = PowerLawSpectra.Committee(256, 16, 0.5), K = 3, M = 2, Eta = 0.5, Alpha = 4, AlphaMin = 0.5, Points = 4,
            Repeat = 2, Precision = p,
        };
        var before = new[] { Precision.Double, Precision.Single }.Select(p => CommitteeSgd.Collect(Options(p)).Points.Select(x => x.EpsG).ToArray()).ToList();
        var warmUp = Task.Run(() => EngineWarmUp.Run(() => Thread.Sleep(1)));
        var during = new[] { Precision.Double, Precision.Single }.Select(p => CommitteeSgd.Collect(Options(p)).Points.Select(x => x.EpsG).ToArray()).ToList();
        Assert.Empty((await warmUp).Failed);
        var after = new[] { Precision.Double, Precision.Single }.Select(p => CommitteeSgd.Collect(Options(p)).Points.Select(x => x.EpsG).ToArray()).ToList();
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(before[i], during[i]);
            Assert.Equal(before[i], after[i]);
        }
    }
}
