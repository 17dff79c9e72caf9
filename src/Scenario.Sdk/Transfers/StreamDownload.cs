using System.Security.Cryptography;
using Scenario.Exceptions;

namespace Scenario.Transfers;

/// <summary>
/// One download into a caller's stream: ranges one after another (a stream is written in order), each with the
/// retries and URL renewal of a file download, hashed as they pass; the SHA-256 is checked at the end.
/// </summary>
internal sealed class StreamDownload(ScenarioClient client, HttpClient http, DownloadOptions options, IProgress<DownloadProgress>? progress)
{
    public async Task<DownloadResult> RunAsync(string entityId, Stream destination, CancellationToken cancellationToken)
    {
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The destination stream is not writable.", nameof(destination));
        }
        var tracker = new DownloadTracker(entityId, progress);
        var link = await DownloadLink.ResolveAsync(client, entityId, cancellationToken).ConfigureAwait(false);
        var entity = link.Entity;
        var plan = ChunkPlan.For(entity.Size, options.ChunkSize);
        tracker.Start(entity.Size, plan.Count, 0, 0);
        var fetcher = new RangeFetcher(http, link, tracker, options);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var index = 0; index < plan.Count; index++)
        {
            await fetcher.FetchAsync(plan.OffsetOf(index), plan.LengthOf(index), (bytes, _, token) =>
            {
                hash.AppendData(bytes.Span);
                return destination.WriteAsync(bytes, token);
            }, cancellationToken).ConfigureAwait(false);
            tracker.ChunkDone();
        }
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        tracker.SetPhase(DownloadPhase.Verifying);
        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (actual != entity.Sha256)
        {
            throw new DownloadVerificationException(entity.Id, entity.Sha256, actual, partialDeleted: false);
        }
        tracker.SetPhase(DownloadPhase.Completed);
        return new DownloadResult { EntityId = entity.Id, FileName = entity.FileName, Size = entity.Size, Sha256 = actual };
    }
}
