using Scenario.Bench.Harness;

namespace Scenario.Bench.Cases;

/// <summary>
/// Case 7: the same 1 GiB picked on the service's upload page and sent by Debian's headless Chromium with the page's own
/// plan, bare fetch PUTs from the same Chromium with no page (the browser's own ceiling), and <c>scenario upload
/// --no-wait</c>, shuffled in the same rounds. The page is timed from the Upload click to complete accepted (the
/// browser's start and the sign-in are not); the CLI as a whole command, its start included.
/// </summary>
internal sealed class PageCase(BenchContext bench)
{
    private static readonly string[] Systems = ["page", "fetch_page", "cli_page"];

    /// <summary>One round: the three in a fresh shuffled order, each once the previous one's writes are on disk.</summary>
    public async Task RunAsync(int rep, bool warming = false)
    {
        foreach (var system in await Rounds.ShuffleAsync($"page.{rep}", Systems))
        {
            await Proc.RunAsync("sync", []);
            await Task.Delay(TimeSpan.FromSeconds(1));
            var turn = bench.TurnOn(bench.Disk, warming);
            var (label, words) = system switch
            {
                "page" => ("page.1g", await NodeAsync(turn.Service, "bench/page/upload.mjs")),
                "fetch_page" => ("fetch.1g", await NodeAsync(turn.Service, "bench/page/fetch.mjs")),
                _ => ("cli.page", await CliAsync(turn.Service)),
            };
            turn.Record(label, words[0]);
            await ClientsCase.WaitImportedAsync(turn.Service, words[1]);
        }
    }

    private async Task<string[]> NodeAsync(Service service, string script) =>
        Words(await Proc.RunAsync("node", [script, service.Url + "/", Service.ApiKey, Service.ApiSecret, bench.Data.Big]));

    private async Task<string[]> CliAsync(Service service)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var json = await Proc.RunAsync("bash", ["-c", "exec \"$@\" 2>/dev/null", "bash", service.Cli, "upload", bench.Data.Big, "--kind", "asset",
            "--concurrency", "8", "--part-size", "128MiB", "--no-wait", "--json"], service.ClientEnv);
        var seconds = Number.Text(watch.Elapsed.TotalSeconds);
        return [seconds, ClientsCase.CliUploadId(json)];
    }

    private static string[] Words(string text) => text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
}
