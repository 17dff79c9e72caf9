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
            return;
        }
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var (code, detail) = status switch
        {
            404 => (ErrorCodes.NotFound, "There is no such endpoint. See the API reference for the paths under /v1."),
            405 => (ErrorCodes.BadRequest, "This endpoint does not accept that HTTP method."),
            413 => (ErrorCodes.BodyTooLarge, "The request body is larger than this endpoint accepts."),
            >= 500 => (ErrorCodes.InternalError, "The service failed to handle this request. It was logged; try again, and contact the operator if it persists."),
            _ => (ErrorCodes.BadRequest, problem.Detail ?? "The request is malformed."),
        };
        problem.Detail ??= detail;
        ApiProblem.Fill(problem, code, problem.Detail);
    }
}
