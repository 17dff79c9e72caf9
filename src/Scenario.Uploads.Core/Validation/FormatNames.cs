namespace Scenario.Uploads.Validation;

/// <summary>Format families, the MIME type of each format, and the MIME aliases browsers and tools send.</summary>
internal static class FormatNames
{
    public const string Image = "image";
    public const string Audio = "audio";
    public const string Video = "video";
    public const string ThreeD = "3d";
    public const string Model = "model";
    public const string Text = "text";

    public static string MimeOf(string format) => format switch
    {
        "png" => "image/png",
        "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "wav" => "audio/wav",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        "flac" => "audio/flac",
        "m4a" => "audio/mp4",
        "mp4" => "video/mp4",
        "mov" => "video/quicktime",
        "webm" => "video/webm",
        "mkv" => "video/x-matroska",
        "glb" => "model/gltf-binary",
        "gltf" => "model/gltf+json",
        "obj" => "model/obj",
        "fbx" => "model/vnd.fbx",
        "ply" => "model/x-ply",
        "stl" => "model/stl",
        "usdz" => "model/vnd.usdz+zip",
        "text" => "text/plain",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    };

    /// <summary>
    /// The format a declared MIME type names, or null when the type is generic or unknown (and so cannot contradict).
    /// Formats that share a container (mp4/mov, webm/mkv) map to one name, as tools label them loosely.
    /// </summary>
    public static string? FormatOfMime(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var mime = contentType.Split(';')[0].Trim().ToLowerInvariant();
        return mime switch
        {
            "image/png" or "image/x-png" or "image/apng" => "png",
            "image/jpeg" or "image/jpg" or "image/pjpeg" => "jpeg",
            "image/webp" => "webp",
            "image/gif" => "gif",
            "audio/wav" or "audio/x-wav" or "audio/wave" or "audio/vnd.wave" => "wav",
            "audio/mpeg" or "audio/mp3" or "audio/mpeg3" or "audio/x-mpeg-3" => "mp3",
            "audio/ogg" or "audio/vorbis" or "audio/opus" => "ogg",
            "audio/flac" or "audio/x-flac" => "flac",
            "audio/mp4" or "audio/m4a" or "audio/x-m4a" => "m4a",
            "video/mp4" or "video/quicktime" => "mp4",
            "video/webm" or "video/x-matroska" => "webm",
            "model/gltf-binary" => "glb",
            "model/gltf+json" => "gltf",
            "model/obj" => "obj",
            "model/stl" or "model/x.stl-binary" or "model/x.stl-ascii" or "application/sla" => "stl",
            "model/vnd.usdz+zip" or "model/usd" => "usdz",
            "model/x-ply" or "application/ply" => "ply",
            _ => null,
        };
    }

    /// <summary>The name <see cref="FormatOfMime"/> uses for a detected format, so mov matches video/mp4.</summary>
    public static string Comparable(string format) => format switch
    {
        "mov" => "mp4",
        "mkv" => "webm",
        _ => format,
    };

    /// <summary>The top-level MIME family ("image", "audio", …) of a declared type.</summary>
    public static string? MimeFamily(string? contentType) =>
        contentType is null ? null : contentType.Split('/')[0].Trim().ToLowerInvariant();
}
