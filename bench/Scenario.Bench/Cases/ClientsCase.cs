using System.Text.Json;
using Scenario.Bench.Harness;

namespace Scenario.Bench.Cases;

/// <summary>
/// Case 2, inside case 1's 8-client rounds: the 1 GiB file through the SDK's <c>UploadFileAsync</c> and
/// <c>scenario upload --no-wait</c> (128 MiB parts, 8 at once) against curl's create + PUTs + complete, a bare
/// HttpClient with no SDK (the platform's ceiling), and both with their default plans (8 MiB parts, 4 at once, sent in
/// order, as users run them), each then timed from complete to imported (issue 18).
/// </summary>
internal sealed class ClientsCase(BenchContext bench)
{
    public static readonly string[] Systems = ["sdk", "cli", "raw", "sdk_default", "cli_default"];

    public void AddSystems(Dictionary<string, SystemRun> systems)
    {
        systems["sdk"] = SdkAsync;
        systems["raw"] = RawAsync;
        systems["cli"] = CliAsync;
        systems["sdk_default"] = (turn, _, _) => SdkDefaultImportAsync(turn, bench.Data.Big, "1g");
        systems["cli_default"] = (turn, _, _) => CliDefaultImportAsync(turn, bench.Data.Big, "1g");
        foreach (var twin in (string[])["sdk", "cli", "sdk_default", "cli_default"])
        {
            systems[twin + "_base"] = systems[twin];
        }
    }

    private async Task SdkAsync(Turn turn, int rep, int concurrency)
    {
        var words = await RunWordsAsync(turn.Service.Helper, ["sdk-upload", bench.Data.Big, "8", TestData.PartBytes.ToString()], turn.Service);
        turn.Record("sdk.c8", words[0]);
        await WaitImportedAsync(turn.Service, words[1]);
    }

    /// <summary>The same create, PUTs and complete from a bare HttpClient, no SDK: always this tree's helper.</summary>
    private async Task RawAsync(Turn turn, int rep, int concurrency)
    {
        var words = await RunWordsAsync(BenchContext.Helper, ["raw-upload", bench.Data.Big, "8", TestData.PartBytes.ToString()], turn.Service);
        turn.Record("raw.c8", words[0]);
        await WaitImportedAsync(turn.Service, words[1]);
    }

    private async Task CliAsync(Turn turn, int rep, int concurrency)
    {
        var (seconds, json) = await CliUploadAsync(turn.Service, [bench.Data.Big, "--kind", "asset", "--concurrency", "8", "--part-size", "128MiB", "--no-wait", "--json"], rss: "rss.cli", turn);
        turn.Record("cli.c8", seconds);
        await WaitImportedAsync(turn.Service, CliUploadId(json));
    }

    /// <summary>UploadFileAsync with only Kind set, then complete → imported polled every 10 ms; the upload's id.</summary>
    public async Task<string> SdkDefaultImportAsync(Turn turn, string file, string label)
    {
        var words = await RunWordsAsync(turn.Service.Helper, ["sdk-import", file], turn.Service);
        if (words.Length < 3)
        {
            throw new BenchFailure($"sdk-import of {file} failed");
        }
        turn.Record($"sdk_default.{label}", words[0]);
        turn.Record($"import.sdk.{label}", words[1]);
        return words[2];
    }

    /// <summary>
    /// <c>scenario upload FILE --kind asset --no-wait</c>: the command's seconds (its start included, as in case 2), its
    /// peak RSS, and complete → imported on the service's own clock: from the updatedAt of the upload it printed (set
    /// when complete was accepted) to the updatedAt of the imported upload (see WaitImported.cs for why not a poll).
    /// </summary>
    public async Task<string> CliDefaultImportAsync(Turn turn, string file, string label)
    {
        var (seconds, json) = await CliUploadAsync(turn.Service, [file, "--kind", "asset", "--no-wait", "--json"], $"rss.cli_default.{label}", turn);
        turn.Record($"cli_default.{label}", seconds);
        using var document = JsonDocument.Parse(json);
        var upload = document.RootElement.GetProperty("upload");
        var id = upload.GetProperty("id").GetString()!;
        var completed = DateTimeOffset.Parse(upload.GetProperty("updatedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var imported = Number.Parse(await Proc.RunAsync(turn.Service.Helper, ["wait-imported", id], turn.Service.ClientEnv));
        turn.Record($"import.cli.{label}", imported - (completed - DateTimeOffset.UnixEpoch).TotalSeconds);
        return id;
    }

    /// <summary>Retrieves every 10 ms until imported, up to 5 minutes: untimed waits only (see CompleteAndWait.cs).</summary>
    public static async Task WaitImportedAsync(Service service, string uploadId)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Service.BasicAuth);
        for (var i = 0; i < 30000; i++)
        {
            using var document = JsonDocument.Parse(await http.GetStringAsync($"{service.Url}/v1/uploads/{uploadId}"));
            switch (document.RootElement.GetProperty("upload").GetProperty("status").GetString())
            {
                case "imported":
                    return;
                case "failed":
                    throw new BenchFailure($"upload {uploadId} failed");
            }
            await Task.Delay(10);
        }
        throw new BenchFailure($"upload {uploadId} not imported in time");
    }

    /// <summary>The CLI as a whole command under /usr/bin/time (its peak RSS recorded in MiB), its standard error dropped.</summary>
    private async Task<(double Seconds, string Json)> CliUploadAsync(Service service, string[] args, string rss, Turn turn)
    {
        var (seconds, json, rssMiB) = await TimedCommand.RunAsync(bench.Settings.Scratch, service.Cli, ["upload", .. args], service.ClientEnv, quiet: true);
        turn.Record(rss, rssMiB);
        return (seconds, json);
    }

    /// <summary>The id in the CLI's --json answer (older CLIs printed the upload itself).</summary>
    public static string CliUploadId(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return (root.TryGetProperty("id", out var id) ? id : root.GetProperty("upload").GetProperty("id")).GetString()!;
    }

    private static async Task<string[]> RunWordsAsync(string helper, string[] args, Service service) =>
        (await Proc.RunAsync(helper, args, service.ClientEnv)).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
}
