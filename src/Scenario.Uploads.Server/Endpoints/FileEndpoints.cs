using Microsoft.Net.Http.Headers;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.ApiReference;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Server.Parts;
using Scenario.Uploads.Server.Requests;
using Scenario.Uploads.Server.Signing;
using Scenario.Uploads.Server.Uploads;
using Scenario.Uploads.Storage;
using Scenario.Uploads.Validation;

namespace Scenario.Uploads.Server.Endpoints;

/// <summary>Signed downloads of an asset's or model's file, with Range support (resumable, seekable).</summary>
public static class FileEndpoints
{
    public static void MapFileEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapGetAndHead("/v1/files/{entityId}", Download).RequireCors(PartEndpoints.CorsPolicy).AllowAnonymous()
            .WithName(OperationIds.DownloadFile);

    private static async Task<IResult> Download(
        string entityId, HttpRequest request, UrlSigner signer, IEntityRepository entities, IBlobStore blobs, TimeProvider time,
        CancellationToken cancellationToken)
    {
        switch (signer.VerifyDownload(entityId, request.Query["expires"], request.Query["signature"], time.GetUtcNow()))
        {
            case SignatureCheck.Invalid:
                return ApiProblem.Forbidden(ErrorCodes.InvalidSignature, "The download URL's signature does not match: use the URL exactly as the service gave it.");
            case SignatureCheck.Expired:
                return ApiProblem.Forbidden(ErrorCodes.UrlExpired, "The download URL has expired. Retrieve the asset or model again for a fresh one.");
        }
        var file = await FindAsync(entityId, entities, cancellationToken);
        if (file is null)
        {
            return ApiProblem.NotFound("file");
        }
        var content = await blobs.OpenReadAsync(file.Value.StorageKey, cancellationToken);
        // Rows written before create checked contentType may hold one no header can carry ("text/plain; charset=é"):
        // served as that, every download of the file was a 500.
        var contentType = MediaTypes.Servable(file.Value.ContentType);
        return new RangeCheckedFile(TypedResults.Stream(
            new RandomAccessContentStream(content), contentType, file.Value.FileName,
            entityTag: new EntityTagHeaderValue($"\"{file.Value.Sha256}\""), enableRangeProcessing: true));
    }

    private static async Task<(string StorageKey, string ContentType, string FileName, string Sha256)?> FindAsync(
        string entityId, IEntityRepository entities, CancellationToken cancellationToken)
    {
        if (!Ids.LooksValid(entityId))
        {
            return null;
        }
        if (entityId.StartsWith("model_", StringComparison.Ordinal))
        {
            return await entities.FindModelAsync(entityId, cancellationToken) is { } model
                ? (model.StorageKey, model.ContentType, model.FileName, model.Sha256)
                : null;
        }
        return await entities.FindAssetAsync(entityId, cancellationToken) is { } asset
            ? (asset.StorageKey, asset.ContentType, asset.FileName, asset.Sha256)
            : null;
    }
}
