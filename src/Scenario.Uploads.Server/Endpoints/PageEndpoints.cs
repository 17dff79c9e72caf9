using Microsoft.Net.Http.Headers;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Server.Page;

namespace Scenario.Uploads.Server.Endpoints;

/// <summary>
/// The upload page: <c>/</c> and its two bundled files under <c>/page/</c> (names carry a content hash, so
/// they are cached for good and a new build is never mixed with an old one). The API stays under /v1.
/// </summary>
public static class PageEndpoints
{
    private const string ImmutableCache = "public, max-age=31536000, immutable";

    public static IServiceCollection AddUploadPage(this IServiceCollection services) =>
        services.AddSingleton<UploadPageAssets>().AddSingleton<UploadPagePolicy>();

    /// <summary>Before the API's middleware: state-changing API requests from other sites' pages are refused.</summary>
    public static IApplicationBuilder UseUploadPage(this IApplicationBuilder app) => app.UseMiddleware<CrossSiteRequestGuard>();

    public static void MapUploadPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGetAndHead("/", Index).AllowAnonymous().ExcludeFromDescription();
        routes.MapGetAndHead("/page/{name}", Asset).AllowAnonymous().ExcludeFromDescription();
    }

    private static Task Index(HttpContext context, UploadPageAssets assets, UploadPagePolicy policy)
    {
        if (assets.Find("index.html") is not { } index)
        {
            return ApiProblem.NotFound("page").ExecuteAsync(context);
        }
        UploadPagePolicy.Apply(context.Response.Headers, policy.ContentSecurityPolicy(context.Request));
        // The page names the current bundle: always asked again (a 304 while it has not changed).
        return SendAsync(context, index, "no-cache");
    }

    private static Task Asset(string name, HttpContext context, UploadPageAssets assets)
    {
        if (name == "index.html" || assets.Find(name) is not { } asset)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers["Cross-Origin-Resource-Policy"] = "same-origin";
        return SendAsync(context, asset, ImmutableCache);
    }

    private static async Task SendAsync(HttpContext context, PageAsset asset, string cacheControl)
    {
        var response = context.Response;
        response.Headers.CacheControl = cacheControl;
        response.Headers.ETag = asset.ETag;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        var body = asset.Bytes;
        if (asset.Brotli is { } brotli && AcceptsBrotli(context.Request))
        {
            response.Headers.ContentEncoding = "br";
            body = brotli;
        }
        response.ContentType = asset.ContentType;
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private static bool AcceptsBrotli(HttpRequest request) =>
        request.Headers.AcceptEncoding.ToString().Split(',').Any(e => e.Split(';')[0].Trim().Equals("br", StringComparison.OrdinalIgnoreCase));
}
