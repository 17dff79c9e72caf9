namespace Scenario.Transfers;

/// <summary>
/// Adds up bytes in place and ranges done. Bytes are counted once each (a retry asks only for the rest of its
/// range), so the count never goes down; reports are delivered in order, as the upload's tracker does.
/// </summary>
internal sealed class DownloadTracker(string entityId, IProgress<DownloadProgress>? progress)
{
    private readonly Lock _lock = new();
    private readonly Lock _delivery = new();
    private DownloadPhase _phase = DownloadPhase.Resolving;
    private string? _path;
    private long _received;
    private long _total;
    private int _chunksDone;
    private int _chunksTotal;
    private long _sequence;
    private long _delivered;

    public void Start(long total, int chunksTotal, long keptBytes, int keptChunks) => Update(() =>
    {
        (_total, _chunksTotal, _received, _chunksDone, _phase) = (total, chunksTotal, keptBytes, keptChunks, DownloadPhase.Downloading);
    });

    public void SetPath(string path) => Update(() => _path = path);

    public void SetPhase(DownloadPhase phase) => Update(() => _phase = phase);

    public void Received(int bytes) => Update(() => _received += bytes);

    public void ChunkDone() => Update(() => _chunksDone++);

    private void Update(Action change)
    {
        DownloadProgress report;
        long sequence;
        lock (_lock)
        {
            change();
            report = new DownloadProgress(entityId, _path, _phase, Math.Min(_received, _total), _total, _chunksDone, _chunksTotal);
            sequence = ++_sequence;
        }
        // Ranges report from several threads; the caller's code runs outside the state lock, in order.
        lock (_delivery)
        {
            if (sequence > _delivered)
            {
                _delivered = sequence;
                progress?.Report(report);
            }
        }
    }
}
