using Microsoft.AspNetCore.Http;
using Scenario.Uploads.Errors;

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
