namespace Scenario.Testing;

public static partial class TestFiles
{
    /// <summary>A small file the service accepts for <paramref name="kind"/>, with a fitting name and MIME type.</summary>
    public static (byte[] Bytes, string FileName, string ContentType) ValidFileFor(string kind) => kind switch
    {
        "3d" => (Glb(), "triangle.glb", "model/gltf-binary"),
        "asset" => (Png(), "asset.png", "image/png"),
        "audio" => (Wav(), "tone.wav", "audio/wav"),
        "avatar" => (Png(8, 8), "avatar.png", "image/png"),
        "image" => (Png(), "image.png", "image/png"),
        "model" => (Safetensors(), "model.safetensors", "application/octet-stream"),
        "text" => (Markdown(), "notes.md", "text/markdown"),
        "video" => (Mp4(), "clip.mp4", "video/mp4"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown upload kind."),
    };
}
