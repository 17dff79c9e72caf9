using System.Diagnostics;
using Scenario.Models;
using Scenario.Transfers;

namespace Scenario.Bench;

/// <summary>
/// Issue 18's "imported when the last byte lands", as an SDK user meets it: <c>UploadFileAsync</c> with its
/// default part plan and concurrency (only <see cref="UploadFileOptions.Kind"/> set), which sends the parts in
/// order; then, from its return (complete accepted), a retrieve every 10 ms until the upload is imported.
/// Prints the seconds of the upload call, the seconds from its return to seeing imported, and the id.
/// </summary>
internal static class SdkImport
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    public static async Task<int> RunAsync(string file)
    {
        using var client = new ScenarioClient();
        await ImportPoller.WarmUpAsync(client);
        var watch = Stopwatch.StartNew();
        var upload = await client.Uploads.UploadFileAsync(file, new UploadFileOptions { Kind = UploadKind.Asset, WaitForImport = false });
        var sent = watch.Elapsed;
        if (await ImportPoller.WaitAsync(client, upload.Id, PollInterval) is null)
        {
            return 1;
        }
        watch.Stop();
        Console.WriteLine($"{Seconds.Of(sent)} {Seconds.Of(watch.Elapsed - sent)} {upload.Id}");
        return 0;
    }
}
