using Scenario.Uploads.Server.Wire;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.ApiReference;
using Scenario.Uploads.Server.Auth;
using Scenario.Uploads.Server.Cors;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Parts;
using Scenario.Uploads.Server.RateLimits;
using Scenario.Uploads.Server.Quotas;
using Scenario.Uploads.Server.Requests;
using Scenario.Uploads.Server.Signing;
using Scenario.Uploads.Server.Uploads;

namespace Scenario.Uploads.Server.Endpoints;

/// <summary>The reference's three upload endpoints, plus our list extension.</summary>
public static class UploadEndpoints
{
    public static void MapUploadEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/uploads").RequireAuthorization().RequireCors(ApiCors.Policy);
        group.MapPost("/", Create).RequireRateLimiting(RateLimitPolicies.Create).WithName(OperationIds.CreateUpload);
        group.MapGetAndHead("/", List).RequireRateLimiting(RateLimitPolicies.Read).WithName(OperationIds.ListUploads);
        group.MapGetAndHead("/{uploadId}", Retrieve).RequireRateLimiting(RateLimitPolicies.Read).WithName(OperationIds.RetrieveUpload);
        group.MapPost("/{uploadId}/action", TriggerAction).RequireRateLimiting(RateLimitPolicies.Action).WithName(OperationIds.TriggerUploadAction);
    }

    // POST /uploads: "Create a temporary upload URL for a file. Support multipart uploads."
    private static async Task<Results<JsonOkResult<UploadCreateResponse>, ProblemHttpResult>> Create(
        HttpRequest request, ClaimsPrincipal user, UploadCreation service, PartInventory partInventory, UploadPresenter presenter,
        PublicBaseUrl baseUrl, IOptions<UploadsOptions> options, QuotaPolicy quotas, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        if (body.Error is { } bodyError)
        {
            return ApiProblem.Of(bodyError);
        }
        using var document = body.Value;
        var parsed = CreateUploadParser.Parse(document.RootElement, options.Value.MaxFileSize);
        if (parsed.Error is { } parseError)
        {
            return ApiProblem.Of(parseError);
        }
        var idempotent = IdempotentRequest.Read(request, document.RootElement);
        if (idempotent.Error is { } keyError)
        {
            return ApiProblem.Of(keyError);
        }
        var created = parsed.Value is MultipartCreate multipart
            ? await service.CreateMultipartAsync(multipart, user.OwnerId(), user.AuthorId(), quotas.For(user), idempotent.Value, cancellationToken)
            : await service.CreateImportAsync(parsed.Value, user.OwnerId(), user.AuthorId(), quotas.For(user), idempotent.Value, cancellationToken);
        if (created.Error is { } createError)
        {
            // A key reused for another body (409), a quota (403), or the service's own disk without room (507, retryable).
            return ApiProblem.Of(createError, request.HttpContext);
        }
        var (upload, replayed) = created.Value;
        if (!replayed)
        {
            return JsonOkResult.Of(new UploadCreateResponse(presenter.Present(upload, [], baseUrl.For(request))));
        }
        // The first create's answer, as it stands now: the parts it holds, its URLs signed afresh.
        request.HttpContext.Response.Headers[IdempotentRequest.ReplayedHeader] = "true";
        var parts = upload.Status == UploadStatuses.Pending ? await partInventory.ListAsync(upload, cancellationToken) : [];
        return JsonOkResult.Of(new UploadCreateResponse(presenter.Present(upload, parts, baseUrl.For(request))));
    }

    // GET /uploads/{uploadId}: "Get the details of an existing upload"; part URLs re-signed while pending.
    private static async Task<Results<JsonOkResult<UploadEnvelope>, ProblemHttpResult>> Retrieve(
        string uploadId, HttpRequest request, ClaimsPrincipal user, IUploadRepository uploads, PartInventory partInventory,
        UploadPresenter presenter, PublicBaseUrl baseUrl, CancellationToken cancellationToken)
    {
        var upload = Ids.LooksValid(uploadId) ? await uploads.FindForOwnerAsync(user.OwnerId(), uploadId, cancellationToken) : null;
        if (upload is null)
        {
            return ApiProblem.NotFound("upload");
        }
        var parts = upload.Status == UploadStatuses.Pending ? await partInventory.ListAsync(upload, cancellationToken) : [];
        return JsonOkResult.Of(new UploadEnvelope(presenter.Present(upload, parts, baseUrl.For(request))));
    }

    // POST /uploads/{uploadId}/action: "complete" (reference) or "abort" (our extension).
    private static async Task<Results<JsonOkResult<UploadTriggerActionResponse>, ProblemHttpResult>> TriggerAction(
        string uploadId, HttpRequest request, ClaimsPrincipal user, IUploadRepository uploads, UploadActions service,
        PartInventory partInventory, UploadPresenter presenter, PublicBaseUrl baseUrl, QuotaPolicy quotas, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        if (body.Error is { } bodyError)
        {
            return ApiProblem.Of(bodyError);
        }
        using var document = body.Value;
        var action = document.RootElement.ValueKind == JsonValueKind.Object ? new JsonFields(document.RootElement).String("action") : null;
        // A field that is no string, or none that .NET can read ("\ud800"), is invalid_field as on create.
        if (action?.Error is { } fieldError)
        {
            return ApiProblem.BadRequest(fieldError.Code, $"{fieldError.Detail} {ActionUsage}");
        }
        if (action?.Value is not ("complete" or "upload-complete" or "abort"))
        {
            return ApiProblem.BadRequest(ErrorCodes.InvalidAction, ActionUsage);
        }
        var upload = Ids.LooksValid(uploadId) ? await uploads.FindForOwnerAsync(user.OwnerId(), uploadId, cancellationToken) : null;
        if (upload is null)
        {
            return ApiProblem.NotFound("upload");
        }
        var outcome = action.Value == "abort"
            ? await service.AbortAsync(upload, cancellationToken)
            : await service.CompleteAsync(upload, quotas.For(user), cancellationToken);
        if (outcome.Error is { } problem)
        {
            return ApiProblem.Of(problem);
        }
        var parts = outcome.Value.Status == UploadStatuses.Pending ? await partInventory.ListAsync(outcome.Value, cancellationToken) : [];
        return JsonOkResult.Of(new UploadTriggerActionResponse(presenter.Present(outcome.Value, parts, baseUrl.For(request))));
    }

    // GET /uploads: our extension, newest first, paginated.
    private static async Task<Results<JsonOkResult<UploadListEnvelope>, ProblemHttpResult>> List(
        HttpRequest request, ClaimsPrincipal user, IUploadRepository uploads, UploadPresenter presenter, PublicBaseUrl baseUrl,
        CancellationToken cancellationToken)
    {
        var page = PageRequest.Parse(request.Query);
        if (page.Error is { } pageError)
        {
            return ApiProblem.Of(pageError);
        }
        var rows = await uploads.ListAsync(user.OwnerId(), page.Value.Size + 1, page.Value.After, cancellationToken);
        var shown = rows.Take(page.Value.Size).ToList();
        var next = rows.Count > page.Value.Size ? PageRequest.Token(shown[^1]) : null;
        var publicBase = baseUrl.For(request);
        // A list shows no part URLs: a page of 10,000-part uploads would be megabytes. Retrieve one for them.
        var dtos = shown.Select(u => presenter.Present(u, [], publicBase) with { Parts = null }).ToList();
        return JsonOkResult.Of(new UploadListEnvelope(dtos, next));
    }

    private const string ActionUsage = "Send {\"action\":\"complete\"} when every part is uploaded, or {\"action\":\"abort\"} to give up.";
}
