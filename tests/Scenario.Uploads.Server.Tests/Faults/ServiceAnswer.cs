using System.Net;
using System.Text.Json;

namespace Scenario.Uploads.Server.Tests.Faults;

/// <summary>
/// One answer of the service (or a transport failure reaching it) to a request of the load, and whether a
/// client may accept it during a backend outage: success, or a well-formed retryable refusal.
/// </summary>
public sealed record ServiceAnswer(string Operation, string Target, int Status, string? RetryAfter, string? MediaType, string? Code, string Detail)
{
    /// <summary>When the request was sent and how long its answer took, for the test's diagnostics (never asserted on).</summary>
    public (TimeSpan SentAt, TimeSpan Took) Timing { get; init; }

    public const int NoAnswer = 0;

    /// <summary>Requests of the load are all valid: only 2xx, or 503 / 507 as problem+json with a code and Retry-After.</summary>
    public bool IsAcceptable => Status is >= 200 and < 300 || IsWellFormedRefusal;

    public bool IsWellFormedRefusal =>
        Status is (int)HttpStatusCode.ServiceUnavailable or (int)HttpStatusCode.InsufficientStorage
        && RetryAfter is not null
        && MediaType == "application/problem+json"
        && !string.IsNullOrEmpty(Code) && Code != "internal_error";

    public static async Task<ServiceAnswer> OfAsync(string operation, string target, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        return new ServiceAnswer(operation, target, (int)response.StatusCode, response.Headers.RetryAfter?.ToString(), mediaType,
            mediaType == "application/problem+json" ? CodeOf(body) : null,
            response.IsSuccessStatusCode ? "" : Shorten(body));
    }

    public static ServiceAnswer Failed(string operation, string target, Exception error) =>
        new(operation, target, NoAnswer, null, null, null, $"{error.GetType().Name}: {Shorten(error.Message)}");

    public override string ToString() =>
        $"{Operation} {Target} at {Timing.SentAt.TotalSeconds:0.0} s: {(Status == NoAnswer ? "no answer" : Status)}{(Code is null ? "" : $" {Code}")}"
        + $"{(RetryAfter is null ? "" : $" Retry-After {RetryAfter}")} after {Timing.Took.TotalSeconds:0.0} s {Detail}";

    private static string? CodeOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
