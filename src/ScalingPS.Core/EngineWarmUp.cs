using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using ScalingPS.Core.Committee;
using ScalingPS.Core.Sampling;
using ScalingPS.Core.Spectra;

namespace ScalingPS.Core;

/// <summary>What a warm-up did: methods compiled, methods left for a SIMD path this machine does not take, and failures.</summary>
public sealed record WarmUpReport(int Prepared, int OtherPath, IReadOnlyList<string> Failed, TimeSpan Elapsed);

/// <summary>
/// Compiles the engine's hot loops before the first call needs them, so that the first call in a fresh session runs
/// at the speed of a warm one.
/// <para>
/// Why this is needed on top of ReadyToRun: the methods marked <see cref="MethodImplOptions.AggressiveOptimization"/>
/// (the SGD step kernels, the normal generator, the ODE right-hand side) are never precompiled — the runtime always
/// compiles them with full optimisation on their first call, which a first call then waits for, on every thread that
/// reaches them. Code that tests vector widths at run time, and generic code over the engine's own types, is often
/// not taken from the precompiled image either. So the warm-up (1) compiles every AggressiveOptimization method of
/// the engine, each generic one for every instantiation the engine uses (T = double and float; the compile-time
/// flags Yes and No), skipping the SIMD paths this CPU does not take (a name with 512, 256 or Scalar says the path),
/// the SGD kernels first; and (2) runs tiny SGD calls through the public entry point, which runs the type
/// initialisers (ziggurat tables, SIMD choice) and compiles whatever else the call path needs.
/// </para>
/// <para>
/// (3) Then, in a few rounds each after a quiet spell, it runs a small ODE and a small random-feature simulation. Their
/// first calls are slow for another reason: code not marked for full optimisation — System.Numerics.Tensors'
/// generic kernels (its full-width vector loops are separate methods, reached only at larger sizes) and the dense
/// product — starts in the runtime's unoptimised tier and is promoted only after enough calls with no new
/// compilation in between. Every step waits while a user's call is running.
/// </para>
/// <para>
/// Nothing here changes a result: the prepared methods are the ones every call would compile, and the tiny runs
/// use their own seeds and state. <see cref="Run"/> works on the calling thread; the module starts it on a
/// background thread at import (ScalingPS.Infrastructure.ModuleWarmUp), so import does not wait for it, and a call
/// made meanwhile simply compiles what it needs itself (the runtime never compiles one method twice at once).
/// </para>
/// </summary>
public static class EngineWarmUp
{
    /// <summary>The value types the engine's generic kernels are instantiated over (element type T).</summary>
    private static readonly Type[] ElementTypes = [typeof(double), typeof(float)];

    /// <summary>
    /// Rounds of small ODE and random-feature runs, each after a quiet spell: code that is not marked for full
    /// optimisation (System.Numerics.Tensors' generic kernels, the dense product) starts in the runtime's unoptimised
    /// tier and is promoted only after it has been called a number of times with no new compilation in between, in
    /// two steps (instrumented, then optimised). The sizes reach the kernels' full-width vector loops.
    /// </summary>
    private const int PromotionRounds = 4;
    private const int PromotionQuietMs = 150;

    /// <summary>The hot types of Invoke-CommitteeSgd, compiled first (the rest of the engine follows).</summary>
    private static readonly Type[] SgdTypes =
        [typeof(SgdKernels), typeof(SgdSeedState<>), typeof(NormalSource), typeof(NormalGenerator), typeof(Ziggurat), typeof(WallaceGenerator)];

