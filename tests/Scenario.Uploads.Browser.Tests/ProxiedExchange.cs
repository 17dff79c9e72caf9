using Microsoft.AspNetCore.Http;

namespace Scenario.Uploads.Browser.Tests;

/// <summary>A request the <see cref="PartCountingProxy"/> forwarded, with its answer's status and headers (CORS's included).</summary>
public sealed record ProxiedExchange(string Method, string Path, int Status, IReadOnlyDictionary<string, string> RequestHeaders, IReadOnlyDictionary<string, string> ResponseHeaders)
{
    /// <summary>A browser's CORS preflight: an OPTIONS asking for a method.</summary>
    public bool IsPreflight => Method == HttpMethods.Options && RequestHeaders.ContainsKey("Access-Control-Request-Method");

    public string? Origin => RequestHeaders.GetValueOrDefault("Origin");

    public string? Asked(string header) => RequestHeaders.GetValueOrDefault(header);

    public string? Answered(string header) => ResponseHeaders.GetValueOrDefault(header);

    /// <summary>A comma-separated header of the answer as lower-case items (<c>Access-Control-Allow-Methods</c>, say).</summary>
    public HashSet<string> AnsweredList(string header) =>
        (Answered(header) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(v => v.ToLowerInvariant()).ToHashSet();
}
