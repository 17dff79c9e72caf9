using System.Diagnostics;
using Scenario.Bench.Harness;

namespace Scenario.Bench.Cases;

/// <summary>
/// Case 10: one file (the 1 GiB, or its first BENCH_TUS_MIB MiB) through tus-js-client in Node.js with 64 MiB chunks and
/// 4 partial uploads in parallel, concatenated by the server (tools/tus-clients/bench-upload.mjs), to the service's
/// /v1/tus and to @tus/server (bench/tus/server.mjs), and through the service's multipart path with the same plan
/// (<c>scenario upload --no-wait</c>, 64 MiB parts, 4 at once), in shuffled rounds on disk. @tus/server also gets the
/// same chunks in one upload, one after the other: its concatenation copies every byte once more, so that is its
/// faster way. Each client is timed as a whole command; @tus/server's time includes a final sync of the files it wrote
/// (the durability rule); the service's two are also timed until the upload is imported. Per system: the server's
/// peak RSS (VmHWM, reset before) and the client's.
/// </summary>
internal sealed class TusCase(BenchContext bench)
{
    public static readonly string[] Systems = ["tus_service", "tus_node", "tus_node_serial", "tus_multipart"];
    private const int ChunkMib = 64;
    private const int Parallel = 4;
    private const long Mib = 1024 * 1024;

    private string file = "";

    public void AddSystems(Dictionary<string, SystemRun> systems)
    {
        systems["tus_service"] = ServiceAsync;
        systems["tus_node"] = (turn, _, _) => NodeAsync(turn, "node", Parallel);
        systems["tus_node_serial"] = (turn, _, _) => NodeAsync(turn, "node_serial", 1);
        systems["tus_multipart"] = MultipartAsync;
    }

    /// <summary>The file every system sends: the 1 GiB itself, or a copy of its first BENCH_TUS_MIB MiB.</summary>
    public async Task PrepareAsync()
    {
        file = bench.Data.Big;
        if (bench.Settings.TusMib != 1024)
        {
            file = Path.Combine(bench.Settings.Scratch, "tus.bin");
            await Proc.BashAsync("head -c \"$1\" \"$2\" > \"$3\"", (bench.Settings.TusMib * Mib).ToString(), bench.Data.Big, file);
        }
    }

    private async Task ServiceAsync(Turn turn, int rep, int concurrency)
    {
        var service = turn.Service;
        service.ResetPeak();
        var (seconds, url, clientRss) = await TusJsAsync(Parallel, $"{service.Url}/v1/tus", Service.ApiKey, Service.ApiSecret);
        url = url.Trim();
        await UntilImportedAsync(turn, "service", seconds, url[(url.LastIndexOf('/') + 1)..], clientRss);
    }

    private async Task MultipartAsync(Turn turn, int rep, int concurrency)
    {
        var service = turn.Service;
        service.ResetPeak();
        var (seconds, json, clientRss) = await TimedCommand.RunAsync(bench.Settings.Scratch, service.Cli,
            ["upload", file, "--kind", "asset", "--concurrency", Parallel.ToString(), "--part-size", $"{ChunkMib}MiB", "--no-wait", "--json"],
            service.ClientEnv, quiet: true);
        await UntilImportedAsync(turn, "multipart", seconds, ClientsCase.CliUploadId(json), clientRss);
    }

    /// <summary>Retrieved every 10 ms until imported: the client's seconds plus that wait, then the service's peak RSS over both.</summary>
    private static async Task UntilImportedAsync(Turn turn, string system, double seconds, string uploadId, double clientRss)
    {
        var watch = Stopwatch.StartNew();
        await ClientsCase.WaitImportedAsync(turn.Service, uploadId);
        turn.Record($"tus.{system}", seconds);
        turn.Record($"tus.{system}.imported", seconds + watch.Elapsed.TotalSeconds);
        turn.Record($"rss.tus.{system}", turn.Service.StatusMiB("VmHWM"));
        turn.Record($"rss.tus.{system}.client", clientRss);
    }

    /// <summary>@tus/server on disk, then fsync of every file it wrote (partial uploads, the final one, their .json).</summary>
    private async Task NodeAsync(Turn turn, string system, int parallel)
    {
        var place = turn.Service.Place;
        var pid = bench.TusPid(place);
        var folder = Path.Combine(place.Folder, "tus");
        ProcStatus.ResetPeak(pid);
        var (seconds, _, clientRss) = await TusJsAsync(parallel, $"http://127.0.0.1:{place.TusPort}/files");
        var watch = Stopwatch.StartNew();
        await Proc.RunAsync("sync", Directory.GetFiles(folder).Order(StringComparer.Ordinal));
        turn.Record($"tus.{system}", seconds + watch.Elapsed.TotalSeconds);
        turn.Record($"rss.tus.{system}", ProcStatus.MiB(pid, "VmHWM"));
        turn.Record($"rss.tus.{system}.client", clientRss);
        foreach (var written in Directory.GetFiles(folder))
        {
            File.Delete(written);
        }
    }

    private Task<(double Seconds, string Url, double RssMiB)> TusJsAsync(int parallel, string endpoint, params string[] credentials) =>
        TimedCommand.RunAsync(bench.Settings.Scratch, "node",
            ["tools/tus-clients/bench-upload.mjs", endpoint, file, (ChunkMib * Mib).ToString(), parallel.ToString(), .. credentials]);
}
