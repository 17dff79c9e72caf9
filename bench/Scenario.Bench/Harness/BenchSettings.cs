namespace Scenario.Bench.Harness;

/// <summary>
/// What bench/run hands over in its environment: the cases asked for (BENCH_CASES, by name or by number), the runs
/// per case, the scratch folders the launcher made and removes, and the baseline it built (when BENCH_BASELINE is set).
/// </summary>
internal sealed record BenchSettings
{
    /// <summary>The cases by number: case N is the Nth name. "huge" runs only when named.</summary>
    private static readonly string[] Names = ["upload", "clients", "complete", "api", "scale", "memory", "page", "small", "huge", "tus"];
    private const string Default = "upload clients complete api scale memory page small tus";

    public required IReadOnlySet<string> Cases { get; init; }
    public required int Reps { get; init; }
    public required int WarmupSeconds { get; init; }
    public required string Scratch { get; init; }
    public required string Memory { get; init; }
    public required long StartUnixSeconds { get; init; }
    public string? BaselineRoot { get; init; }
    public string BaselineName { get; init; } = "";
    public string BaselineRev { get; init; } = "";
    public bool BaselineOwnHelper { get; init; }
    public required string HugeGib { get; init; }
    public required string HugeSource { get; init; }

    /// <summary>Case 10's file size (BENCH_TUS_MIB, 1024): smaller for a quick look while working on the case.</summary>
    public int TusMib { get; init; } = 1024;

    public bool Wants(string name) => Cases.Contains(name);

    /// <summary>Only case 8, which makes its own files: then the 1 GiB of random data is not made.</summary>
    public bool OnlySmall => Cases.Count == 1 && Wants("small");

    public static BenchSettings FromEnvironment()
    {
        string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
        var baseRoot = Env("BENCH_BASE_DIR", "");
        return new BenchSettings
        {
            Cases = ParseCases(Env("BENCH_CASES", Default)),
            Reps = int.Parse(Env("BENCH_REPS", "3")),
            WarmupSeconds = int.Parse(Env("BENCH_WARMUP", "15")),
            Scratch = Env("BENCH_SCRATCH", "") is { Length: > 0 } w ? w : throw new InvalidOperationException("BENCH_SCRATCH is not set: run bench/run"),
            Memory = Env("BENCH_MEMORY", "") is { Length: > 0 } m ? m : throw new InvalidOperationException("BENCH_MEMORY is not set: run bench/run"),
            StartUnixSeconds = long.Parse(Env("BENCH_START", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString())),
            BaselineRoot = baseRoot.Length > 0 ? baseRoot : null,
            BaselineName = Env("BENCH_BASELINE", ""),
            BaselineRev = Env("BENCH_BASE_REV", ""),
            BaselineOwnHelper = Env("BENCH_BASE_OWN_HELPER", "0") == "1",
            HugeGib = Env("BENCH_HUGE_GIB", "32"),
            HugeSource = Env("BENCH_HUGE_SOURCE", "window"),
            TusMib = int.Parse(Env("BENCH_TUS_MIB", "1024")),
        };
    }

    /// <summary>Names as today ("api scale"), or the case numbers of the README's table ("4 5"), or both.</summary>
    public static IReadOnlySet<string> ParseCases(string cases) => cases
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(c => int.TryParse(c, out var n) && n >= 1 && n <= Names.Length ? Names[n - 1] : c)
        .ToHashSet(StringComparer.Ordinal);
}
