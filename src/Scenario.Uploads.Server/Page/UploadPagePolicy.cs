using Scenario.Uploads.Server.Parts;
using Scenario.Uploads.Server.Requests;
using Scenario.Uploads.Server.Signing;
using Scenario.Uploads.Server.Uploads;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Page;

/// <summary>
/// The security headers of the upload page. The Content-Security-Policy allows nothing but this origin,
/// plus the one origin the page must send part bytes to when it is not this one: the S3 store's on S3, or
/// <c>Uploads:PublicBaseUrl</c>'s when the part URLs are signed for another address. No inline script
/// or style, no eval; <c>'wasm-unsafe-eval'</c> lets the page compile its XXH128/MD5 WebAssembly (bundled,
/// never fetched), which checks parts sent before a reload.
/// </summary>
public sealed class UploadPagePolicy(IDownloadUrlSigner signer, PublicBaseUrl baseUrl, TimeProvider time)
{
    public string ContentSecurityPolicy(HttpRequest request)
    {
        var connect = "'self'";
        if (PartOrigin(request) is { } origin
            && !string.Equals(origin, $"{request.Scheme}://{request.Host.ToUriComponent()}", StringComparison.OrdinalIgnoreCase))
        {
            connect += " " + origin;
        }
        return string.Join("; ",
            "default-src 'none'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "style-src 'self'",
            // Uppy's Dashboard draws its icons from data: URLs and its thumbnails from blob: URLs of local files.
            "img-src 'self' data: blob:",
            $"connect-src {connect}",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'");
    }

    public static void Apply(IHeaderDictionary headers, string contentSecurityPolicy)
    {
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
    }

    // Part URLs and download URLs point at the same place (the service, PublicBaseUrl or the bucket), and a
    // download URL can be signed without an upload: it tells the origin the page's PUTs will go to.
    private string? PartOrigin(HttpRequest request)
    {
        var probe = new DownloadTarget("asset_pageprobe", "uploads/pageprobe", "probe.bin", "application/octet-stream");
        var url = signer.SignDownloadUrl(probe, time.GetUtcNow().AddMinutes(5), baseUrl.For(request));
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
    }
}
