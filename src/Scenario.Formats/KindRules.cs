namespace Scenario.Formats;

/// <summary>Which format family each upload kind accepts, and how to name what it expects in messages.</summary>
public static class KindRules
{
    /// <summary>The accepted family, or null for kind asset, which accepts anything.</summary>
    public static string? FamilyOf(string kind) => kind switch
    {
        KindNames.Image or KindNames.Avatar => FormatNames.Image,
        KindNames.Audio => FormatNames.Audio,
        KindNames.Video => FormatNames.Video,
        KindNames.ThreeD => FormatNames.ThreeD,
        KindNames.Model => FormatNames.Model,
        KindNames.Text => FormatNames.Text,
        _ => null,
    };

    /// <summary>What a kind expects, in words for messages.</summary>
    public static string Expected(string kind) => kind switch
    {
        KindNames.Image or KindNames.Avatar => "a PNG, JPEG, WebP or GIF image",
        KindNames.Audio => "WAV, MP3, OGG, FLAC or MP4 audio",
        KindNames.Video => "MP4, MOV, WebM or Matroska video",
        KindNames.ThreeD => "a GLB, glTF, OBJ, FBX, PLY, STL or USDZ model",
        KindNames.Model => "a safetensors checkpoint",
        KindNames.Text => "UTF-8 text (plain text, Markdown, JSON, CSV…)",
        _ => "a supported file",
    };

    /// <summary>The kind that takes a family, for <c>--kind auto</c>: asset when nothing more specific fits.</summary>
    public static string KindOf(string? family) => family switch
    {
        FormatNames.Image => KindNames.Image,
        FormatNames.Audio => KindNames.Audio,
        FormatNames.Video => KindNames.Video,
        FormatNames.ThreeD => KindNames.ThreeD,
        FormatNames.Model => KindNames.Model,
        _ => KindNames.Asset,
    };

    /// <summary>The refusal of a recognised format its kind does not take.</summary>
    public static string WrongFamily(string kind, string description) => $"This is {description}, but kind '{kind}' expects {Expected(kind)}.";

    /// <summary>The refusal of content no inspector recognised.</summary>
    public static string Unrecognised(string kind) =>
        $"The file's content is not a format this service recognises; kind '{kind}' expects {Expected(kind)}.";

    /// <summary>
    /// The refusal of a declared type that names another format of the same family as the content (a PNG sent as
    /// image/jpeg), or null when it does not contradict: a generic or unknown type, or another family, never does.
    /// </summary>
    public static string? DeclaredTypeContradiction(string? contentType, string format, string detectedMime)
    {
        var declared = FormatNames.FormatOfMime(contentType);
        if (declared is null || FormatNames.MimeFamily(contentType) != FormatNames.MimeFamily(detectedMime)
            || declared == FormatNames.Comparable(format))
        {
            return null;
        }
        var mime = contentType!.Split(';')[0].Trim();
        return $"The file was declared as {mime} but its content is {format.ToUpperInvariant()} ({detectedMime}). " +
            "Upload it again with the right content type, or convert it.";
    }
}