    /// <summary>Compiles the hot loops and runs the tiny calls (see the class remarks); never throws for a method that fails to compile.</summary>
    /// <param name="pause">Called between methods (tests use it to stretch the warm-up over a call); null for none.</param>
    /// <param name="busy">
    /// True while a user's call runs: before every method and every run the warm-up waits until it is false, so that it
    /// takes no core from a running call (which compiles what it needs itself).
    /// </param>
    public static WarmUpReport Run(Action? pause = null, Func<bool>? busy = null)
    {
        var clock = Stopwatch.StartNew();
        int prepared = 0, otherPath = 0;
        var failed = new List<string>();
        var forms = new List<(RuntimeMethodHandle Handle, RuntimeTypeHandle[]? Instantiation, string Label, int Priority)>();
        foreach (var method in HotMethods())
        {
            if (!OnChosenPath(method, SimdLevels.Best))
            {
                otherPath++;
                continue;
            }
            bool sgd = SgdTypes.Contains(method.DeclaringType!.IsGenericType ? method.DeclaringType.GetGenericTypeDefinition() : method.DeclaringType);
            foreach (var (handle, instantiation, label) in Instantiations(method))
            {
                bool single = instantiation?.Any(h => h.Equals(typeof(float).TypeHandle)) == true;
                forms.Add((handle, instantiation, label, (sgd ? 0 : 2) + (single ? 1 : 0)));
            }
        }
        // What a first Invoke-CommitteeSgd needs first: the SGD kernels in double (its default), then in float, then
        // tiny SGD runs; then the rest of the engine (the ODE's kernels), then the promotion rounds. The sort is stable:
        // declaration order within a stage.
        var ordered = forms.OrderBy(f => f.Priority).ToList();
        PrepareAll(ordered.Where(f => f.Priority < 2));
        pause?.Invoke();
        WaitIdle();
        RunTinySgd();
        PrepareAll(ordered.Where(f => f.Priority >= 2));
        for (int round = 0; round < PromotionRounds; round++)
        {
            if (pause is null) Thread.Sleep(PromotionQuietMs);
            else pause();
            WaitIdle();
            RunSmallOde();
            WaitIdle();
            RunSmallRandomFeature();
        }
        return new WarmUpReport(prepared, otherPath, failed, clock.Elapsed);

        void WaitIdle()
        {
            while (busy?.Invoke() == true) Thread.Sleep(20);
        }

        void PrepareAll(IEnumerable<(RuntimeMethodHandle Handle, RuntimeTypeHandle[]? Instantiation, string Label, int Priority)> stage)
        {
            foreach (var form in stage)
            {
                pause?.Invoke();
                WaitIdle();
                try
                {
                    RuntimeHelpers.PrepareMethod(form.Handle, form.Instantiation);
                    prepared++;
                }
                catch (Exception ex) when (ex is ArgumentException or NotSupportedException or InvalidOperationException or TypeLoadException)
                {
                    failed.Add($"{form.Label}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }
    }

    /// <summary>
    /// Every method of the engine marked AggressiveOptimization (static constructors aside), the SGD types first, in a
    /// fixed order. These are exactly the methods ReadyToRun leaves to the JIT.
    /// </summary>
    internal static IEnumerable<MethodInfo> HotMethods()
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var rest = typeof(EngineWarmUp).Assembly.GetTypes().Where(t => !SgdTypes.Contains(t)).OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in SgdTypes.Concat(rest))
            foreach (var method in type.GetMethods(all).OrderBy(m => m.MetadataToken))
                if ((method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0 && !method.IsAbstract)
                    yield return method;
    }

    /// <summary>
    /// True when a kernel named <paramref name="name"/> runs on the SIMD path <paramref name="level"/>: the engine
    /// names its per-width twins …512, …256 and …Scalar; a name with none of them serves every path. A …256 kernel
    /// without a …512 twin (Wallace's passes) is also what the Vector512 path runs; <paramref name="hasMethod"/> says
    /// whether the declaring type has a method of a given name.
    /// </summary>
    internal static bool OnChosenPath(string name, SimdLevel level, Func<string, bool> hasMethod)
    {
        if (name.Contains("512", StringComparison.Ordinal)) return level == SimdLevel.Vector512;
        if (name.Contains("256", StringComparison.Ordinal))
            return level == SimdLevel.Vector256
                || level == SimdLevel.Vector512 && !hasMethod(name.Replace("256", "512", StringComparison.Ordinal));
        if (name.Contains("Scalar", StringComparison.Ordinal)) return level == SimdLevel.Scalar;
        return true;
    }

    /// <summary><see cref="OnChosenPath(string, SimdLevel, Func{string, bool})"/> for a method of the engine.</summary>
    internal static bool OnChosenPath(MethodInfo method, SimdLevel level)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var names = method.DeclaringType!.GetMethods(all).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        return OnChosenPath(method.Name, level, names.Contains);
    }

    /// <summary>
    /// The closed forms of <paramref name="method"/> the engine runs: every combination of its own and its declaring
    /// type's generic parameters over <see cref="Candidates"/>. Returned as a handle plus the instantiation
    /// (declaring type's arguments, then the method's) that <see cref="RuntimeHelpers.PrepareMethod(RuntimeMethodHandle, RuntimeTypeHandle[])"/> takes.
    /// </summary>
    internal static IEnumerable<(RuntimeMethodHandle Handle, RuntimeTypeHandle[]? Instantiation, string Label)> Instantiations(MethodInfo method)
    {
        var typeParameters = method.DeclaringType!.IsGenericTypeDefinition ? method.DeclaringType.GetGenericArguments() : [];
        var methodParameters = method.IsGenericMethodDefinition ? method.GetGenericArguments() : [];
        var parameters = typeParameters.Concat(methodParameters).ToArray();
        if (parameters.Length == 0)
        {
            yield return (method.MethodHandle, null, Label(method, []));
            yield break;
        }
        foreach (var arguments in Combinations(parameters.Select(Candidates).ToArray()))
        {
            var handles = arguments.Select(a => a.TypeHandle).ToArray();
            yield return (method.MethodHandle, handles, Label(method, arguments));
        }
    }

    /// <summary>
    /// The types a generic parameter of a kernel is instantiated with: the engine's value types that satisfy its
    /// interface constraints (the flags Yes/No for <c>IFlag</c>, Real/Dual for <c>IScalar&lt;T&gt;</c>), or the element
    /// types double and float when it has none. An empty list means the parameter is of a kind the warm-up does not
    /// know: the method is then reported as failed.
    /// </summary>
    internal static Type[] Candidates(Type parameter)
    {
        var interfaces = parameter.GetGenericParameterConstraints().Where(c => c.IsInterface).ToArray();
        if (interfaces.Length == 0)
            return (parameter.GenericParameterAttributes & GenericParameterAttributes.ReferenceTypeConstraint) != 0 ? [] : ElementTypes;
        return typeof(EngineWarmUp).Assembly.GetTypes()
            .Where(t => t.IsValueType && !t.IsGenericTypeDefinition && interfaces.All(i => Satisfies(t, i, parameter)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Whether <paramref name="candidate"/> meets the interface constraint <paramref name="constraint"/> of
    /// <paramref name="parameter"/>; a constraint on the parameter itself (IScalar&lt;T&gt;) is read with T = the candidate.
    /// </summary>
    private static bool Satisfies(Type candidate, Type constraint, Type parameter)
    {
        if (!constraint.ContainsGenericParameters) return candidate.IsAssignableTo(constraint);
        var arguments = constraint.GetGenericArguments();
        if (!arguments.All(a => a == parameter)) return false; // constraints tying several parameters: not used by the engine
        var definition = constraint.GetGenericTypeDefinition();
        return candidate.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition
            && i.GetGenericArguments().All(a => a == candidate));
    }

    private static IEnumerable<Type[]> Combinations(Type[][] choices)
    {
        if (choices.Any(c => c.Length == 0))
        {
            yield return []; // PrepareMethod then refuses the open method, which reports it as failed
            yield break;
        }
        var index = new int[choices.Length];
        while (true)
        {
            yield return choices.Select((c, i) => c[index[i]]).ToArray();
            int k = choices.Length - 1;
            while (k >= 0 && ++index[k] == choices[k].Length) index[k--] = 0;
            if (k < 0) yield break;
        }
    }

    private static string Label(MethodInfo method, Type[] arguments) =>
        $"{method.DeclaringType!.Name}.{method.Name}" + (arguments.Length > 0 ? $"<{string.Join(", ", arguments.Select(a => a.Name))}>" : "");

    /// <summary>
    /// Tiny SGD runs through <see cref="CommitteeSgd.Run"/> in both precisions, on one thread: isotropic and power-law
    /// inputs (the two forms of the dot-product pass), K + M = 6 and 5 (the 4-, 2- and 1-row passes, both updates), and
    /// both Gaussian generators.
    /// </summary>
    private static void RunTinySgd()
    {
        const int n = 64;
        var sink = new CommitteeSgdSink();
        foreach (var precision in new[] { Precision.Double, Precision.Single })
            foreach (var (l, k, m, generator) in new[]
                     {
                         (1, 3, 3, GaussianGenerator.Ziggurat), (n, 3, 2, GaussianGenerator.Ziggurat), (n, 2, 2, GaussianGenerator.Ziggurat),
                         (n, 2, 2, GaussianGenerator.Wallace),
                     })
            {
                var options = new CommitteeSgdOptions
                {
                    Spectrum = PowerLawSpectra.Committee(n, l, 0.25),
                    K = k, M = m, Alpha = 0.5, AlphaMin = 0.25, Points = 2, Repeat = 1, ThrottleLimit = 1, Precision = precision,
                    Generator = generator,
                };
                CommitteeSgd.Run(options, aggregate: true, sink, progress: null, CancellationToken.None);
            }
    }

    /// <summary>A small committee ODE (L = 256, so its group sums run at full vector width) with the automatic method.</summary>
    private static void RunSmallOde()
    {
        var start = CommitteeOdeStart.Random(PowerLawSpectra.Committee(256, 256, 0.25), 2, 2, 0.01, seed: 1);
        CommitteeOde.Run(start, new CommitteeOdeSettings(), [1, 10], (_, _, _, _) => { }, progress: null, CancellationToken.None);
    }

    /// <summary>A small random-feature simulation (features, eigendecomposition, gradient-flow curve) on one seed.</summary>
    private static void RunSmallRandomFeature()
    {
        var settings = RandomFeatures.RandomFeatureSettings.PowerLaw(256, 1.5, 1.25, 128, 192);
        new RandomFeatures.RandomFeatureSimulator(settings).Run(1, [1, 100], CancellationToken.None);
    }
}
