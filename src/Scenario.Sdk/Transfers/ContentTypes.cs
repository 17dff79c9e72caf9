namespace Scenario.Transfers;

/// <summary>Guesses a MIME type from a file name, for when the caller does not give one.</summary>
public static class ContentTypes
{
    /// <summary>The type used for unknown extensions.</summary>
    public const string Default = "application/octet-stream";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".gif"] = "image/gif",
        [".webp"] = "image/webp", [".avif"] = "image/avif", [".bmp"] = "image/bmp", [".svg"] = "image/svg+xml",
        [".mp4"] = "video/mp4", [".webm"] = "video/webm", [".mov"] = "video/quicktime",
        [".mp3"] = "audio/mpeg", [".wav"] = "audio/wav", [".ogg"] = "audio/ogg", [".flac"] = "audio/flac", [".m4a"] = "audio/mp4",
        [".glb"] = "model/gltf-binary", [".gltf"] = "model/gltf+json", [".obj"] = "model/obj", [".fbx"] = "application/octet-stream",
        [".safetensors"] = "application/octet-stream", [".zip"] = "application/zip", [".json"] = "application/json",
        [".txt"] = "text/plain", [".pdf"] = "application/pdf",
    };

    /// <summary>The MIME type for a file name's extension, or <see cref="Default"/>.</summary>
    /// <param name="fileName">A file name or path.</param>
    public static string Guess(string fileName) =>
        ByExtension.TryGetValue(Path.GetExtension(fileName), out var type) ? type : Default;
}
