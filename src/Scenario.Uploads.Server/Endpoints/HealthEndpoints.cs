using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.ApiReference;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Endpoints;

/// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: the database and the storage answer too.</summary>
public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" })).AllowAnonymous().WithName(OperationIds.Liveness);
        routes.MapGet("/readyz", Ready).AllowAnonymous().WithName(OperationIds.Readiness);
    }

    private static async Task<IResult> Ready(IDatabase database, IBlobStore blobs, CancellationToken cancellationToken)
    {
        var databaseOk = await database.IsReachableAsync(cancellationToken);
        var storageOk = await blobs.IsReachableAsync(cancellationToken);
        var body = new { status = databaseOk && storageOk ? "ready" : "not-ready", database = databaseOk, storage = storageOk };
        return databaseOk && storageOk ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
