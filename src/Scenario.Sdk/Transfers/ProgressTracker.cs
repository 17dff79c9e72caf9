using System.Diagnostics;

namespace Scenario.Transfers;

/// <summary>
/// Adds up bytes of parts in flight and done. A part that fails gives its bytes back, but the
/// reported count never goes down: it holds until the retry has caught up again. Reads arrive per buffer
/// (1,024 a GiB at the default 1 MiB; 8,192 at 128 KiB), far more than a display can use: byte counts are passed on at most once per interval,
/// a change of phase always.
/// </summary>
internal sealed class ProgressTracker
{
    private readonly IProgress<UploadProgress>? _progress;
    private readonly long _interval;
    private readonly Lock _lock = new();
    private readonly Lock _delivery = new();
    private readonly Dictionary<int, long> _inFlight = [];
    private string? _uploadId;
    private UploadPhase _phase = UploadPhase.Creating;
    private long _total;
    private long _doneBytes;
    private long _inFlightBytes;
    private long _reported;
    private int _partsTotal;
    private int _partsDone;
    private long _sequence;
    private long _delivered;
    private int _partsHeld;
    private long _bytesHeld;
    private UploadPhase? _lastPhase;
    private long _lastTime;

    public ProgressTracker(IProgress<UploadProgress>? progress, TimeSpan interval)
    {
        _progress = progress;
        _interval = (long)(interval.TotalSeconds * Stopwatch.Frequency);
    }

    public void Start(string uploadId, long total, int partsTotal) => Update(() =>
    {
        (_uploadId, _total, _partsTotal, _phase) = (uploadId, total, partsTotal, UploadPhase.Uploading);
    });

    public void SetPhase(UploadPhase phase) => Update(() => _phase = phase);

    public void Read(int partNumber, int bytes) => Update(() =>
    {
        _inFlight[partNumber] = _inFlight.GetValueOrDefault(partNumber) + bytes;
        _inFlightBytes += bytes;
    });

    public void PartFailed(int partNumber) => Update(() => _inFlightBytes -= TakeInFlight(partNumber));

    public void PartDone(int partNumber, long size) => Update(() =>
    {
        _inFlightBytes -= TakeInFlight(partNumber);
        _doneBytes += size;
        _partsDone++;
    });

    /// <summary>A part the service already holds (a resume): done, but not sent by this run.</summary>
    public void PartHeld(long size) => Update(() =>
    {
        _doneBytes += size;
        _bytesHeld += size;
        _partsDone++;
        _partsHeld++;
    });

    private long TakeInFlight(int partNumber) => _inFlight.Remove(partNumber, out var bytes) ? bytes : 0;

    private void Update(Action change)
    {
        UploadProgress report;
        long sequence;
        lock (_lock)
        {
            change();
            _reported = Math.Min(_total, Math.Max(_reported, _doneBytes + _inFlightBytes));
            var now = Stopwatch.GetTimestamp();
            if (_progress is null || (_phase == _lastPhase && now - _lastTime < _interval))
            {
                return;
            }
            (_lastPhase, _lastTime) = (_phase, now);
            report = new UploadProgress(_uploadId, _phase, _reported, _total, _partsDone, _partsTotal)
            {
                PartsHeld = _partsHeld,
                BytesHeld = _bytesHeld,
            };
            sequence = ++_sequence;
        }
        // Parts report from several threads: a report made earlier can reach this point later. Deliver in
        // order and drop any report older than one already delivered, so the caller never sees progress go
        // back; the last report, being the newest, is always delivered. The caller's code runs outside the
        // state lock, so a slow callback does not hold up the parts' reads.
        lock (_delivery)
        {
            if (sequence > _delivered)
            {
                _delivered = sequence;
                _progress?.Report(report);
            }
        }
    }
}
