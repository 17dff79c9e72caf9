using System.Buffers;
using System.IO.Hashing;
using Scenario.Uploads.Model;
using Scenario.Uploads.Server.Telemetry;
using Scenario.Uploads.Storage;
using Scenario.Uploads.Validation;

namespace Scenario.Uploads.Server.Hashing;

/// <summary>
/// The SHA-256 of one upload, computed while its parts arrive. It follows the contiguous prefix of bytes
/// written so far (every part before the one it is in fully written, and that part as far as its writer
/// has got) and reads them back from the file, in the page cache still, as soon as they are there; so when
/// the parts come roughly in order, as the SDK and the CLI send them, only the last few are left to hash
/// once the upload completes.
/// <para>
/// Beside the SHA-256 it takes each part's XXH128 of the very bytes it hashed: at the end these must equal
/// the parts' recorded ETags (the XXH128 of what the service stored), or the hash steps back to the first
/// part that differs. A part sent again is also noticed as its write starts (the hash steps back to that
/// part's start at once), but the ETag check is what makes the result right whatever happened meanwhile:
/// a write by another instance, a restart, a checkpoint from before a part changed.
/// </para>
/// </summary>
internal sealed class ReceivedHasher : IDisposable
{
    // Large reads: one thread-pool hop and one pread per 4 MiB (a copy out of the page cache).
    private const int ReadSize = 4 * 1024 * 1024;

    /// <summary>Hashed bytes between two saved checkpoints (at part boundaries): a small file written each time.</summary>
    private const long CheckpointEvery = 64L * 1024 * 1024;

    private readonly IBlobStore _blobs;
    private readonly string _storageKey;
    private readonly string _checkpointPath;
    private readonly PartPlan _plan;
    private readonly UploadsMetrics _metrics;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();

    // Guarded by _lock. Part numbers are 1-based, as everywhere.
    private readonly long[] _written;            // bytes from a part's start that its current writer has put in the file
    private readonly bool[] _whole;              // the part is in the file in full (its last write ended so)
    private readonly Dictionary<int, byte[]> _startStates = []; // the SHA-256 state at the start of part n (n ≥ 2; part 1 starts fresh)
    private readonly List<byte[]> _digests = []; // XXH128 of parts 1.._digests.Count, as hashed
    private Sha256State _state;
    private int _part = 1;                       // the part the hash is in
    private long _inPart;                        // bytes of _part hashed
    private int _epoch;                          // bumped when the hash steps back: a read in flight is dropped
    private long _savedAt;
    private Task? _loop;
    private Exception? _failure;
    private volatile bool _finishing;                  // complete came: what is hashed now is waited for

    public ReceivedHasher(IBlobStore blobs, string storageKey, PartPlan plan, string checkpointPath, UploadsMetrics metrics)
    {
        (_blobs, _storageKey, _plan, _checkpointPath, _metrics) = (blobs, storageKey, plan, checkpointPath, metrics);
        _written = new long[plan.PartsCount + 1];
        _whole = new bool[plan.PartsCount + 1];
        _state = Sha256State.Start();
        if (HashCheckpoint.Load(checkpointPath) is { } saved && saved.Parts <= plan.PartsCount)
        {
            _state = Sha256State.Import(saved.State);
            _digests.AddRange(saved.PartDigests);
            _part = saved.Parts + 1;
            _savedAt = OffsetOf(_part);
            if (_part <= plan.PartsCount)
            {
                _startStates[_part] = saved.State;
            }
        }
    }

    public PartPlan Plan => _plan;

    /// <summary>The hash stopped on an error: this hasher is done with, a fresh one takes over.</summary>
    public bool Failed
    {
        get
        {
            lock (_lock)
            {
                return _failure is not null;
            }
        }
    }

    /// <summary>Where the hash has got to (bytes from the file's start).</summary>
    public long Position
    {
        get
        {
            lock (_lock)
            {
                return OffsetOf(_part) + _inPart;
            }
        }
    }

    /// <summary>A writer is about to write part <paramref name="number"/> (again, perhaps): what the hash took of it is void.</summary>
    public void PartStarting(int number)
    {
        lock (_lock)
        {
            _written[number] = 0;
            _whole[number] = false;
            if (_part >= number)
            {
                StepBackTo(number);
            }
        }
    }

