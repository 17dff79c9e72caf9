using System.Diagnostics;
using System.Text.RegularExpressions;
using Scenario.Bench.Harness;

namespace Scenario.Bench.Cases;

/// <summary>
/// Case 1: the same 8 part files of 128 MiB PUT with N concurrent curl to the service's signed URLs, to nginx
/// (WebDAV PUT) and to @tus/server (one tus upload per part, created beforehand, one PATCH each), and dd of the same
/// GiB with fsync (no network, no server) among them, to show what the disk allowed meanwhile.
/// Durability rule: the service fsyncs every part before its 2xx; nginx and tus do not, so their times include a
/// final sync (coreutils sync FILE… = fsync of each) of the files they wrote.
/// </summary>
internal sealed partial class UploadCase(BenchContext bench, CompleteCase complete)
{
    /// <summary>The new service's stored copy of the last 1 GiB it imported: case 3 hashes it.</summary>
    public string? LastStored1G { get; private set; }

    public void AddSystems(Dictionary<string, SystemRun> systems)
    {
        systems["service"] = ServiceAsync;
        systems["service_base"] = ServiceAsync;
        systems["nginx"] = NginxAsync;
        systems["tus"] = TusAsync;
        systems["disk"] = DiskAsync;
    }

    private async Task DiskAsync(Turn turn, int rep, int concurrency)
    {
        var copy = Path.Combine(bench.Settings.Scratch, "dd.bin");
        var watch = Stopwatch.StartNew();
        await Proc.RunAsync("dd", [$"if={bench.Data.Big}", $"of={copy}", "bs=1M", "conv=fsync", "status=none"]);
        turn.Record($"upload.disk.c{concurrency}", watch.Elapsed.TotalSeconds);
        File.Delete(copy);
    }

    /// <summary>Also times complete → imported (case 3) and the curl total (case 2); in memory only the PUTs count, and abort frees the memory.</summary>
    private async Task ServiceAsync(Turn turn, int rep, int concurrency)
    {
        var service = turn.Service;
        var watch = Stopwatch.StartNew();
        var json = await Curl.CreateUploadAsync(service, 8 * TestData.PartBytes, 8);
        var id = Curl.IdOf(json);
        var create = watch.Elapsed.TotalSeconds;
        watch.Restart();
        await Curl.PutPartsAsync(json, concurrency, bench.Data.Part);
        var put = watch.Elapsed.TotalSeconds;
        turn.Record($"upload.service{service.Place.Suffix}.c{concurrency}", put);
        if (service.Place.Suffix.Length > 0)
        {
            await Curl.AbortAsync(service, id);
            return;
        }
        var (completeSeconds, importSeconds) = await complete.CompleteAndWaitAsync(service, id);
        turn.Record("import.1g", importSeconds);
        turn.Record($"curl_total.c{concurrency}", create + put + Number.Parse(completeSeconds));
        if (!service.IsBase)
        {
            LastStored1G = service.StoredFile(id);
        }
    }

    /// <summary>The same 8 part files PUT to 8 paths, then fsync of what it wrote.</summary>
    private async Task NginxAsync(Turn turn, int rep, int concurrency)
    {
        var place = turn.Service.Place;
        var folder = Path.Combine(place.Folder, "nginx", "dav", $"r{rep}-c{concurrency}");
        var watch = Stopwatch.StartNew();
        await Curl.PutAllAsync(Enumerable.Range(1, 8).Select(n =>
            (bench.Data.Part(n), $"http://127.0.0.1:{place.NginxPort}/dav/r{rep}-c{concurrency}/p{n}", (string[])[])), concurrency);
        await Proc.RunAsync("sync", Directory.GetFiles(folder, "p*").Order(StringComparer.Ordinal));
        turn.Record($"upload.nginx{place.Suffix}.c{concurrency}", watch.Elapsed.TotalSeconds);
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>One tus upload per part (created beforehand, untimed), each sent in one PATCH, then fsync.</summary>
    private async Task TusAsync(Turn turn, int rep, int concurrency)
    {
        var place = turn.Service.Place;
        var folder = Path.Combine(place.Folder, "tus");
        var locations = new List<(string File, string Url, string[] Extra)>();
        for (var n = 1; n <= 8; n++)
        {
            var headers = await Proc.RunAsync("curl", ["-sf", "-i", "-X", "POST", "-H", "Tus-Resumable: 1.0.0", "-H", $"Upload-Length: {TestData.PartBytes}",
                $"http://127.0.0.1:{place.TusPort}/files"]);
            locations.Add((bench.Data.Part(n), LocationHeader().Match(headers).Groups[1].Value.Trim(),
                ["-X", "PATCH", "-H", "Tus-Resumable: 1.0.0", "-H", "Upload-Offset: 0", "-H", "Content-Type: application/offset+octet-stream"]));
        }
        var watch = Stopwatch.StartNew();
        await Curl.PutAllAsync(locations, concurrency);
        await Proc.RunAsync("sync", Directory.GetFileSystemEntries(folder).Order(StringComparer.Ordinal));
        turn.Record($"upload.tus{place.Suffix}.c{concurrency}", watch.Elapsed.TotalSeconds);
        foreach (var entry in Directory.GetFileSystemEntries(folder))
        {
            if (Directory.Exists(entry))
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }
        }
    }

    [GeneratedRegex(@"(?im)^location:\s*(\S+)")]
    private static partial Regex LocationHeader();
}
