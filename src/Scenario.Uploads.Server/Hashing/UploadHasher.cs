using Scenario.Uploads.Model;
using Scenario.Uploads.Server.Telemetry;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Hashing;

/// <summary>
/// The SHA-256 of one upload, computed while its parts arrive. It follows the contiguous prefix of bytes
/// written so far (<see cref="WrittenPrefix"/>) and reads them back from the file (<see cref="FileHasher"/>)
/// as soon as they are there; so when the parts come roughly in order, as the SDK and the CLI send them,
/// only the last few are left to hash once the upload completes.
/// <para>
/// Beside the SHA-256 it takes each part's XXH128 of the very bytes it hashed (<see cref="HashedParts"/>):
/// at the end these must equal the parts' recorded ETags (the XXH128 of what the service stored), or the
/// hash steps back to the first part that differs. A part sent again is also noticed as its write starts
/// (the hash steps back to that part's start at once), but the ETag check is what makes the result right
/// whatever happened meanwhile: a write by another instance, a restart, a checkpoint from before a part changed.
/// </para>
/// </summary>
internal sealed class UploadHasher : IDisposable
{
    private readonly IBlobStore _blobs;
    private readonly string _uploadId;
    private readonly string _storageKey;
    private readonly PartPlan _plan;
    private readonly CheckpointStore _checkpoints;
    private readonly UploadsMetrics _metrics;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();

    // Guarded by _lock.
    private readonly WrittenPrefix _prefix;
    private readonly HashedParts _hashed;
    private Task? _loop;
    private Exception? _failure;
    private volatile bool _finishing; // complete came: what is hashed now is waited for

    public UploadHasher(IBlobStore blobs, string uploadId, string storageKey, PartPlan plan, CheckpointStore checkpoints, UploadsMetrics metrics)
    {
        (_blobs, _uploadId, _storageKey, _plan, _checkpoints, _metrics) = (blobs, uploadId, storageKey, plan, checkpoints, metrics);
        _hashed = new HashedParts(plan, checkpoints.Load(uploadId));
        _prefix = new WrittenPrefix(plan, _hashed.Count + 1);
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
                return _prefix.Position;
            }
        }
    }

    /// <summary>A writer is about to write part <paramref name="number"/> (again, perhaps): what the hash took of it is void.</summary>
    public void PartStarting(int number)
    {
        lock (_lock)
        {
            if (_prefix.Starting(number))
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
            _prefix.Written(number, bytes);
        }
        Wake();
    }

    /// <summary>Part <paramref name="number"/>'s write ended, with the whole part in the file or not.</summary>
    public void PartEnded(int number, bool whole)
    {
        lock (_lock)
        {
            _prefix.Ended(number, whole);
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
        var etags = ETagsOf(parts);
        lock (_lock)
        {
            _prefix.AllWhole();
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
                await HashProgress.ReportWhileRunningAsync(loop, () => Position, _plan.FileSize, progress, cancellationToken);
            }
            await loop;
            if (_stop.IsCancellationRequested)
            {
                throw new OperationCanceledException("The SHA-256 of the parts received was stopped.", cancellationToken);
            }
            lock (_lock)
            {
                if (_hashed.FirstDifferingPart(etags) is not { } differs)
                {
                    return _hashed.State.ToHex();
                }
                StepBackTo(differs);
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
        _checkpoints.DeleteQuietly(_uploadId);
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

    /// <summary>Runs until the hash reaches the file's end, or stops; sleeps while nothing new is written.</summary>
    private async Task RunAsync()
    {
        await using var file = new FileHasher(_blobs, _storageKey, _plan.PartSize);
        try
        {
            while (!_stop.IsCancellationRequested && await HashNextAsync(file))
            {
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
    }

    /// <summary>Hashes the next stretch written, or waits for one; false once the hash is at the file's end.</summary>
    private async Task<bool> HashNextAsync(FileHasher file)
    {
        PrefixRead? next;
        Sha256State state;
        lock (_lock)
        {
            if (_prefix.AtEnd)
            {
                return false;
            }
            (next, state) = (_prefix.Next(FileHasher.ReadSize), _hashed.State);
        }
        if (next is not { } read)
        {
            // Nothing new: hold neither the file nor a buffer while waiting.
            await file.ReleaseAsync();
            await _wake.WaitAsync(_stop.Token);
            return true;
        }
        if (!await file.HashAsync(read, state, _stop.Token))
        {
            if (_finishing)
            {
                throw new IOException($"The stored file ends inside part {read.Part}, which the upload's plan says is whole.");
            }
            // Shorter than its writer said: it is being written again (by another instance, or after
            // a failure). Wait for the next report rather than hash a hole.
            await _wake.WaitAsync(_stop.Token);
            return true;
        }
        _metrics.Hashed(_finishing ? UploadsMetrics.AtValidation : UploadsMetrics.WhileReceiving, read.Length);
        if (Advance(read, file) is { } checkpoint && !_stop.IsCancellationRequested)
        {
            _checkpoints.SaveQuietly(_uploadId, checkpoint);
        }
        return true;
    }

    /// <summary>Moves the hash past <paramref name="read"/>; at a part's end, the checkpoint to save if one is due.</summary>
    private HashCheckpoint? Advance(PrefixRead read, FileHasher file)
    {
        lock (_lock)
        {
            return _prefix.Advance(read) == PrefixAdvance.PartDone ? _hashed.PartDone(file.TakePartDigest()) : null;
        }
    }

    private static Dictionary<int, string> ETagsOf(IReadOnlyList<PartRecord> parts)
    {
        var etags = new Dictionary<int, string>(parts.Count);
        foreach (var part in parts)
        {
            etags[part.Number] = part.ETag;
        }
        return etags;
    }

    /// <summary>Under the lock: the hash goes back to the start of part <paramref name="number"/> (or further, see <see cref="HashedParts.StepBackTo"/>).</summary>
    private void StepBackTo(int number) => _prefix.StepBackTo(_hashed.StepBackTo(number));
}
