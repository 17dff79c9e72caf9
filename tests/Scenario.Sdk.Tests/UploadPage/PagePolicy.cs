using System.Text.Json;

namespace Scenario.Sdk.Tests.UploadPage;

/// <summary>
/// The upload page's retry policy and part-plan limits, read from its transferPolicy.json, with the verdict its
/// retryPolicy.ts draws from them (that function's few lines, mirrored: the table is what differs between sides).
/// </summary>
public sealed class PagePolicy
{
    private readonly JsonElement _root;

    private PagePolicy(JsonElement root) => _root = root;

    public static PagePolicy Load()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scenario.Uploads.slnx")))
        {
            directory = directory.Parent;
        }
        var path = Path.Combine(directory!.FullName, "src", "Scenario.Uploads.Web", "src", "transfer", "transferPolicy.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new PagePolicy(document.RootElement.Clone());
    }

    public int Retries(string kind) => _root.GetProperty(kind).GetProperty("retries").GetInt32();

    public bool RetriesLostConnections(string kind) => _root.GetProperty(kind).GetProperty("lostConnection").GetBoolean();

    public IReadOnlyList<string> FinalCodes => [.. _root.GetProperty("api").GetProperty("finalCodes").EnumerateArray().Select(c => c.GetString()!)];

    public double Backoff(string name) => _root.GetProperty("backoff").GetProperty(name).GetDouble();

    public double RetryAfterMaxSeconds => _root.GetProperty("retryAfterMaxSeconds").GetDouble();

    public long PartPlan(string name) => _root.GetProperty("partPlan").GetProperty(name).GetInt64();

    /// <summary>Whether the page sends a request that failed with <paramref name="status"/> again (renewing a part's URL or not).</summary>
    public bool Retried(string kind, int status, string? code)
    {
        if (kind == "parts" && InRanges(_root.GetProperty("parts").GetProperty("renewUrl"), status))
        {
            return true;
        }
        if (kind == "api" && status == 409 && code is not null && FinalCodes.Contains(code))
        {
            return false;
        }
        return InRanges(_root.GetProperty(kind).GetProperty("retried"), status);
    }

    /// <summary>The attempts the page makes of a request that keeps failing with <paramref name="status"/>.</summary>
    public int Attempts(string kind, int status, string? code) => Retried(kind, status, code) ? Retries(kind) + 1 : 1;

    /// <summary>The range the page's backoff before retry <paramref name="attempt"/> + 1 falls in, in seconds.</summary>
    public (double Least, double Most) BackoffRange(int attempt)
    {
        var most = Math.Min(Backoff("initialSeconds") * Math.Pow(2, attempt), Backoff("maxSeconds"));
        return (most * (1 - Backoff("jitter")), most);
    }

    private static bool InRanges(JsonElement ranges, int status) =>
        ranges.EnumerateArray().Any(r => status >= r[0].GetInt32() && status <= r[1].GetInt32());
}
