using Scenario.Uploads.Server.Wire;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.ApiReference;
using Scenario.Uploads.Server.Auth;
using Scenario.Uploads.Server.Cors;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Parts;
using Scenario.Uploads.Server.RateLimits;
using Scenario.Uploads.Server.Requests;
using Scenario.Uploads.Server.Signing;
using Scenario.Uploads.Server.Uploads;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Endpoints;

/// <summary>What an upload becomes: its asset or model, and its job. Another owner's is a 404.</summary>
public static class EntityEndpoints
{
    public static void MapEntityEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1").RequireAuthorization().RequireCors(ApiCors.Policy).RequireRateLimiting(RateLimitPolicies.Read);
        group.MapGetAndHead("/assets/{assetId}", GetAsset).WithName(OperationIds.RetrieveAsset);
        group.MapGetAndHead("/models/{modelId}", GetModel).WithName(OperationIds.RetrieveModel);
        group.MapGetAndHead("/jobs/{jobId}", GetJob).WithName(OperationIds.RetrieveJob);
    }

    private static async Task<Results<JsonOkResult<AssetEnvelope>, ProblemHttpResult>> GetAsset(
        string assetId, HttpRequest request, ClaimsPrincipal user, IEntityRepository entities, DownloadLinks links, CancellationToken cancellationToken)
    {
        var asset = Ids.LooksValid(assetId) ? await entities.FindAssetAsync(assetId, cancellationToken) : null;
        if (asset is null || asset.OwnerId != user.OwnerId())
        {
            return ApiProblem.NotFound("asset");
        }
        return JsonOkResult.Of(new AssetEnvelope(new AssetDto
        {
            Id = asset.Id,
            OwnerId = asset.OwnerId,
            AuthorId = asset.AuthorId,
            UploadId = asset.UploadId,
            Kind = asset.Kind,
            FileName = asset.FileName,
            ContentType = asset.ContentType,
            FileSize = asset.FileSize,
            Sha256 = asset.Sha256,
            Url = links.For(new DownloadTarget(asset.Id, asset.StorageKey, asset.FileName, asset.ContentType), request),
            CollectionIds = asset.CollectionIds,
            Hidden = asset.Hidden,
            ParentId = asset.ParentId,
            Metadata = Json(asset.MetadataJson),
            CreatedAt = Iso8601.Format(asset.CreatedAt),
        }));
    }

    private static async Task<Results<JsonOkResult<ModelEnvelope>, ProblemHttpResult>> GetModel(
        string modelId, HttpRequest request, ClaimsPrincipal user, IEntityRepository entities, DownloadLinks links, CancellationToken cancellationToken)
    {
        var model = Ids.LooksValid(modelId) ? await entities.FindModelAsync(modelId, cancellationToken) : null;
        if (model is null || model.OwnerId != user.OwnerId())
        {
            return ApiProblem.NotFound("model");
        }
        return JsonOkResult.Of(new ModelEnvelope(new ModelDto
        {
            Id = model.Id,
            OwnerId = model.OwnerId,
            AuthorId = model.AuthorId,
            UploadId = model.UploadId,
            Name = model.Name,
            FileName = model.FileName,
            ContentType = model.ContentType,
            FileSize = model.FileSize,
            Sha256 = model.Sha256,
            Url = links.For(new DownloadTarget(model.Id, model.StorageKey, model.FileName, model.ContentType), request),
            Config = Json(model.ConfigJson),
            Metadata = Json(model.MetadataJson),
            CreatedAt = Iso8601.Format(model.CreatedAt),
        }));
    }

    private static async Task<Results<JsonOkResult<JobEnvelope>, ProblemHttpResult>> GetJob(
        string jobId, ClaimsPrincipal user, IJobQueue jobs, CancellationToken cancellationToken)
    {
        var job = Ids.LooksValid(jobId) ? await jobs.FindForOwnerAsync(user.OwnerId(), jobId, cancellationToken) : null;
        if (job is null)
        {
            return ApiProblem.NotFound("job");
        }
        return JsonOkResult.Of(new JobEnvelope(new JobDto
        {
            JobId = job.Id,
            JobType = job.JobType,
            Status = job.Status,
            Progress = job.Progress,
            Metadata = Json(job.MetadataJson),
            CreatedAt = Iso8601.Format(job.CreatedAt),
            UpdatedAt = Iso8601.Format(job.UpdatedAt),
        }));
    }

    private static JsonElement? Json(string? text) => text is null ? null : JsonSerializer.Deserialize<JsonElement>(text);
}

/// <summary>Signed download URLs for stored files: the service's own on local disk, the store's on S3.</summary>
public sealed class DownloadLinks(IDownloadUrlSigner signer, PublicBaseUrl baseUrl, IOptions<UploadsOptions> options, TimeProvider time)
{
    public string For(DownloadTarget target, HttpRequest request) =>
        // S3 serves the type it is told in the signed URL: only one a response header can carry.
        signer.SignDownloadUrl(target with { ContentType = MediaTypes.Servable(target.ContentType) }, time.GetUtcNow() + options.Value.DownloadUrlLifetime, baseUrl.For(request));
}
