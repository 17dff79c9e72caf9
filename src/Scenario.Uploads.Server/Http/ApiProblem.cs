using Scenario.Uploads.Errors;
using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Scenario.Uploads.Server.Http;

/// <summary>
/// Builds every error answer: RFC 9457 problem+json with the stable <c>code</c>, and <c>reason</c>
/// repeating <c>detail</c> for Scenario clients.
/// </summary>
public static class ApiProblem
{
    public static ProblemHttpResult Create(int status, string code, string detail, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails
        {
            Type = TypeOf(code),
            Title = Titles.GetValueOrDefault(status, "Error"),
            Status = status,
            Detail = detail,
        };
        Fill(problem, code, detail);
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                problem.Extensions[key] = value;
            }
        }
        return TypedResults.Problem(problem);
    }

    /// <summary>The problem's <c>type</c> URI for <paramref name="code"/>.</summary>
    public static string TypeOf(string code) => $"https://docs.scenario.com/errors/{code.Replace('_', '-')}";

    /// <summary>Adds our fields to a problem the framework made (404 for unknown routes, 415, …).</summary>
    public static void Fill(ProblemDetails problem, string code, string? detail)
    {
        problem.Extensions["reason"] = detail ?? problem.Title;
        problem.Extensions["code"] = code;
        StampTraceId(problem);
    }

    /// <summary>
    /// The W3C trace id alone (32 hex digits), not the traceparent ASP.NET Core's writer puts there: the id a
    /// tracing backend is searched by, and the one a client sent in its own traceparent header.
    /// </summary>
    public static void StampTraceId(ProblemDetails problem) =>
        problem.Extensions["traceId"] = (Activity.Current?.TraceId ?? ActivityTraceId.CreateRandom()).ToHexString();

    /// <summary>The answer to a problem, with its code's status.</summary>
    public static ProblemHttpResult Of(Errors.Problem problem) =>
        Create(problem.Status, problem.Code, problem.Detail, problem.Extensions is null ? null : new Dictionary<string, object?>(problem.Extensions));

    /// <summary>
    /// The same, with <c>Retry-After</c> (and the reference's <c>remainingSeconds</c>) for the codes that say
    /// when to try again: the service's own events (full, busy, restarting), never the client's mistakes.
    /// </summary>
    public static ProblemHttpResult Of(Errors.Problem problem, HttpContext context)
    {
        return Errors.ErrorStatuses.RetryAfterSeconds(problem.Code) is { } seconds ? WithRetryAfter(problem, seconds, context) : Of(problem);
    }

    /// <summary>A problem that says when to try again: <c>Retry-After</c> and <c>remainingSeconds</c>, the same number.</summary>
    public static ProblemHttpResult WithRetryAfter(Errors.Problem problem, int seconds, HttpContext context)
    {
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var extensions = new Dictionary<string, object?>(problem.Extensions ?? new Dictionary<string, object?>()) { ["remainingSeconds"] = seconds };
        return Create(problem.Status, problem.Code, problem.Detail, extensions);
    }

    public static ProblemHttpResult BadRequest(string code, string detail) => Create(StatusCodes.Status400BadRequest, code, detail);

    public static ProblemHttpResult NotFound(string what) => Of(Errors.Problem.NotFound(what));

    public static ProblemHttpResult Conflict(string code, string detail) => Create(StatusCodes.Status409Conflict, code, detail);

    public static ProblemHttpResult Forbidden(string code, string detail) => Create(StatusCodes.Status403Forbidden, code, detail);

    private static readonly Dictionary<int, string> Titles = new()
    {
        [400] = "Bad Request",
        [401] = "Unauthorized",
        [403] = "Forbidden",
        [404] = "Not Found",
        [405] = "Method Not Allowed",
        [408] = "Request Timeout",
        [409] = "Conflict",
        [410] = "Gone",
        [411] = "Length Required",
        [412] = "Precondition Failed",
        [413] = "Content Too Large",
        [415] = "Unsupported Media Type",
        [416] = "Range Not Satisfiable",
        [423] = "Locked",
        [429] = "Too Many Requests",
        [460] = "Checksum Mismatch",
        [500] = "Internal Server Error",
        [503] = "Service Unavailable",
        [507] = "Insufficient Storage",
    };
}
