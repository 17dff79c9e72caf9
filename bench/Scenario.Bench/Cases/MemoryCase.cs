using System.Diagnostics;
using Scenario.Bench.Harness;

namespace Scenario.Bench.Cases;

/// <summary>
/// Case 6: the service's peak RSS (VmHWM, reset before) during 8 concurrent 1 GiB uploads, each sent part after part by
/// one curl. The peak starts from what the earlier cases left (heap the GC has not handed back yet), so that is shown too.
/// The CLI's peak RSS comes from case 2.
/// </summary>
internal sealed class MemoryCase(BenchContext bench)
{
    public async Task RunAsync()
    {
        var service = bench.New(bench.Disk);
        var turn = bench.TurnOn(bench.Disk);
        turn.Record("rss.service.before", service.StatusMiB("VmRSS"));
        service.ResetPeak();
        var uploads = new List<string>();
        for (var u = 0; u < 8; u++)
        {
            uploads.Add(await Curl.CreateUploadAsync(service, 8 * TestData.PartBytes, 8));
        }
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(uploads.Select(json => Curl.PutPartsAsync(json, 1, bench.Data.Part)));
        turn.Record("mem.8x1g.s", watch.Elapsed.TotalSeconds);
        turn.Record("rss.service", service.StatusMiB("VmHWM"));
        foreach (var json in uploads)
        {
            await Curl.AbortAsync(service, Curl.IdOf(json));
        }
    }
}
