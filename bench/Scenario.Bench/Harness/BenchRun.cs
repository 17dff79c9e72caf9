using System.Runtime.InteropServices;
using Scenario.Bench.Cases;
using Scenario.Bench.Report;

namespace Scenario.Bench.Harness;

/// <summary>
/// <c>Scenario.Bench run</c>, what bench/run starts once the tools are installed and everything is built: starts the
/// servers on 127.0.0.1, runs the cases asked for BENCH_REPS times in the README's order, and prints the report; a case
/// that fails still leaves the table of the cases measured before it, saying where it stopped.
/// </summary>
internal sealed class BenchRun(BenchContext bench)
{
    private readonly ClientsCase clients = new(bench);
    private readonly Dictionary<string, SystemRun> systems = [];
    private CompleteCase complete = null!;
    private UploadCase upload = null!;
    private HugeCase huge = null!;
    private TusCase tus = null!;

    private BenchSettings Settings => bench.Settings;

    public static async Task<int> RunAsync()
    {
        var settings = BenchSettings.FromEnvironment();
        Log.StartedAt(settings.StartUnixSeconds);
        using var bench = new BenchContext(settings);
        // Interrupted, the run still stops every server it started (the runtime then ends the process).
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => bench.Dispose());
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => bench.Dispose());
        var run = new BenchRun(bench);
        try
        {
            await run.MainAsync();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(e is BenchFailure ? e.Message : e.ToString());
            if (bench.Samples.Any)
            {
                Log.Line("stopped early (exit 1): the table below holds the cases measured so far");
                run.Report();
            }
            return 1;
        }
        run.Report();
        return 0;
    }

    private void Report() => new ReportWriter(bench.Samples, Settings, huge.Outcome, Console.Out).Write();

    private async Task MainAsync()
    {
        complete = new CompleteCase(bench, clients);
        upload = new UploadCase(bench, complete);
        huge = new HugeCase(bench, clients);
        tus = new TusCase(bench);
        upload.AddSystems(systems);
        tus.AddSystems(systems);
        clients.AddSystems(systems);
        complete.AddSystems(systems);
        var rounds = new Rounds(bench, systems);
        Console.Error.WriteLine((await Proc.RunAsync("df", ["-h", Settings.Scratch])).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        if (!Settings.OnlySmall)
        {
            await bench.Data.MakeAsync();
        }
        if (Settings.Wants("tus"))
        {
            await tus.PrepareAsync();
        }
        await StartServersAsync();
        await WarmUpAsync(rounds);
        for (var rep = 1; rep <= Settings.Reps; rep++)
        {
            await RoundAsync(rounds, rep);
        }
        await RunOnceAsync(rounds);
    }

    private async Task StartServersAsync()
    {
        var servers = bench.Servers;
        if (Settings.Wants("upload"))
        {
            await bench.StartServiceAsync(bench.Memory);
            await bench.StartBaseServiceAsync(bench.Memory);
            await servers.StartNginxAsync(bench.Memory);
            await bench.StartTusAsync(bench.Memory);
        }
        await bench.StartBaseServiceAsync(bench.Disk);
        await bench.StartServiceAsync(bench.Disk);
        await servers.StartNginxAsync(bench.Disk);
        await bench.StartTusAsync(bench.Disk);
        await servers.StartMinimalAsync();
    }

    private string[] Peers => Settings.Wants("upload") ? ["nginx", "tus", "disk"] : [];

    private string[] Clients => Settings.Wants("clients") ? ClientsCase.Systems : [];

    /// <summary>
    /// One untimed round first: .NET's JIT and Node's need it, and it warms every server the same way; twice in memory,
    /// where the first timed run still paid for the JIT after a single round. Chromium's first start too.
    /// </summary>
    private async Task WarmUpAsync(Rounds rounds)
    {
        if (Settings.Wants("upload") || Settings.Wants("clients"))
        {
            Log.Line("warm-up: one untimed upload to each server");
            await rounds.RunAsync("0.8", [.. rounds.WithBase("service"), .. Peers], bench.Disk, 0, 8, warming: true);
            if (Settings.Wants("upload"))
            {
                for (var i = 0; i < 2; i++)
                {
                    await rounds.RunAsync("0.8", [.. rounds.WithBase("service"), "nginx", "tus"], bench.Memory, 0, 8, warming: true);
                }
            }
        }
        if (Settings.Wants("tus"))
        {
            Log.Line("warm-up: case 10, one untimed upload by each system");
            await rounds.RunAsync("tus.0", TusCase.Systems, bench.Disk, 0, 4, warming: true);
        }
        if (Settings.Wants("page"))
        {
            Log.Line("warm-up: one untimed upload through the page and the CLI");
            await new PageCase(bench).RunAsync(0, warming: true);
        }
    }

    private async Task RoundAsync(Rounds rounds, int rep)
    {
        if (Settings.Wants("upload"))
        {
            Log.Line($"case 1: upload in memory, run {rep}, 8 clients");
            await rounds.RunAsync($"{rep}.8", [.. rounds.WithBase("service"), "nginx", "tus"], bench.Memory, rep, 8);
            Log.Line($"case 1: upload, run {rep}, 4 clients");
            await rounds.RunAsync($"{rep}.4", ["service", .. Peers], bench.Disk, rep, 4);
        }
        if (Settings.Wants("upload") || Settings.Wants("clients"))
        {
            Log.Line($"case 1 and 2: upload, SDK and CLI, run {rep}, 8 clients");
            await rounds.RunAsync($"{rep}.8", [.. rounds.WithBase(["service", .. Clients]), .. Peers], bench.Disk, rep, 8);
            Log.Line("case 3: hashing the stored 1 GiB");
            await complete.HashStored1GAsync(rep, upload.LastStored1G);
        }
        if (Settings.Wants("complete"))
        {
            Log.Line($"case 3: complete 64 MiB, run {rep}");
            await complete.SmallAsync(bench.TurnOn(bench.Disk));
        }
        if (Settings.Wants("page"))
        {
            Log.Line($"case 7: 1 GiB through the upload page and the CLI, run {rep}");
            await new PageCase(bench).RunAsync(rep);
        }
        if (Settings.Wants("tus"))
        {
            Log.Line($"case 10: tus-js-client to the service and to @tus/server, and the CLI, run {rep}");
            await rounds.RunAsync($"tus.{rep}", TusCase.Systems, bench.Disk, rep, 4);
        }
    }

    private async Task RunOnceAsync(Rounds rounds)
    {
        if (Settings.Wants("complete"))
        {
            Log.Line("case 3: complete 4 GiB");
            await complete.BigAsync(rounds);
        }
        if (Settings.Wants("api"))
        {
            Log.Line("case 4: API under wrk");
            await new ApiCase(bench).RunAsync();
        }
        if (Settings.Wants("scale"))
        {
            Log.Line("case 5: 10,000 parts");
            await new ScaleCase(bench).RunAsync();
        }
        if (Settings.Wants("memory"))
        {
            Log.Line("case 6: memory, 8 concurrent 1 GiB uploads");
            await new MemoryCase(bench).RunAsync();
        }
        if (Settings.Wants("huge"))
        {
            await huge.RunAsync();
        }
        if (Settings.Wants("small"))
        {
            var small = new SmallCase(bench);
            Log.Line($"case 8: warm-up, {SmallCase.Files} small PNGs through the SDK, untimed");
            await small.RunAsync(warming: true);
            for (var rep = 1; rep <= Settings.Reps; rep++)
            {
                Log.Line($"case 8: {SmallCase.Files} small PNGs through the SDK, run {rep}");
                await small.RunAsync();
            }
        }
    }
}
