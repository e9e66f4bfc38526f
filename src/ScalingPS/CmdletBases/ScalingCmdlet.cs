using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using ScalingPS.Core;

namespace ScalingPS.Infrastructure;

/// <summary>
/// Base of every ScalingPS cmdlet: one cancellation token per pipeline (cancelled by Ctrl+C through
/// <see cref="StopProcessing"/>), throttled progress with time left, engine work run off the pipeline
/// thread with its output marshalled back, and parameter errors turned into named, stable error records.
/// </summary>
public abstract class ScalingCmdlet : PSCmdlet, IDisposable
{
    private CancellationTokenSource? _cts;
    private int _progressId;
    private static int s_nextProgressId = 1;
    private static int s_engineCallsRunning;

    /// <summary>True while any cmdlet of the session runs engine work (the import-time warm-up waits for it to end).</summary>
    internal static bool EngineBusy => Volatile.Read(ref s_engineCallsRunning) > 0;

    protected CancellationToken Cancellation => _cts?.Token ?? CancellationToken.None;

    protected override void BeginProcessing()
    {
        _cts = new CancellationTokenSource();
        _progressId = Interlocked.Increment(ref s_nextProgressId);
    }

    protected override void StopProcessing() => _cts?.Cancel();

    protected override void ProcessRecord() => Guard(ProcessItem);

    protected override void EndProcessing() => Guard(EndItems);

    /// <summary>The cmdlet's work for one pipeline item; engine exceptions become named terminating errors.</summary>
    protected abstract void ProcessItem();

    /// <summary>Work after the last pipeline item (e.g. fitting what was collected); guarded like <see cref="ProcessItem"/>.</summary>
    protected virtual void EndItems() { }

    /// <summary>Runs a step, translating engine exceptions (once, here, for every cmdlet) into named error records.</summary>
    protected void Guard(Action step)
    {
        try
        {
            step();
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception ex) when (ex is not PipelineStoppedException && Errors.FromException(ex) is { } record)
        {
            ThrowTerminatingError(record);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a worker thread. Whatever it sends to the sink (objects, errors,
    /// progress) is written from this, the pipeline thread, as it arrives, so results stream.
    /// </summary>
    protected void RunEngine(string activity, Action<EngineSink> work)
    {
        Interlocked.Increment(ref s_engineCallsRunning);
        try { RunEngineCounted(activity, work); }
        finally { Interlocked.Decrement(ref s_engineCallsRunning); }
    }

    private void RunEngineCounted(string activity, Action<EngineSink> work)
    {
        using var queue = new BlockingCollection<Action>(boundedCapacity: 4096);
        var progress = new ProgressThrottle(this, _progressId, activity);
        var sink = new EngineSink(queue, progress, Cancellation);
        Exception? failure = null;
        var worker = Task.Run(() =>
        {
            try { work(sink); }
            catch (Exception ex) { failure = ex; }
            finally { queue.CompleteAdding(); }
        });
        try
        {
            // Poll rather than block, so that progress reaches the host even while the engine is between outputs.
            while (!queue.IsCompleted)
            {
                if (queue.TryTake(out var action, 100)) action();
                progress.Flush(false);
            }
        }
        catch
        {
            // The pipeline stopped early (e.g. Select-Object -First) or an action failed: stop the engine too
            // instead of waiting for it to finish work nobody will read.
            _cts?.Cancel();
            throw;
        }
        finally
        {
            worker.Wait();
            progress.Complete();
        }
        if (failure is not null)
        {
            // Parallel loops (one iteration per seed) wrap what each iteration threw; every seed refuses the same bad
            // input, so the first named exception stands for all of them.
            if (failure is AggregateException agg)
            {
                var inner = agg.Flatten().InnerExceptions;
                failure = inner.FirstOrDefault(e => e is OperationCanceledException)
                    ?? inner.FirstOrDefault(e => Errors.FromException(e) is not null)
                    ?? (inner.Count == 1 ? inner[0] : failure);
            }
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> here, on the pipeline thread, for work that must stay on it (e.g. it invokes a
    /// user's script block), with the same throttled progress (percent and time left) as <see cref="RunEngine"/>.
    /// </summary>
    protected void RunOnPipelineThread(string activity, Action<IProgress<EngineProgress>> work)
    {
        var progress = new ProgressThrottle(this, _progressId, activity);
        try { work(new PipelineThreadProgress(progress)); }
        finally { progress.Complete(); }
    }

    /// <summary>Progress reported on the pipeline thread itself: nothing else would flush it, so each report may.</summary>
    private sealed class PipelineThreadProgress(ProgressThrottle throttle) : IProgress<EngineProgress>
    {
        public void Report(EngineProgress value)
        {
            throttle.Set(value);
            throttle.Flush(false);
        }
    }

    public void Dispose()
    {
        _cts?.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>What engine code running on a worker thread may send back to the pipeline.</summary>
public sealed class EngineSink : IProgress<EngineProgress>
{
    private readonly BlockingCollection<Action> _queue;
    private readonly ProgressThrottle _progress;

    internal EngineSink(BlockingCollection<Action> queue, ProgressThrottle progress, CancellationToken cancellation)
    {
        _queue = queue;
        _progress = progress;
        Cancellation = cancellation;
    }

    public CancellationToken Cancellation { get; }

    /// <summary>Queue an action to run on the pipeline thread (WriteObject, WriteError, WriteVerbose…).</summary>
    public void Post(Action action)
    {
        try { _queue.Add(action, Cancellation); }
        catch (InvalidOperationException) { /* pipeline closed */ }
    }

    public void Report(EngineProgress value) => _progress.Set(value);
}

/// <summary>
/// Rate-limits WriteProgress (at most every 250 ms) and derives percent and seconds remaining from the
/// fraction done and the elapsed time.
/// </summary>
internal sealed class ProgressThrottle
{
    private readonly Cmdlet _cmdlet;
    private readonly int _id;
    private readonly string _activity;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private EngineProgress? _latest;
    private long _lastWriteMs = -1000;
    private bool _written;

    public ProgressThrottle(Cmdlet cmdlet, int id, string activity)
    {
        _cmdlet = cmdlet;
        _id = id;
        _activity = activity;
    }

    public void Set(EngineProgress p)
    {
        lock (_gate) _latest = p;
    }

    /// <summary>Called on the pipeline thread only.</summary>
    public void Flush(bool force)
    {
        EngineProgress? p;
        long now = _clock.ElapsedMilliseconds;
        lock (_gate)
        {
            p = _latest;
            if (p is null || (!force && now - _lastWriteMs < 250)) return;
            _latest = null;
        }
        _lastWriteMs = now;
        // A first report waits half a second so that quick runs leave no progress bar.
        if (!_written && now < 500 && !force) return;
        double f = Math.Clamp(p.Value.Fraction, 0, 1);
        var record = new ProgressRecord(_id, _activity, string.IsNullOrEmpty(p.Value.Status) ? "running" : p.Value.Status)
        {
            PercentComplete = (int)Math.Floor(100 * f),
            // Any progress at all gives an estimate (a long run's first report is often well below 0.1 %);
            // capped so that a near-zero fraction cannot overflow the int.
            SecondsRemaining = f > 0 ? (int)Math.Min(int.MaxValue, Math.Ceiling(now / 1000.0 * (1 - f) / f)) : -1,
        };
        _cmdlet.WriteProgress(record);
        _written = true;
    }

    public void Complete()
    {
        if (!_written) return;
        _cmdlet.WriteProgress(new ProgressRecord(_id, _activity, "done") { RecordType = ProgressRecordType.Completed });
    }
}
