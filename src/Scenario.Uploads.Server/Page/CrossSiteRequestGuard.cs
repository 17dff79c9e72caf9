using Scenario.Uploads.Server.Cors;
using Scenario.Uploads.Server.Http;

namespace Scenario.Uploads.Server.Page;

/// <summary>
/// Refuses a state-changing API request that a browser sent on behalf of another site. The API has no
/// cookies and the page sends HTTP Basic from a header set by its script, which no form of another site can
/// set; but a browser that once answered its own Basic login prompt (someone opened /v1/uploads in the
/// address bar) replays those credentials on every request to this origin, a cross-site form POST
/// included. Browsers say where a request comes from (Sec-Fetch-Site, else Origin); clients that are not
/// browsers (curl, the SDK, the CLI) send neither and are not affected. The signed part and file URLs are
/// meant to be used from anywhere and are left alone, and so are the origins the operator trusts
/// (<c>Cors:AllowedOrigins</c>), whose pages the API's CORS policy answers.
/// </summary>
public sealed class CrossSiteRequestGuard(RequestDelegate next, ApiCorsOrigins trusted)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || !request.Path.StartsWithSegments("/v1") || IsSignedUrl(request.Path) || trusted.Allows(request.Headers.Origin)
            || !FromAnotherSite(request))
        {
            return next(context);
        }
        return ApiProblem.Forbidden(Errors.ErrorCodes.CrossSiteRequest,
            "This request came from a page of another site, and the API takes no requests from other sites' pages. Use the upload page this service serves, or call the API from a program.")
            .ExecuteAsync(context);
    }

    private static bool IsSignedUrl(PathString path) =>
        path.StartsWithSegments("/v1/files") || (path.Value?.Contains("/parts/", StringComparison.Ordinal) ?? false);

    private static bool FromAnotherSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            // "none": typed in the address bar or opened from a bookmark, by the user.
            return site is not ("same-origin" or "none");
        }
        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && origin != "null"
            ? !Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            : origin == "null";
    }
}
