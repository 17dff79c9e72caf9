using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Imports;

/// <summary>Streams a response body into the blob store, within the size limit, and checks it arrived whole.</summary>
public sealed class ImportDownloader(IBlobStore blobs)
{
    public async Task<DownloadedFile> SaveAsync(
        HttpResponseMessage response, string storageKey, DownloadPlan plan, long limit, IProgress<double> progress, CancellationToken cancellationToken)
    {
        if (blobs is not IWholeObjectStore store)
        {
            throw new InvalidOperationException($"The blob store {blobs.GetType().Name} cannot take imports; it needs {nameof(IWholeObjectStore)}.");
        }
        var declared = response.Content.Headers.ContentLength;
        if (declared > limit)
        {
            throw ImportException.Refused($"The file is larger than the limit of {limit} bytes ({declared} bytes).");
        }
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var counted = new DownloadStream(body, limit, declared, progress);
        try
        {
            await store.WriteObjectAsync(storageKey, counted, cancellationToken);
        }
        catch (IOException e) when (DiskFull.Is(e))
        {
            throw ImportException.Transient(
                $"The service's storage is full: the download stopped after {counted.BytesRead} bytes and is tried again later.", e);
        }
        catch (IOException e)
        {
            throw ImportException.Transient(declared is { } total
                ? $"The download was cut off after {counted.BytesRead} of {total} bytes."
                : $"The download was cut off after {counted.BytesRead} bytes.", e);
        }
        if (declared is { } expected && counted.BytesRead != expected)
        {
            throw ImportException.Transient($"The download was cut off after {counted.BytesRead} of {expected} bytes.");
        }
        var sha256 = counted.Sha256();
        if (plan.ExpectedSha256 is { } published && !string.Equals(published, sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw ImportException.Refused(
                $"The downloaded file's SHA-256 is {sha256} but {plan.HashPublisher ?? "the source"} publishes {published.ToLowerInvariant()}: " +
                "the file was changed or damaged on the way. Try again; if it persists, the published file is not the one served.");
        }
        return new DownloadedFile(counted.BytesRead, sha256);
    }
}

/// <summary>What landed in storage.</summary>
public sealed record DownloadedFile(long Length, string Sha256);
