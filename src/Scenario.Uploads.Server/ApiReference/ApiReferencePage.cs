using System.IO.Compression;
using System.Net;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;
using Scalar.AspNetCore;
using Scenario.Uploads.Server.Page;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>
/// <c>/docs</c>: Scalar's reference page for the document, every file from this origin. The page that
/// <c>MapScalarApiReference</c> serves starts itself with an inline script; this one loads the same start-up
/// from <c>/docs/reference.js</c> and the bundle Scalar.AspNetCore embeds from <c>/docs/scalar.js</c>, so its
/// Content-Security-Policy allows scripts from this origin only (no CDN, no inline code, no eval).
/// </summary>
internal static class ApiReferencePage
{
    /// <summary>
    /// Styles may be inline: Scalar's bundle inserts its own style sheets at run time. Nothing is fetched from
    /// another origin: Scalar's default fonts (a third-party host) are turned off in <c>reference.js</c>, and
    /// <c>connect-src 'self'</c> keeps the "try it" client on this service.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
        + "connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

    private const string StartScript = """
        // Scalar's start-up, from a file: the page's Content-Security-Policy runs no inline script.
        const app = document.getElementById('app');
        Scalar.createApiReference(app, {
          url: app.dataset.document,
          withDefaultFonts: false,
          agent: { disabled: true },
          mcp: { disabled: true },
          _integration: 'dotnet',
        });
        """;

    public static IResult Page(HttpContext context)
    {
        UploadPagePolicy.Apply(context.Response.Headers, ContentSecurityPolicy);
        context.Response.Headers.CacheControl = "no-cache";
        var root = WebUtility.HtmlEncode(context.Request.PathBase.Value ?? "");
        return Results.Content($"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Scenario Uploads API</title>
              <link rel="icon" href="data:,">
            </head>
            <body>
              <div id="app" data-document="{root}{ApiReferenceRegistration.DocumentPath}"></div>
              <script src="{root}{ApiReferenceRegistration.PagePath}/scalar.js"></script>
              <script src="{root}{ApiReferenceRegistration.PagePath}/reference.js"></script>
            </body>
            </html>
            """, "text/html; charset=utf-8");
    }

    // Where Scalar.AspNetCore keeps the bundle it serves itself, gzipped; the page test fails if a new version moves it.
    private static readonly IFileInfo Bundle = new EmbeddedFileProvider(typeof(ScalarOptions).Assembly, "ScalarStaticAssets").GetFileInfo("scalar.js");

    private static readonly EntityTagHeaderValue BundleTag = new($"\"scalar-{typeof(ScalarOptions).Assembly.GetName().Version}-{Bundle.Length}\"");

    public static IResult ScalarBundle(HttpContext context)
    {
        if (!Bundle.Exists)
        {
            return Results.NotFound();
        }
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        headers.Vary = HeaderNames.AcceptEncoding;
        Stream body = Bundle.CreateReadStream();
        if (AcceptsGzip(context.Request))
        {
            headers.ContentEncoding = "gzip";
        }
        else
        {
            body = new GZipStream(body, CompressionMode.Decompress);
        }
        return Results.Stream(body, "text/javascript; charset=utf-8", entityTag: BundleTag);
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.Headers.AcceptEncoding.ToString().Split(',').Any(e => e.Split(';')[0].Trim().Equals("gzip", StringComparison.OrdinalIgnoreCase));

    public static IResult Script(HttpContext context)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Text(StartScript, "text/javascript; charset=utf-8");
    }
}
