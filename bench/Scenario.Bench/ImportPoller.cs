using Scenario.Models;

namespace Scenario.Bench;

/// <summary>
/// Retrieves an upload at a fixed interval until it is imported: the one wait of every bench command that times an
/// import. Polled from inside one process (see <see cref="CompleteAndWait"/> for why not from the shell).
/// </summary>
internal static class ImportPoller
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    /// <summary>The imported upload, or null (said on standard error) when it failed or took longer than 30 minutes.</summary>
    public static async Task<Upload?> WaitAsync(ScenarioClient client, string uploadId, TimeSpan interval)
    {
        var deadline = DateTimeOffset.UtcNow + Timeout;
        while (true)
        {
            var upload = (await client.Uploads.RetrieveAsync(uploadId)).Upload;
            if (upload.Status == UploadStatus.Imported)
            {
                return upload;
            }
            if (upload.Status == UploadStatus.Failed)
            {
                Console.Error.WriteLine($"upload {uploadId} failed: {upload.ErrorMessage}");
                return null;
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                Console.Error.WriteLine($"upload {uploadId} not imported in time");
                return null;
            }
            await Task.Delay(interval);
        }
    }

    /// <summary>
    /// A retrieve of a throwaway upload, untimed, so the first timed poll pays neither for this process's JIT nor
    /// for a connection.
    /// </summary>
    public static async Task WarmUpAsync(ScenarioClient client)
    {
        var throwaway = (await client.Uploads.CreateAsync(new UploadCreateParams
        {
            FileName = "warm-up.bin", ContentType = "application/octet-stream", FileSize = 1, Parts = 1, Kind = UploadKind.Asset,
        })).Upload;
        await client.Uploads.RetrieveAsync(throwaway.Id);
        await client.Uploads.AbortAsync(throwaway.Id);
    }
}
