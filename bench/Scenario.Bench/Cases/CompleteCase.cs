using System.Diagnostics;
using Scenario.Bench.Harness;

namespace Scenario.Bench.Cases;

/// <summary>
/// Case 3: the complete request for 64 MiB and 4 GiB (8 × 512 MiB parts), and complete → imported against sha256sum
/// and .NET's SHA-256 of the same stored file (hot in the page cache for all three, as the service read it).
/// The 1 GiB import is timed in case 1's rounds; the 4 GiB runs once, shuffled with the SDK's default plan on a 4 GiB file.
/// </summary>
internal sealed class CompleteCase(BenchContext bench, ClientsCase clients)
{
    private string? stored4G;

    public void AddSystems(Dictionary<string, SystemRun> systems)
    {
        systems["import_4g"] = Import4GAsync;
        systems["import_4g_base"] = Import4GAsync;
        systems["sdk_default_4g"] = SdkDefault4GAsync;
        systems["sdk_default_4g_base"] = SdkDefault4GAsync;
    }

    /// <summary>The complete request's seconds (as printed) and the seconds from complete to imported, timed by one process polling every 5 ms.</summary>
    public async Task<(string Complete, string Import)> CompleteAndWaitAsync(Service service, string uploadId)
    {
        var words = (await Proc.RunAsync(service.Helper, ["complete-and-wait", uploadId], service.ClientEnv)).Split(' ', StringSplitOptions.TrimEntries);
        return (words[0], words[1]);
    }

    public async Task SmallAsync(Turn turn)
    {
        var json = await Curl.CreateUploadAsync(turn.Service, 8L * 8 * 1024 * 1024, 8);
        await Curl.PutPartsAsync(json, 8, _ => bench.Data.Small);
        var (complete, import) = await CompleteAndWaitAsync(turn.Service, Curl.IdOf(json));
        turn.Record("complete.64m", complete);
        turn.Record("import.64m", import);
    }

    /// <summary>One round, shuffled: curl's 4 GiB and the SDK's default plan on a 4 GiB file (and their baselines), then the yardsticks.</summary>
    public async Task BigAsync(Rounds rounds)
    {
        await Proc.BashAsync("cat \"$1\" \"$1\" \"$1\" \"$1\" > \"$2\"", bench.Data.Big, bench.Data.Big4);
        await rounds.RunAsync("4g", rounds.WithBase("import_4g", "sdk_default_4g"), bench.Disk, 0, 0);
        File.Delete(bench.Data.Big4);
        var stored = stored4G ?? throw new BenchFailure("case 3: the 4 GiB upload left no stored file");
        // sha256sum (no SHA-NI in coreutils) is many times slower than .NET's SHA-256: once; .NET's each run.
        await Sha256sumAsync(bench.TurnOn(bench.Disk), stored, "4g");
        for (var i = 0; i < bench.Settings.Reps; i++)
        {
            await DotnetSha256Async(bench.TurnOn(bench.Disk), stored, "4g");
        }
        File.Delete(stored);
    }

    /// <summary>The stored 1 GiB of case 1's last round: sha256sum on the first run only, .NET's SHA-256 on every one.</summary>
    public async Task HashStored1GAsync(int rep, string? stored)
    {
        if (stored is null)
        {
            throw new BenchFailure("case 3: case 1 left no stored 1 GiB to hash");
        }
        if (rep == 1)
        {
            await Sha256sumAsync(bench.TurnOn(bench.Disk), stored, "1g");
        }
        await DotnetSha256Async(bench.TurnOn(bench.Disk), stored, "1g");
    }

    public static async Task<string> DotnetSha256Async(Turn turn, string file, string label)
    {
        var words = (await Proc.RunAsync(BenchContext.Helper, ["sha256", file])).Trim().Split(' ');
        turn.Record($"dotnet_sha.{label}", words[0]);
        return words[1];
    }

    private static async Task Sha256sumAsync(Turn turn, string file, string label)
    {
        var watch = Stopwatch.StartNew();
        await Proc.RunAsync("sha256sum", [file]);
        turn.Record($"sha256sum.{label}", watch.Elapsed.TotalSeconds);
    }

    /// <summary>curl's 4 GiB (8 parts of 512 MiB, 4 at once); the new service's stored copy is kept for the hashing.</summary>
    private async Task Import4GAsync(Turn turn, int rep, int concurrency)
    {
        var json = await Curl.CreateUploadAsync(turn.Service, 8L * 512 * 1024 * 1024, 8);
        await Curl.PutPartsAsync(json, 4, _ => bench.Data.Half);
        var id = Curl.IdOf(json);
        var (complete, import) = await CompleteAndWaitAsync(turn.Service, id);
        turn.Record("complete.4g", complete);
        turn.Record("import.4g", import);
        if (turn.Service.IsBase)
        {
            File.Delete(turn.Service.StoredFile(id));
        }
        else
        {
            stored4G = turn.Service.StoredFile(id);
        }
    }

    private async Task SdkDefault4GAsync(Turn turn, int rep, int concurrency)
    {
        var id = await clients.SdkDefaultImportAsync(turn, bench.Data.Big4, "4g");
        File.Delete(turn.Service.StoredFile(id));
    }
}
