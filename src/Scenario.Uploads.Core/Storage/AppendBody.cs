using System.Buffers;
using System.IO.Pipelines;

namespace Scenario.Uploads.Storage;

/// <summary>
/// An append's body as every store reads it: each read's bytes handed over as they come (so a body that breaks next
/// loses none of them), at most <c>maxBytes</c> in all, and the reason the body ended early. A stop (the append's
/// hold lost) wakes the pending read with the bytes that arrived, where cancelling it would throw them away; a read
/// woken otherwise (Kestrel wakes every read when a graceful shutdown begins) is not a stop, and reading goes on.
/// </summary>
public sealed class AppendBody : IDisposable
{
    private readonly PipeReader _body;
    private readonly long _maxBytes;
    private readonly CancellationToken _stop;
    private readonly CancellationTokenRegistration _wake;
    private SequencePosition? _handedOut;
    private bool _ended;

    public AppendBody(PipeReader body, long maxBytes, CancellationToken stop)
    {
        (_body, _maxBytes, _stop) = (body, maxBytes, stop);
        _wake = stop.Register(static reader => ((PipeReader)reader!).CancelPendingRead(), body);
    }

    /// <summary>How many bytes were handed over.</summary>
    public long Read { get; private set; }

    /// <summary>Why the body ended before its end (it broke, stalled, or the append was stopped); null when it ended whole.</summary>
    public Exception? Error { get; private set; }

    /// <summary>
    /// The next bytes (possibly none, after a wake-up that was no stop), or null once the body ended, broke, was
    /// stopped, or gave <c>maxBytes</c>. The caller gives them back with <see cref="Consumed"/>, whatever happens.
    /// </summary>
    public async ValueTask<ReadOnlySequence<byte>?> NextAsync()
    {
        if (_ended || Read >= _maxBytes)
        {
            return null;
        }
        ReadResult result;
        try
        {
            result = await _body.ReadAsync(CancellationToken.None);
        }
        // Whatever ends the body (the client gone, its idle timeout, a bad chunk) keeps what was handed over before.
        catch (Exception e)
        {
            (Error, _ended) = (e, true);
            return null;
        }
        var bytes = result.Buffer.Slice(0, Math.Min(result.Buffer.Length, _maxBytes - Read));
        _ended = result.IsCompleted && bytes.Length == result.Buffer.Length;
        if (result.IsCanceled && _stop.IsCancellationRequested)
        {
            (Error, _ended) = (new OperationCanceledException(_stop), true);
        }
        _handedOut = bytes.End;
        Read += bytes.Length;
        return bytes;
    }

    /// <summary>The bytes <see cref="NextAsync"/> gave are used (or their write failed): the body may reuse its buffers.</summary>
    public void Consumed()
    {
        if (_handedOut is { } end)
        {
            _body.AdvanceTo(end);
            _handedOut = null;
        }
    }

    public void Dispose() => _wake.Dispose();
}
