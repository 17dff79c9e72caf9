using System.Net;

namespace Scenario.Exceptions;

/// <summary>The service answered with an error status. Subclasses name the common statuses.</summary>
public class ScenarioApiException : ScenarioException
{
    /// <summary>Creates the exception; use <see cref="ScenarioExceptionFactory"/> to pick the right subclass.</summary>
    /// <param name="error">What the service said.</param>
    public ScenarioApiException(ApiError error)
        : base(error.ToMessage())
    {
        StatusCode = error.StatusCode;
        Code = error.Code;
        Detail = error.Detail;
        TraceId = error.TraceId;
        Body = error.Body;
    }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The stable machine-readable error code (problem+json <c>code</c>), such as <c>parts_missing</c>.</summary>
    public string? Code { get; }

    /// <summary>The human-readable explanation (problem+json <c>detail</c> or <c>reason</c>).</summary>
    public string? Detail { get; }

    /// <summary>The server's trace id, to quote when reporting a problem.</summary>
    public string? TraceId { get; }

    /// <summary>The raw response body.</summary>
    public string Body { get; }
}
