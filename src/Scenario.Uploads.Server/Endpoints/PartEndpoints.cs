using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Scenario.Uploads.Server.ApiReference;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Server.Parts;
using Scenario.Uploads.Server.Wire;

namespace Scenario.Uploads.Server.Endpoints;

/// <summary>
/// The signed part URLs of local storage. Spec: "one plain PUT of the raw bytes to each parts[].url,
/// with no API credentials"; any order, concurrently, sent again (the last one wins); a length that
/// contradicts the part size P (or implies none) → 400 naming the expected size, the first part to arrive
/// fixing P; expired or tampered URL → 403, after complete → 409; the ETag is readable by browsers.
/// The rules themselves are <see cref="PartRequirements"/> and <see cref="PartWriter"/>: this only maps HTTP.
/// </summary>
public static class PartEndpoints
{
    public const string CorsPolicy = "signed-urls";

    public static void MapPartEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapPut("/v1/uploads/{uploadId}/parts/{partNumber}", Put)
            .RequireCors(CorsPolicy)
            .AllowAnonymous()
            .WithName(OperationIds.PutUploadPart)
            // The part store reads at most the part's planned size (plus one byte, to see an over-long body), so
            // Kestrel's limit is lifted here: it would cut off the draining of a body we refuse early, and it
            // miscounts chunked bodies (an exact-size chunked part was refused as too large).
            .WithMetadata(new DisableRequestSizeLimitAttribute());

    private static async Task<Results<JsonOkResult<PartReceiptEnvelope>, ProblemHttpResult>> Put(
        string uploadId, string partNumber, HttpContext context, PartWriter writer, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var written = await writer.WriteAsync(new PartRequest(
            uploadId, partNumber, request.Query["expires"], request.Query["signature"], request.ContentLength,
            request.Headers["Content-MD5"], request.BodyReader, cancellationToken));
        if (written.Error is { } problem)
        {
            return ApiProblem.Of(problem, context);
        }
        var part = written.Value;
        context.Response.Headers.ETag = $"\"{part.ETag}\"";
        return JsonOkResult.Of(new PartReceiptEnvelope(new PartReceiptDto(part.Number, part.Size, part.ETag)));
    }
}
