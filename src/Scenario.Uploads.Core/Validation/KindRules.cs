using Scenario.Uploads.Model;

namespace Scenario.Uploads.Validation;

/// <summary>Which format family each upload kind accepts, and how to name what it expects in messages.</summary>
internal static class KindRules
{
    /// <summary>The accepted family, or null for kind asset, which accepts anything.</summary>
    public static string? FamilyOf(string kind) => kind switch
    {
        UploadKinds.Image or UploadKinds.Avatar => FormatNames.Image,
        UploadKinds.Audio => FormatNames.Audio,
        UploadKinds.Video => FormatNames.Video,
        UploadKinds.ThreeD => FormatNames.ThreeD,
        UploadKinds.Model => FormatNames.Model,
        UploadKinds.Text => FormatNames.Text,
        _ => null,
    };

    public static string Expected(string kind) => kind switch
    {
        UploadKinds.Image or UploadKinds.Avatar => "a PNG, JPEG, WebP or GIF image",
        UploadKinds.Audio => "WAV, MP3, OGG, FLAC or MP4 audio",
        UploadKinds.Video => "MP4, MOV, WebM or Matroska video",
        UploadKinds.ThreeD => "a GLB, glTF, OBJ, FBX, PLY, STL or USDZ model",
        UploadKinds.Model => "a safetensors checkpoint",
        UploadKinds.Text => "UTF-8 text (plain text, Markdown, JSON, CSV…)",
        _ => "a supported file",
    };
}
