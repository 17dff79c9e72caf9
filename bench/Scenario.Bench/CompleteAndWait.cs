using System.Diagnostics;
using Scenario.Models;

namespace Scenario.Bench;

/// <summary>
/// Case 3: the complete request, then retrieve every 5 ms until the upload is imported. Polled from inside one
/// process: the shell's curl | jq every 10 ms started two processes per poll, whose CPU (on 2 cores) slowed
/// the import it was timing, more the longer the import ran. Prints the complete request's seconds and
/// the seconds from sending complete to seeing imported.
/// </summary>
internal static class CompleteAndWait
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    public static async Task<int> RunAsync(string uploadId)
    {
        using var client = new ScenarioClient();
        await WarmUpAsync(client, uploadId);
        var watch = Stopwatch.StartNew();
        await client.Uploads.TriggerActionAsync(uploadId, new UploadTriggerActionParams { Action = UploadAction.Complete });
        var complete = watch.Elapsed;
        if (await ImportPoller.WaitAsync(client, uploadId, PollInterval) is null)
        {
            return 1;
        }
        watch.Stop();
        Console.WriteLine($"{complete.TotalSeconds.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)} {Seconds.Of(watch)}");
        return 0;
    }

    /// <summary>
    /// The same requests once, untimed, so neither the connection nor this process's JIT is in the figures:
    /// a complete of a throwaway upload with no part sent (answered 400 parts_missing), and a retrieve.
    /// </summary>
    private static async Task WarmUpAsync(ScenarioClient client, string uploadId)
    {
        var throwaway = (await client.Uploads.CreateAsync(new UploadCreateParams
        {
            FileName = "warm-up.bin", ContentType = "application/octet-stream", FileSize = 1, Parts = 1, Kind = UploadKind.Asset,
        })).Upload;
        try
        {
            await client.Uploads.TriggerActionAsync(throwaway.Id, new UploadTriggerActionParams { Action = UploadAction.Complete });
        }
        catch (Scenario.Exceptions.BadRequestException)
        {
        }
        await client.Uploads.AbortAsync(throwaway.Id);
        await client.Uploads.RetrieveAsync(uploadId);
    }
}
