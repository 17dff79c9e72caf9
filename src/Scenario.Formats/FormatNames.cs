namespace Scenario.Formats;

/// <summary>Format families, the MIME type of each format, and the MIME aliases browsers and tools send.</summary>
public static class FormatNames
{
    /// <summary>The image family.</summary>
    public const string Image = "image";

    /// <summary>The audio family.</summary>
    public const string Audio = "audio";

    /// <summary>The video family.</summary>
    public const string Video = "video";

    /// <summary>The 3D model family.</summary>
    public const string ThreeD = "3d";

    /// <summary>The checkpoint family.</summary>
    public const string Model = "model";

    /// <summary>The text family.</summary>
    public const string Text = "text";

    /// <summary>The MIME type of a detected format (<c>png</c> → <c>image/png</c>).</summary>
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

    /// <summary>How messages name a format: "a PNG image". Null for formats only the service's inspectors name.</summary>
    public static string? Describe(string format) => format switch
    {
        "png" => "a PNG image",
        "jpeg" => "a JPEG image",
        "webp" => "a WebP image",
        "gif" => "a GIF image",
        "wav" => "a WAV audio file",
        "flac" => "a FLAC audio file",
        "ogg" => "an Ogg audio file",
        "mp3" => "an MP3 audio file",
        "glb" => "a GLB model",
        "safetensors" => "a safetensors checkpoint",
        _ => null,
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
