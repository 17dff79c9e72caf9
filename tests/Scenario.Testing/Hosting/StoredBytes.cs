using Microsoft.Extensions.DependencyInjection;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Storage;

namespace Scenario.Testing;

/// <summary>Whether the store still holds any of an upload's bytes, asked through the blob store seam (any backend).</summary>
public static class StoredBytes
{
    /// <summary>
    /// Waits (up to 10 s) for the bytes to go: a job or the sweeper commits "failed" first and deletes
    /// the bytes just after. True when they are gone.
    /// </summary>
    public static async Task<bool> GoneSoonAsync(ServiceHost host, string uploadId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await HeldAsync(host, uploadId))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(50);
        }
        return true;
    }

    public static async Task<bool> HeldAsync(ServiceHost host, string uploadId)
    {
        var blobs = host.Services.GetRequiredService<IBlobStore>();
        var upload = await host.Services.GetRequiredService<IUploadRepository>().FindAsync(uploadId, CancellationToken.None);
        if (blobs is IStorePartLister lister && upload?.StorageUploadId is { } storageUploadId
            && (await lister.ListPartsAsync(upload.StorageKey, storageUploadId, CancellationToken.None)).Count > 0)
        {
            return true;
        }
        try
        {
            await using var content = await blobs.OpenReadAsync($"uploads/{uploadId}", CancellationToken.None);
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }
}
