using System.Diagnostics;
using System.Text.Json;

namespace Scenario.Sdk.Tests.UploadPage;

/// <summary>
/// The upload page's retry policy as its own code decides it (src/Scenario.Uploads.Web/src/transfer/retryPolicy.ts,
/// run by Node.js through pageVerdicts.mjs), and the table it reads (transferPolicy.json) for the ranges of its waits.
/// </summary>
public sealed class PagePolicy
{
    private static readonly Lazy<PagePolicy> Instance = new(Read);
    private readonly JsonElement _table;
    private readonly JsonElement _decided;

    private PagePolicy(JsonElement table, JsonElement decided) => (_table, _decided) = (table, decided);

    public static PagePolicy Load() => Instance.Value;

    public IReadOnlyList<string> FinalCodes => FinalCodesIn(_table);

    public double RetryAfterMaxSeconds => _table.GetProperty("retryAfterMaxSeconds").GetDouble();

    public long PartPlan(string name) => _table.GetProperty("partPlan").GetProperty(name).GetInt64();

    /// <summary>The attempts the page makes of a request that keeps failing with <paramref name="status"/> (0: no answer) and <paramref name="code"/>.</summary>
    public int Attempts(string kind, int status, string? code = null)
    {
        // Statuses were decided with the code "some_code"; a 409 also with each final code and "lock_timeout".
        var verdicts = _decided.GetProperty("verdicts").GetProperty(kind);
        var verdict = (verdicts.TryGetProperty($"{status}:{code}", out var coded) ? coded : verdicts.GetProperty($"{status}")).GetString();
        return verdict == "fail" ? 1 : _decided.GetProperty("retries").GetProperty(kind).GetInt32() + 1;
    }

    /// <summary>200 waits the page drew, in seconds, before retry <paramref name="attempt"/> + 1 when no Retry-After was given.</summary>
    public IEnumerable<double> WaitsBefore(int attempt) =>
        _decided.GetProperty("waits").GetProperty($"{attempt}").EnumerateArray().Select(w => w.GetDouble());

    /// <summary>The page's wait, in seconds, when Retry-After asked for <paramref name="asked"/> seconds (0, 60 or 61).</summary>
    public double WaitWhenAsked(int asked) => _decided.GetProperty("retryAfterWaits").GetProperty($"{asked}").GetDouble();

    /// <summary>The seconds the page reads from headers: "ms" (retry-after-ms 250 beside Retry-After 9), "seconds" (7), "none".</summary>
    public double? RetryAfterRead(string example) =>
        _decided.GetProperty("retryAfterRead").GetProperty(example) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    /// <summary>The range the table puts the backoff before retry <paramref name="attempt"/> + 1 in, in seconds.</summary>
    public (double Least, double Most) BackoffRange(int attempt)
    {
        var backoff = _table.GetProperty("backoff");
        var most = Math.Min(backoff.GetProperty("initialSeconds").GetDouble() * Math.Pow(2, attempt), backoff.GetProperty("maxSeconds").GetDouble());
        return (most * (1 - backoff.GetProperty("jitter").GetDouble()), most);
    }

    private static IReadOnlyList<string> FinalCodesIn(JsonElement table) =>
        [.. table.GetProperty("api").GetProperty("finalCodes").EnumerateArray().Select(c => c.GetString()!)];

    private static PagePolicy Read()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scenario.Uploads.slnx")))
        {
            directory = directory.Parent;
        }
        var web = Path.Combine(directory!.FullName, "src", "Scenario.Uploads.Web");
        using var table = JsonDocument.Parse(File.ReadAllText(Path.Combine(web, "src", "transfer", "transferPolicy.json")));
        var script = Path.Combine(directory.FullName, "tests", "Scenario.Sdk.Tests", "UploadPage", "pageVerdicts.mjs");
        using var decided = JsonDocument.Parse(RunNode([script, web, .. FinalCodesIn(table.RootElement), "lock_timeout"]));
        return new PagePolicy(table.RootElement.Clone(), decided.RootElement.Clone());
    }

    private static string RunNode(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var node = Process.Start(start)!;
        var errors = node.StandardError.ReadToEndAsync();
        var output = node.StandardOutput.ReadToEnd();
        node.WaitForExit();
        Assert.True(node.ExitCode == 0,
            $"Node.js could not run the page's retryPolicy.ts ({errors.Result.Trim()}); the service's build installs its packages (npm ci in src/Scenario.Uploads.Web).");
        return output;
    }
}
