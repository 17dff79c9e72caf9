using System.Globalization;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Tus;

/// <summary>The header names and values of tus 1.0.0 and the resumable-upload draft (RUFH).</summary>
internal static class TusHeaders
{
    public const string Resumable = "Tus-Resumable";
    public const string Version = "Tus-Version";
    public const string Extension = "Tus-Extension";
    public const string MaxSize = "Tus-Max-Size";
    public const string ChecksumAlgorithm = "Tus-Checksum-Algorithm";
    public const string Offset = "Upload-Offset";
    public const string Length = "Upload-Length";
    public const string DeferLength = "Upload-Defer-Length";
    public const string Expires = "Upload-Expires";
    public const string Concat = "Upload-Concat";
    public const string MethodOverride = "X-HTTP-Method-Override";

    public const string InteropVersion = "Upload-Draft-Interop-Version";
    public const string Complete = "Upload-Complete";
    /// <summary>Interop version 3's inverse of <see cref="Complete"/>.</summary>
    public const string Incomplete = "Upload-Incomplete";
    public const string Limit = "Upload-Limit";

    public const string TusVersion = "1.0.0";
    public const string OffsetStream = "application/offset+octet-stream";
    public const string PartialUpload = "application/partial-upload";

    public static readonly string Extensions =
        "creation,creation-with-upload,creation-defer-length,expiration,checksum,termination,concatenation";

    /// <summary>Every header a browser's script must be allowed to send or read (CORS).</summary>
    public static readonly string[] All =
    [
        Resumable, Version, Extension, MaxSize, ChecksumAlgorithm, Offset, Length, DeferLength, Expires, Concat, "Upload-Metadata",
        TusChecksum.Header, MethodOverride, InteropVersion, Complete, Incomplete, Limit, "Location",
    ];

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>tus's numbers: digits only, no sign or spaces (RUFH's are structured-field integers instead).</summary>
    public static bool TryCount(string? value, out long count) => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out count);

    /// <summary>Whether the request's body is of the media type <paramref name="mediaType"/>, whatever its parameters.</summary>
    public static bool IsOfType(HttpRequest request, string mediaType) =>
        string.Equals(request.ContentType?.Split(';')[0].Trim(), mediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>An HTTP date, as tus's expiration extension writes it.</summary>
    public static string Date(DateTimeOffset at) => at.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);
}
