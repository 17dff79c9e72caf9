using System.IO.Pipelines;

namespace Scenario.Uploads.Server.Http;

/// <summary>
/// A request body that fails with <see cref="BodyStalledException"/> when no byte arrives for
/// <c>idleTimeout</c>. Kestrel's minimum data rate cuts off a trickle only once its average falls under
/// 240 B/s; a client that sent its headers and then stopped would otherwise hold its part (and a slot of
/// its owner's) until the connection dies.
/// </summary>
/// <remarks>
/// A read for at least N bytes still waits inside the pipe, with no wake-up per arrival (hundreds of slow
/// clients trickling bytes cost nothing). Only when the idle time passes is the read woken: if bytes came
/// meanwhile they are handed over as a shorter read, and the wait starts again; if none did, the body
/// stalled. Readers of it must treat a cancelled read as "go on reading" (a timer that fires just after a
/// read completed leaves its wake-up for the next one).
/// </remarks>
public sealed class IdleTimeoutPipeReader(PipeReader inner, TimeSpan idleTimeout, TimeProvider time) : PipeReader, IDisposable
{
    private readonly object _gate = new();
    private ITimer? _timer;
    private bool _fired;
    private bool _pending;
    private DateTimeOffset _deadline;

    protected override async ValueTask<ReadResult> ReadAtLeastAsyncCore(int minimumSize, CancellationToken cancellationToken) =>
        Settle(await Watched(inner.ReadAtLeastAsync(minimumSize, cancellationToken)));

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) =>
        Settle(await Watched(inner.ReadAsync(cancellationToken)));

    public override bool TryRead(out ReadResult result) => inner.TryRead(out result);

    public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public void Dispose() => _timer?.Dispose();

    private ValueTask<ReadResult> Watched(ValueTask<ReadResult> read)
    {
        if (!read.IsCompleted)
        {
            lock (_gate)
            {
                _fired = false;
                _pending = true;
                _deadline = time.GetUtcNow() + idleTimeout;
                _timer ??= time.CreateTimer(static state => ((IdleTimeoutPipeReader)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _timer.Change(idleTimeout, Timeout.InfiniteTimeSpan);
            }
        }
        return read;
    }

    private void Fire()
    {
        lock (_gate)
        {
            // A late callback of an earlier wait (its read finished meanwhile) must not wake this one.
            if (!_pending || time.GetUtcNow() + (idleTimeout / 10) < _deadline)
            {
                return;
            }
            _fired = true;
        }
        inner.CancelPendingRead();
    }

    /// <summary>
    /// Our timer woke the read: with bytes, it is a short read like any other (its reader goes on, since a
    /// cancelled read is not the end of a body); with none, the body stalled.
    /// </summary>
    private ReadResult Settle(ReadResult result)
    {
        bool fired;
        lock (_gate)
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            (fired, _fired, _pending) = (_fired, false, false);
        }
        return fired && result.IsCanceled && result.Buffer.IsEmpty && !result.IsCompleted
            ? throw new BodyStalledException(idleTimeout)
            : result;
    }
}

/// <summary>The client sent no byte of the body for the idle timeout.</summary>
public sealed class BodyStalledException(TimeSpan idleTimeout)
    : IOException($"No bytes arrived for {idleTimeout.TotalSeconds:0} s.")
{
    public TimeSpan IdleTimeout { get; } = idleTimeout;
}
