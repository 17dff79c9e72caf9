using System.Diagnostics;
using Scenario.Models;
using Scenario.Transfers;

namespace Scenario.Bench;

/// <summary>
/// Case 2: one file through <c>UploadFileAsync</c> (create, parallel part PUTs, complete), without waiting
/// for the import, so it compares with the curl case's create + PUTs + complete.
/// </summary>
internal static class SdkUpload
{
    public static async Task<int> RunAsync(string file, int concurrency, long partSize)
    {
        // Credentials and base URL come from SCENARIO_SDK_API_KEY / _SECRET / SCENARIO_BASE_URL, as for the CLI.
        using var client = new ScenarioClient();
        var watch = Stopwatch.StartNew();
        var upload = await client.Uploads.UploadFileAsync(file, new UploadFileOptions
        {
            Kind = UploadKind.Asset,
            Concurrency = concurrency,
            PartSize = partSize,
            WaitForImport = false,
        });
        watch.Stop();
        Console.WriteLine($"{Seconds.Of(watch)} {upload.Id}");
        return 0;
    }
}
