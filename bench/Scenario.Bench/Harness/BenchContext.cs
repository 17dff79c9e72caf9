namespace Scenario.Bench.Harness;

/// <summary>
/// What every case shares: the settings, the samples, the test data and the servers, on disk and in memory, the new
/// service and (with BENCH_BASELINE) the baseline's beside it, stopped (SIGSTOP) whenever the other one is measured.
/// </summary>
internal sealed class BenchContext(BenchSettings settings) : IDisposable
{
    private readonly Processes processes = new();
    private readonly Dictionary<string, Service> services = [];
    private readonly Dictionary<string, int> tusPids = [];

    public BenchSettings Settings => settings;

    public Samples Samples { get; } = new(Path.Combine(settings.Scratch, "results.tsv"));

    public TestData Data { get; } = new(settings.Scratch);

    public Place Disk { get; } = Place.Disk(settings.Scratch);

    public Place Memory { get; } = Place.Memory(settings.Memory);

    public Servers Servers => new(processes, settings.Scratch);

    public Processes Processes => processes;

    public bool HasBaseline => settings.BaselineRoot is not null;

    /// <summary>The bench helper of this tree (the yardsticks: SHA-256, PNGs, the window source, the bare HttpClient).</summary>
    public static string Helper => "bench/Scenario.Bench/bin/Release/net10.0/Scenario.Bench";

    public Service New(Place place) => services[place.Suffix];

    public Service Base(Place place) => services[place.Suffix + ".base"];

    public Turn TurnOn(Place place, bool warming = false) => new(Samples, New(place), warming);

    /// <summary>The pid of @tus/server here: case 10 reads its peak RSS.</summary>
    public int TusPid(Place place) => tusPids[place.Suffix];

    public async Task StartTusAsync(Place place) => tusPids[place.Suffix] = (await Servers.StartTusAsync(place)).Id;

    public async Task StartServiceAsync(Place place) => services[place.Suffix] = await Servers.StartServiceAsync(place, "", ".");

    /// <summary>The baseline's twin of the new service here, stopped until its turn.</summary>
    public async Task StartBaseServiceAsync(Place place)
    {
        if (settings.BaselineRoot is { } root)
        {
            var service = await Servers.StartServiceAsync(place, ".base", root);
            services[place.Suffix + ".base"] = service;
            Proc.Signal(service.Pid, Proc.SigStop);
        }
    }

    /// <summary>Runs a measurement against the baseline's service: the new one stopped meanwhile, as the baseline is otherwise.</summary>
    public async Task AsBaseAsync(Place place, bool warming, Func<Turn, Task> measure)
    {
        var (fresh, old) = (New(place), Base(place));
        Proc.Signal(fresh.Pid, Proc.SigStop);
        Proc.Signal(old.Pid, Proc.SigCont);
        try
        {
            await measure(new Turn(Samples, old, warming));
        }
        finally
        {
            Proc.Signal(old.Pid, Proc.SigStop);
            Proc.Signal(fresh.Pid, Proc.SigCont);
        }
    }

    public void Dispose() => processes.Dispose();
}
