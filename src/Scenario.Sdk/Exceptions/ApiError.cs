using System.Net;

namespace Scenario.Exceptions;

/// <summary>An error response of the service, parsed from its problem+json body.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Title">The problem title.</param>
/// <param name="Detail">The explanation (<c>detail</c>, else <c>reason</c>).</param>
/// <param name="Code">The stable error code.</param>
/// <param name="TraceId">The server's trace id.</param>
/// <param name="Body">The raw body.</param>
public sealed record ApiError(
    HttpStatusCode StatusCode,
    string? Title,
    string? Detail,
    string? Code,
    string? TraceId,
    string Body)
{
    /// <summary>One line for people: the status, the explanation and the code.</summary>
    public string ToMessage()
    {
        var text = Detail ?? Title ?? (Body.Length is > 0 and <= 200 ? Body : StatusCode.ToString());
        var code = Code is null ? "" : $" ({Code})";
        return $"{(int)StatusCode} {StatusCode}: {text}{code}";
    }
}
