using System.Globalization;
using Scenario.Bench.Harness;

namespace Scenario.Bench.Cases;

/// <summary>
/// Case 8: 2,000 PNGs of 100 KiB (random pixels, made once by <c>make-pngs</c>), 16 at once through UploadFileAsync
/// without waiting; one poller retrieves the oldest completed upload until each is imported (<c>sdk-many</c>). Timed from
/// the first create to the last import. The service's /metrics before and after give the repository calls per file
/// (every create, part, complete, job step and retrieve; the poller's included) and the job seconds per file.
/// </summary>
internal sealed class SmallCase(BenchContext bench)
{
    public const int Files = 2000;
    private const int Bytes = 100 * 1024;
    private const int Clients = 16;
    private static readonly HttpClient Http = new();

    public async Task RunAsync(bool warming = false)
    {
        var service = bench.New(bench.Disk);
        var turn = bench.TurnOn(bench.Disk, warming);
        var pngs = Path.Combine(bench.Settings.Scratch, "pngs");
        if (!Directory.Exists(pngs))
        {
            Log.Line($"making {Files} PNGs of {Bytes} bytes");
            await Proc.RunAsync(BenchContext.Helper, ["make-pngs", pngs, Files.ToString(), Bytes.ToString()]);
        }
        var calls = await ScrapeSumAsync(service, "scenario_uploads_db_calls_total");
        var steps = await ScrapeSumAsync(service, "scenario_uploads_job_step_duration_seconds_sum");
        var words = (await Proc.RunAsync(BenchContext.Helper, ["sdk-many", pngs, Clients.ToString()], service.ClientEnv)).Split(' ', StringSplitOptions.TrimEntries);
        var (seconds, rate, tail) = (Number.Parse(words[0]), words[2], Number.Parse(words[3]));
        turn.Record("small.files_per_s", rate);
        turn.Record("small.tail_s", tail);
        // One untimed warm-up file is in the counts too: Files + 1 uploads.
        turn.Record("small.calls_per_file", (await ScrapeSumAsync(service, "scenario_uploads_db_calls_total") - calls) / (Files + 1));
        turn.Record("small.job_ms_per_file", 1000 * (await ScrapeSumAsync(service, "scenario_uploads_job_step_duration_seconds_sum") - steps) / (Files + 1));
        turn.Record("small.tail_share", tail / seconds);
    }

    /// <summary>The sum of a metric's series on the service's /metrics (every line starting with its name).</summary>
    private static async Task<double> ScrapeSumAsync(Service service, string metric)
    {
        var text = await Http.GetStringAsync($"{service.Url}/metrics");
        var sum = text.Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 1 && f[0].StartsWith(metric, StringComparison.Ordinal))
            .Sum(f => double.Parse(f[^1], CultureInfo.InvariantCulture));
        return Number.Parse(sum.ToString("F6", CultureInfo.InvariantCulture));
    }
}
