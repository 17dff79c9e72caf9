using System.Globalization;

namespace Scenario.Bench;

/// <summary>
/// The CLI's complete → imported: bench/run notes the time the CLI (run with <c>--no-wait</c>) exits, then this
/// waits for the import and prints when the service committed it, as Unix seconds: the imported upload's
/// <c>updatedAt</c>, set by the import's last status change on the same machine's clock. A poll's time would be
/// wrong here: this process starts after the CLI has exited, and for a small file the import can be over by then.
/// </summary>
internal static class WaitImported
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    public static async Task<int> RunAsync(string uploadId)
    {
        using var client = new ScenarioClient();
        var upload = await ImportPoller.WaitAsync(client, uploadId, PollInterval);
        if (upload is null)
        {
            return 1;
        }
        Console.WriteLine((upload.UpdatedAt.ToUnixTimeMilliseconds() / 1000.0).ToString("F3", CultureInfo.InvariantCulture));
        return 0;
    }
}
