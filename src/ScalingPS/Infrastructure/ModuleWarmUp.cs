using System.Management.Automation;
using ScalingPS.Commands;
using ScalingPS.Core;

namespace ScalingPS.Infrastructure;

/// <summary>
/// Starts the engine's warm-up (<see cref="EngineWarmUp"/>) on a background thread when the module is imported, so
/// that a first call in a fresh session finds its hot loops compiled, and import itself does not wait.
/// <para>
/// Order: the engine first (the SGD kernels lead), then PowerShell's parameter metadata of every cmdlet (built by
/// reflection on a cmdlet's first call and cached for the session; last, because a call made right after import builds
/// its own at once and would only race the warm-up for it). A call made while the warm-up runs gives the same
/// numbers; it only compiles what it reaches first itself, and the warm-up waits while any cmdlet runs engine work,
/// so that it never takes a core from a running call. Setting the environment variable
/// SCALINGPS_WARMUP to 0 or Off before import skips the warm-up (for batch jobs that want no extra thread).
/// SCALINGPS_WARMUP_PAUSE_MS, for tests only, pauses that long between methods so that a test can call the module
/// while the warm-up is certainly still running.
/// </para>
/// </summary>
public sealed class ModuleWarmUp : IModuleAssemblyInitializer
{
    private static readonly object Gate = new();

    /// <summary>
    /// The warm-up starts this long after PowerShell calls <see cref="OnImport"/>, so that it does not compete with the
    /// rest of the import (formats, exports) on a small machine. Measured without it: import 70–120 ms slower (wall).
    /// </summary>
    private const int StartDelayMs = 200;
    private static Task<WarmUpReport?>? _completion;

    /// <summary>The warm-up of this session: its report when done; null when it was switched off. Not started before import.</summary>
    public static Task<WarmUpReport?> Completion => _completion ?? Task.FromResult<WarmUpReport?>(null);

    public void OnImport() => Start();

    /// <summary>Starts the warm-up once per session (Import-Module -Force does not start it again).</summary>
    internal static void Start()
    {
        lock (Gate)
        {
            if (_completion is not null) return;
            string? setting = Environment.GetEnvironmentVariable("SCALINGPS_WARMUP");
            if (setting is not null && (setting.Trim() == "0" || setting.Trim().Equals("Off", StringComparison.OrdinalIgnoreCase)))
            {
                _completion = Task.FromResult<WarmUpReport?>(null);
                return;
            }
            int pauseMs = int.TryParse(Environment.GetEnvironmentVariable("SCALINGPS_WARMUP_PAUSE_MS"), out int p) ? Math.Clamp(p, 0, 10_000) : 0;
            var done = new TaskCompletionSource<WarmUpReport?>(TaskCreationOptions.RunContinuationsAsynchronously);
            // A thread of its own, not the thread pool's: the engine's seeds run on pool threads, and a first call made
            // during the warm-up should not find one of them taken.
            var thread = new Thread(() => Run(done, pauseMs)) { IsBackground = true, Name = "ScalingPS warm-up", Priority = ThreadPriority.BelowNormal };
            _completion = done.Task;
            thread.Start();
        }
    }

    private static void Run(TaskCompletionSource<WarmUpReport?> done, int pauseMs)
    {
        try
        {
            Thread.Sleep(StartDelayMs);
            Action? pause = pauseMs > 0 ? () => Thread.Sleep(pauseMs) : null;
            var report = EngineWarmUp.Run(pause, () => ScalingCmdlet.EngineBusy);
            PrepareMetadata(typeof(InvokeCommitteeSgdCommand));
            foreach (var type in typeof(ModuleWarmUp).Assembly.GetTypes())
                if (type != typeof(InvokeCommitteeSgdCommand) && !type.IsAbstract && type.IsSubclassOf(typeof(PSCmdlet)))
                    PrepareMetadata(type);
            done.SetResult(report);
        }
        catch (Exception ex)
        {
            // Nothing a warm-up does is needed for correctness; a failure only leaves the first call slower. It is kept
            // for tests (Completion), never thrown into the session.
            done.SetException(ex);
        }
    }

    /// <summary>Builds and caches PowerShell's parameter metadata of a cmdlet type, as its first invocation would.</summary>
    private static void PrepareMetadata(Type cmdlet) => _ = new CommandMetadata(cmdlet);
}