    /// <summary>Part <paramref name="number"/>'s writer has put its first <paramref name="bytes"/> bytes in the file.</summary>
    public void PartWritten(int number, long bytes)
    {
        lock (_lock)
        {
            _written[number] = bytes;
        }
        Wake();
    }

    /// <summary>Part <paramref name="number"/>'s write ended, with the whole part in the file or not.</summary>
    public void PartEnded(int number, bool whole)
    {
        lock (_lock)
        {
            _whole[number] = whole;
        }
        Wake();
    }

    /// <summary>
    /// The SHA-256 of the whole file once every part is in and its ETag known: the hash is taken to the end
    /// (from a saved checkpoint after a restart), each part's XXH128 checked against its ETag, and any part
    /// that differs hashed again.
    /// </summary>
    public async Task<string> FinishAsync(IReadOnlyList<PartRecord> parts, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var etags = new Dictionary<int, string>(parts.Count);
        foreach (var part in parts)
        {
            etags[part.Number] = part.ETag;
        }
        lock (_lock)
        {
            // Completed: every part is in the file, whoever wrote it.
            Array.Fill(_whole, true);
            _finishing = true;
        }
        Wake();
        while (true)
        {
            if (!EnsureRunning())
            {
                throw new InvalidOperationException("The SHA-256 of the parts received stopped on an error.", _failure);
            }
            var loop = _loop!;
            using (cancellationToken.Register(() => _stop.Cancel()))
            {
                await ReportWhileRunningAsync(loop, progress, cancellationToken);
            }
            await loop;
            if (_stop.IsCancellationRequested)
            {
                throw new OperationCanceledException("The SHA-256 of the parts received was stopped.", cancellationToken);
            }
            lock (_lock)
            {
                var differs = FirstDifferingPart(etags);
                if (differs is null)
                {
                    return _state.ToHex();
                }
                StepBackTo(differs.Value);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _wake.Release();
    }

    /// <summary>
    /// Stops, and deletes the saved checkpoint: the upload is done with, one way or the other. Completes once the
    /// hash has let go of the file (whatever its own outcome), so that deleting the file frees its space at once.
    /// </summary>
    public Task ForgetAsync()
    {
        Dispose();
        try
        {
            File.Delete(_checkpointPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A few hundred bytes left behind; nothing reads them once the upload is gone.
        }
        Task? loop;
        lock (_lock)
        {
            loop = _loop;
        }
        return loop is null ? Task.CompletedTask : loop.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>
    /// Starts following the parts (the first write, or a finish after a restart starts it); false when this
    /// hasher stopped on an error and must be replaced.
    /// </summary>
    public bool EnsureRunning()
    {
        lock (_lock)
        {
            if (_failure is not null)
            {
                return false;
            }
            if (_loop is null || _loop.IsCompleted)
            {
                _loop = Task.Run(RunAsync);
            }
            return true;
        }
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    private async Task ReportWhileRunningAsync(Task loop, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var size = Math.Max(1, _plan.FileSize);
        while (!loop.IsCompleted)
        {
            progress.Report((double)Position / size);
            await Task.WhenAny(loop, Task.Delay(200, cancellationToken));
        }
        cancellationToken.ThrowIfCancellationRequested();
        progress.Report(1);
    }

    /// <summary>Runs until the hash reaches the file's end, or stops; sleeps while nothing new is written.</summary>
    private async Task RunAsync()
    {
        byte[]? buffer = null;
        IRandomAccessContent? content = null;
        try
        {
            var xxh = new XxHash128();
            var xxhFor = (Part: 0, Epoch: -1);
            while (!_stop.IsCancellationRequested)
            {
                int part, epoch, want;
                long at;
                Sha256State state;
                lock (_lock)
                {
                    if (_part > _plan.PartsCount)
                    {
                        return;
                    }
                    (part, epoch, state, at) = (_part, _epoch, _state, _inPart);
                    var available = (_whole[part] ? _plan.SizeOf(part) : _written[part]) - at;
                    want = (int)Math.Min(ReadSize, available);
                }
                if (want <= 0 && _plan.SizeOf(part) > 0)
                {
                    // Nothing new: hold neither the file nor a buffer while waiting (an upload may pause for
                    // hours, and thousands of small ones may be pending at once).
                    await ReleaseAsync(content, buffer);
                    (content, buffer) = (null, null);
                    await _wake.WaitAsync(_stop.Token);
                    continue;
                }
                if (xxhFor != (part, epoch) || at == 0)
                {
                    xxh.Reset();
                    xxhFor = (part, epoch);
                }
                var read = 0;
                if (want > 0)
                {
                    // Only now: an empty file's one part may have no file yet, and needs none.
                    content ??= await _blobs.OpenReadAsync(_storageKey, _stop.Token);
                    buffer ??= ArrayPool<byte>.Shared.Rent((int)Math.Min(ReadSize, _plan.PartSize));
                }
                while (read < want)
                {
                    var n = await content!.ReadAtAsync(OffsetOf(part) + at + read, buffer!.AsMemory(read, want - read), _stop.Token);
                    if (n == 0)
                    {
                        break;
                    }
                    read += n;
                }
                if (read < want)
                {
                    if (_finishing)
                    {
                        throw new IOException($"The stored file ends inside part {part}, which the upload's plan says is whole.");
                    }
                    // Shorter than its writer said: it is being written again (by another instance, or after
                    // a failure). Wait for the next report rather than hash a hole.
                    await _wake.WaitAsync(_stop.Token);
                    continue;
                }
                var bytes = buffer.AsSpan(0, read);
                state.Append(bytes);
                xxh.Append(bytes);
                _metrics.Hashed(_finishing ? UploadsMetrics.AtValidation : UploadsMetrics.WhileReceiving, read);
                HashCheckpoint? checkpoint = null;
                lock (_lock)
                {
                    if (_epoch != epoch)
                    {
                        // The hash stepped back meanwhile: these bytes belonged to the state it left.
                        continue;
                    }
                    _inPart += read;
                    if (_inPart == _plan.SizeOf(part))
                    {
                        _digests.Add(xxh.GetHashAndReset());
                        xxhFor = (0, -1);
                        _part++;
                        _inPart = 0;
                        var end = OffsetOf(_part);
                        if (_part <= _plan.PartsCount)
                        {
                            _startStates[_part] = _state.Export();
                            if (end - _savedAt >= CheckpointEvery)
                            {
                                checkpoint = new HashCheckpoint(_digests.Count, _startStates[_part], [.. _digests]);
                                _savedAt = end;
                            }
                        }
                    }
                }
                SaveQuietly(checkpoint);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            lock (_lock)
            {
                _failure = e;
            }
            throw;
        }
        finally
        {
            await ReleaseAsync(content, buffer);
        }
    }

    /// <summary>A checkpoint only saves re-reading after a restart: one that cannot be written (a full disk) is skipped.</summary>
    private void SaveQuietly(HashCheckpoint? checkpoint)
    {
        try
        {
            if (!_stop.IsCancellationRequested)
            {
                checkpoint?.Save(_checkpointPath);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static async ValueTask ReleaseAsync(IRandomAccessContent? content, byte[]? buffer)
    {
        if (content is not null)
        {
            await content.DisposeAsync();
        }
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Under the lock: the hash goes back to the start of part <paramref name="number"/>.</summary>
    private void StepBackTo(int number)
    {
        _epoch++;
        if (number == 1 || !_startStates.TryGetValue(number, out var start))
        {
            // No state kept at that boundary (it was passed before a restart): from the file's start.
            number = 1;
            _state = Sha256State.Start();
        }
        else
        {
            _state = Sha256State.Import(start);
        }
        _part = number;
        _inPart = 0;
        _digests.RemoveRange(number - 1, _digests.Count - (number - 1));
        _savedAt = Math.Min(_savedAt, OffsetOf(number));
    }

    /// <summary>Under the lock: the first hashed part whose XXH128 is not its recorded ETag, if any.</summary>
    private int? FirstDifferingPart(IReadOnlyDictionary<int, string> etags)
    {
        for (var i = 0; i < _digests.Count; i++)
        {
            if (!etags.TryGetValue(i + 1, out var etag) || etag != ServicePartETag.FromXxh128(_digests[i]))
            {
                return i + 1;
            }
        }
        return _digests.Count == _plan.PartsCount ? null : _digests.Count + 1;
    }

    private long OffsetOf(int number) => number > _plan.PartsCount ? _plan.FileSize : _plan.OffsetOf(number);
}
