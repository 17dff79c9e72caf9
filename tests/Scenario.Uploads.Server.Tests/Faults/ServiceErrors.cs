using System.Text.Json;

namespace Scenario.Uploads.Server.Tests.Faults;

/// <summary>
/// The errors the instances logged (JSON console lines), each cut to what a reader of a failed test needs:
/// the request path, the exception's first line and the first frame in the project's code.
/// </summary>
public static class ServiceErrors
{
    /// <summary>The distinct errors logged (of the given levels; those mentioning a text, an id say).</summary>
    public static IEnumerable<string> Of(IEnumerable<string> logs, string? mentioning = null, string[]? levels = null, int most = 8) => logs
        .SelectMany(log => log.Split('\n'))
        .Where(l => (levels ?? ["Error", "Critical"]).Any(level => l.Contains($"\"LogLevel\":\"{level}\"", StringComparison.Ordinal)))
        .Where(l => mentioning is null || l.Contains(mentioning, StringComparison.Ordinal))
        .Select(Summarize)
        .Distinct(StringComparer.Ordinal)
        .Take(most);

    private static string Summarize(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var exception = root.TryGetProperty("Exception", out var e) ? e.GetString() ?? "" : "";
            var lines = exception.Split('\n');
            var frame = lines.FirstOrDefault(l => l.TrimStart().StartsWith("at Scenario.", StringComparison.Ordinal))?.Trim();
            var path = root.TryGetProperty("Scopes", out var scopes)
                ? scopes.EnumerateArray().Select(s => s.TryGetProperty("RequestPath", out var p) ? p.GetString() : null).FirstOrDefault(p => p is not null)
                : null;
            return $"{root.GetProperty("Category").GetString()}: {path} {root.GetProperty("Message").GetString()} | {lines[0]} | {frame}";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return line.Length <= 400 ? line : line[..400];
        }
    }
}
