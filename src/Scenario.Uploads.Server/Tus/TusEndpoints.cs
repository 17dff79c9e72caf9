using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.ApiReference;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.RateLimits;

namespace Scenario.Uploads.Server.Tus;

/// <summary>
/// <c>/v1/tus</c>: tus 1.0.0 and, for a request that carries <c>Upload-Draft-Interop-Version</c>, the IETF
/// resumable-upload draft, over the same uploads as the API (an upload's URL here is named after its id).
/// </summary>
public static class TusEndpoints
{
    public const string Path = "/v1/tus";

    public static void MapTusEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Path).RequireCors(TusRegistration.CorsPolicy);
        // Discovery needs no key: it says what the server speaks, nothing of anyone's uploads.
        group.MapMethods("/", ["OPTIONS"], Options).AllowAnonymous().WithName(OperationIds.DescribeResumable);
        // The same answer for an upload's URL, where some clients ask; one operation in the document.
        group.MapMethods("/{uploadId}", ["OPTIONS"], Options).AllowAnonymous().ExcludeFromDescription();
        var uploads = group.MapGroup("/").RequireAuthorization();
        uploads.MapPost("/", (HttpContext context, ClaimsPrincipal user, TusHandlers tus, RufhHandlers rufh) =>
            RufhHandlers.IsRufh(context.Request) ? rufh.CreateAsync(context, user) : tus.CreateAsync(context, user))
            .RequireRateLimiting(RateLimitPolicies.Create).WithMetadata(new DisableRequestSizeLimitAttribute()).WithName(OperationIds.CreateResumable);
        // HEAD in both protocols; the draft (interop version 9) lets a client ask with GET too.
        uploads.MapGetAndHead("/{uploadId}", (string uploadId, HttpContext context, ClaimsPrincipal user, TusHandlers tus, RufhHandlers rufh) =>
            RufhHandlers.IsRufh(context.Request) ? rufh.OffsetAsync(uploadId, context, user) : tus.OffsetAsync(uploadId, context, user))
            .RequireRateLimiting(RateLimitPolicies.Read).WithName(OperationIds.RetrieveResumableOffset);
        uploads.MapMethods("/{uploadId}", ["PATCH"], (string uploadId, HttpContext context, ClaimsPrincipal user, TusHandlers tus, RufhHandlers rufh) =>
            RufhHandlers.IsRufh(context.Request) ? rufh.AppendAsync(uploadId, context, user) : tus.AppendAsync(uploadId, context, user))
            .WithMetadata(new DisableRequestSizeLimitAttribute()).WithName(OperationIds.AppendResumable);
        uploads.MapDelete("/{uploadId}", (string uploadId, HttpContext context, ClaimsPrincipal user, TusHandlers tus, RufhHandlers rufh) =>
            RufhHandlers.IsRufh(context.Request) ? rufh.CancelAsync(uploadId, context, user) : tus.TerminateAsync(uploadId, context, user))
            .RequireRateLimiting(RateLimitPolicies.Action).WithName(OperationIds.TerminateResumable);
    }

    /// <summary>The URL of an upload here, on the public base the API's own URLs use.</summary>
    internal static string UrlOf(string baseUrl, string id) => $"{baseUrl}{Path.TrimStart('/')}/{id}";

    private static IResult Options(HttpContext context, IOptions<UploadsOptions> options)
    {
        var headers = context.Response.Headers;
        headers[TusHeaders.Resumable] = TusHeaders.TusVersion;
        headers[TusHeaders.Version] = TusHeaders.TusVersion;
        headers[TusHeaders.Extension] = TusHeaders.Extensions;
        headers[TusHeaders.MaxSize] = TusHeaders.Number(options.Value.MaxFileSize);
        headers[TusHeaders.ChecksumAlgorithm] = string.Join(',', TusChecksum.Algorithms);
        headers[TusHeaders.Limit] = RufhHandlers.Limit(options.Value, RufhHandlers.Version(context.Request) ?? RufhHandlers.Newest);
        // RUFH (drafts -10 and -11): what PATCH takes.
        headers["Accept-Patch"] = TusHeaders.PartialUpload;
        return Results.NoContent();
    }
}
