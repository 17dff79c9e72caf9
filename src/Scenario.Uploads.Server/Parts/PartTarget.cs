using System.Globalization;
using Scenario.Uploads.Server.Http;

namespace Scenario.Uploads.Server.Parts;

/// <summary>
/// A part PUT parsed once, before anything is checked: what its URL and headers say, as values. Immutable,
/// as tusdotnet's parsed request is: the requirements read it, and none fills anything in for the next.
/// </summary>
/// <param name="Number">The part number in the URL; null when it is not a whole number.</param>
/// <param name="ContentMd5IsValid">False when a Content-MD5 header is there but is not a 16-byte digest in base64.</param>
/// <param name="ExpectedMd5">The digest a Content-MD5 header gives; null without one.</param>
internal sealed record PartTarget(PartRequest Request, int? Number, bool ContentMd5IsValid, byte[]? ExpectedMd5)
{
    public string UploadId => Request.UploadId;

    public static PartTarget Parse(PartRequest request)
    {
        int? number = int.TryParse(request.PartNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        var md5IsValid = ContentMd5.TryParse(request.ContentMd5, out var md5);
        return new PartTarget(request, number, md5IsValid, md5);
    }
}
