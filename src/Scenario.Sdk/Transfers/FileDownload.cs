using Scenario.Exceptions;

namespace Scenario.Transfers;

/// <summary>
/// One download to a file: parallel ranges written at their offsets into <c>TARGET.partial</c>, each recorded in
/// the sidecar once written and hashed from disk as the written prefix grows; then the SHA-256 is checked against
/// the entity's and the file renamed onto the target. An interruption leaves the partial file and its sidecar, so
/// the next run fetches only the rest.
/// </summary>
internal sealed class FileDownload(ScenarioClient client, HttpClient http, DownloadOptions options, IProgress<DownloadProgress>? progress)
{
    public async Task<DownloadResult> RunAsync(string entityId, string path, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(path);
        var intoDirectory = Directory.Exists(target);
        // Checked before any request when the target is named, so a refused target costs nothing.
        RefuseExisting(target, intoDirectory);
        var tracker = new DownloadTracker(entityId, progress);
        var link = await DownloadLink.ResolveAsync(client, entityId, cancellationToken).ConfigureAwait(false);
        var entity = link.Entity;
        if (intoDirectory)
        {
            target = Path.Combine(target, SafeFileName(entity));
            if (Directory.Exists(target))
            {
                throw new ArgumentException($"'{target}' is a directory; give the path of the file to write.", nameof(path));
            }
            RefuseExisting(target, isDirectory: false);
        }
        tracker.SetPath(target);
        var partial = target + ".partial";
        var ledgerPath = partial + ".ranges";
        var (actual, kept) = await FetchAsync(link, tracker, partial, ledgerPath, cancellationToken).ConfigureAwait(false);
        if (actual != entity.Sha256)
        {
            File.Delete(partial);
            DownloadLedger.Delete(ledgerPath);
            throw new DownloadVerificationException(entity.Id, entity.Sha256, actual, partialDeleted: true);
        }
        MoveIntoPlace(partial, target);
        DownloadLedger.Delete(ledgerPath);
        tracker.SetPhase(DownloadPhase.Completed);
        return new DownloadResult { EntityId = entity.Id, Path = target, FileName = entity.FileName, Size = entity.Size, Sha256 = actual, ResumedBytes = kept };
    }

    // Fetches the ranges the sidecar lacks; returns the SHA-256 of the partial file and the bytes kept from an earlier run.
    private async Task<(string Sha256, long Kept)> FetchAsync(
        DownloadLink link, DownloadTracker tracker, string partial, string ledgerPath, CancellationToken cancellationToken)
    {
        var entity = link.Entity;
        var resume = options.Resume && File.Exists(partial);
        // The partial file first: its lock keeps a second download of the same target away from the sidecar too.
        using var handle = OpenPartial(partial, entity.Size);
        using var ledger = DownloadLedger.Open(ledgerPath, entity, ChunkPlan.For(entity.Size, options.ChunkSize).ChunkSize, resume);
        var plan = new ChunkPlan(entity.Size, ledger.ChunkSize);
        var kept = ledger.Done.Sum(plan.LengthOf);
        tracker.Start(entity.Size, plan.Count, kept, ledger.Done.Count);
        var fetcher = new RangeFetcher(http, link, tracker, options);
        using var hasher = new PrefixHasher(handle, plan, ledger.Done);
        using var stopHashing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var hashing = hasher.RunAsync(stopHashing.Token);
        var missing = Enumerable.Range(0, plan.Count).Where(i => !ledger.Done.Contains(i)).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(missing, parallel, async (index, token) =>
            {
                await fetcher.FetchAsync(plan.OffsetOf(index), plan.LengthOf(index),
                    (bytes, offset, t) => RandomAccess.WriteAsync(handle, bytes, offset, t), token).ConfigureAwait(false);
                ledger.Add(index);
                hasher.Written(index);
                tracker.ChunkDone();
            }).ConfigureAwait(false);
        }
        catch
        {
            // The download's own failure is the one to report; the hasher only needs to stop before the file closes.
            await stopHashing.CancelAsync().ConfigureAwait(false);
            await ((Task)hashing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        // On disk before the rename makes it the target: a crash must not leave a target of zeros.
        RandomAccess.FlushToDisk(handle);
        tracker.SetPhase(DownloadPhase.Verifying);
        return (await hashing.ConfigureAwait(false), kept);
    }

    private void RefuseExisting(string target, bool isDirectory)
    {
        if (!isDirectory && !options.Overwrite && File.Exists(target))
        {
            throw new DownloadTargetExistsException(target);
        }
    }

    // The service's file name is the user's text: only its last segment is used, so it cannot climb out of the directory.
    private static string SafeFileName(DownloadEntity entity) =>
        Path.GetFileName(entity.FileName.Replace('\\', '/')) is { Length: > 0 } name && name is not "." and not ".." ? name : entity.Id;

    // FileShare.None keeps a second download of the same target from writing into this one. Stale bytes of a
    // partial file that is not resumed need no clearing: every range the sidecar lacks is written again.
    private static Microsoft.Win32.SafeHandles.SafeFileHandle OpenPartial(string partial, long size)
    {
        var handle = File.OpenHandle(partial, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, FileOptions.Asynchronous);
        if (RandomAccess.GetLength(handle) != size)
        {
            RandomAccess.SetLength(handle, size);
        }
        return handle;
    }

    private void MoveIntoPlace(string partial, string target)
    {
        try
        {
            File.Move(partial, target, options.Overwrite);
        }
        catch (IOException) when (!options.Overwrite && File.Exists(target))
        {
            // Someone created the target while the bytes were arriving; the verified partial stays for a rerun with Overwrite.
            throw new DownloadTargetExistsException(target);
        }
    }
}
