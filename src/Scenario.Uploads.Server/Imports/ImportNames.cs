using System.Net.Http.Headers;
using Scenario.Uploads.Model;

namespace Scenario.Uploads.Server.Imports;

/// <summary>The name and type of a downloaded file, from what the answer says.</summary>
public static class ImportNames
{
    /// <summary>Content-Disposition's filename* or filename, else the last segment of the final URL's path; sanitized.</summary>
    public static string? FromResponse(HttpResponseMessage response)
    {
        var disposition = response.Content.Headers.ContentDisposition;
        var named = disposition?.FileNameStar ?? disposition?.FileName?.Trim('"');
        if (!string.IsNullOrWhiteSpace(named) && FileNames.Sanitize(named) is { } fromHeader)
        {
            return fromHeader;
        }
        return response.RequestMessage?.RequestUri is { } url ? FromUrl(url) : null;
    }

    public static string? FromUrl(Uri url)
    {
        var segment = url.Segments.LastOrDefault() is { Length: > 0 } last ? Uri.UnescapeDataString(last.TrimEnd('/')) : "";
        return segment.Length == 0 ? null : FileNames.Sanitize(segment);
    }

    /// <summary>The answer's media type; a generic or missing one stays null, and validation fills it from the content.</summary>
    public static string? ContentType(HttpResponseMessage response) =>
        response.Content.Headers.ContentType is MediaTypeHeaderValue { MediaType: { } type } && !IsGeneric(type) ? type : null;

    private static bool IsGeneric(string type) =>
        type is "application/octet-stream" or "binary/octet-stream" or "application/binary" or "application/x-download" or "application/force-download";
}
