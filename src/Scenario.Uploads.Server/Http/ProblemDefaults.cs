using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Scenario.Uploads.Backends;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Server.Backends;

namespace Scenario.Uploads.Server.Http;

/// <summary>Gives problems the framework writes (unknown route, wrong method, Kestrel limits) our fields and a code.</summary>
public static class ProblemDefaults
{
    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
        {
            // Ours already; the framework's writer has just replaced its traceId with the whole traceparent.
            ApiProblem.StampTraceId(problem);
            return;
        }
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (context.Exception is { } error && context.HttpContext.RequestServices.GetService<BackendFaults>()?.Observe(error) is { } fault)
        {
            BackendUnavailable(problem, fault, context.HttpContext);
            return;
        }
        if (context.Exception is { } exception && ClientRequestErrors.StatusOf(exception) is not null)
        {
            // The exception handler's generic wording ("An error occurred…") is for our failures, not the client's.
            (var clientCode, problem.Detail) = ClientError(status, exception);
            ApiProblem.Fill(problem, clientCode, problem.Detail);
            return;
        }
        var (code, detail) = ByStatus(status, problem.Detail);
        problem.Detail ??= detail;
        ApiProblem.Fill(problem, code, problem.Detail);
    }

    /// <summary>
    /// The database or the store failed us for a moment: the server's event, which the client waits out. The
    /// exception handler chose 503 for it already (<see cref="ServerApp"/>).
    /// </summary>
    private static void BackendUnavailable(ProblemDetails problem, BackendFault fault, HttpContext context)
    {
        var (code, detail) = fault.Backend == BackendNames.Database
            ? (ErrorCodes.DatabaseUnavailable,
                "The service's database is restarting, unreachable or too slow right now. Send the same request again after Retry-After seconds "
                + "(complete, and a create with an Idempotency-Key, are safe to repeat).")
            : (ErrorCodes.StorageUnavailable,
                "The service's file storage is unreachable, overloaded or too slow right now. Send the same request again after Retry-After seconds.");
        var seconds = ErrorStatuses.RetryAfterSeconds(code) ?? 5;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        problem.Status = StatusCodes.Status503ServiceUnavailable;
        problem.Title = "Service Unavailable";
        problem.Type = ApiProblem.TypeOf(code);
        problem.Detail = detail;
        ApiProblem.Fill(problem, code, detail);
        problem.Extensions["remainingSeconds"] = seconds;
    }

    // A body Kestrel refused mid-read on an endpoint that did not catch it: say what was wrong with it.
    private static (string Code, string Detail) ClientError(int status, Exception exception) => status switch
    {
        413 => (ErrorCodes.BodyTooLarge, "The request body is larger than this endpoint accepts."),
        408 => (ErrorCodes.BadRequest, "The request body arrived too slowly; send it again."),
        _ => (ErrorCodes.BadRequest, $"The request body ended early or its framing is broken ({ClientRequestErrors.Describe(exception)}); send the request again."),
    };

    private static (string Code, string Detail) ByStatus(int status, string? detail) =>
        status switch
        {
            404 => (ErrorCodes.NotFound, "There is no such endpoint. The API reference, /docs (its OpenAPI document: /openapi/v1.json), lists the paths under /v1."),
            405 => (ErrorCodes.BadRequest, "This endpoint does not accept that HTTP method."),
            413 => (ErrorCodes.BodyTooLarge, "The request body is larger than this endpoint accepts."),
            >= 500 => (ErrorCodes.InternalError, "The service failed to handle this request. It was logged; try again, and contact the operator if it persists."),
            _ => (ErrorCodes.BadRequest, detail ?? "The request is malformed."),
        };
}
