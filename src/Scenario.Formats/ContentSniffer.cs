namespace Scenario.Formats;

/// <summary>
/// Judges a file by its first bytes, before it is sent, the way the service will judge it once stored: only formats a
/// signature identifies are recognised here, so "not recognised" is a verdict only for kinds whose every accepted
/// format has one (images); for the others the service's fuller inspection decides.
/// </summary>
public static class ContentSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at.</summary>
    public const int HeadSize = 128;

    /// <summary>The format <paramref name="head"/> starts with, or null when no signature matches.</summary>
    public static SniffedFormat? Sniff(ReadOnlySpan<byte> head) =>
        Signatures.IsPng(head) ? Of("png", FormatNames.Image)
        : Signatures.IsJpeg(head) ? Of("jpeg", FormatNames.Image)
        : Signatures.IsWebP(head) ? Of("webp", FormatNames.Image)
        : Signatures.IsGif(head) ? Of("gif", FormatNames.Image)
        : Signatures.IsWav(head) ? Of("wav", FormatNames.Audio)
        : Signatures.IsFlac(head) ? Of("flac", FormatNames.Audio)
        : Signatures.IsOgg(head) ? Of("ogg", FormatNames.Audio)
        : Signatures.HasId3(head) ? Of("mp3", FormatNames.Audio)
        : Signatures.IsGlb(head) ? Of("glb", FormatNames.ThreeD)
        : Signatures.IsSafetensors(head, out _) ? Of("safetensors", FormatNames.Model)
        : null;

    /// <summary>
    /// Why the service would refuse content starting with <paramref name="head"/> for <paramref name="kind"/> declared
    /// as <paramref name="contentType"/>, or null when the first bytes give it no reason to.
    /// </summary>
    /// <param name="kind">The upload kind.</param>
    /// <param name="contentType">The declared MIME type, if any.</param>
    /// <param name="head">The first <see cref="HeadSize"/> bytes (all of them when the file is shorter).</param>
    /// <param name="length">The size of the whole file.</param>
    public static string? Refusal(string kind, string? contentType, ReadOnlySpan<byte> head, long length)
    {
        var family = KindRules.FamilyOf(kind);
        if (family is null)
        {
            return null; // kind asset takes anything
        }
        var sniffed = Sniff(head);
        if (sniffed is null)
        {
            // Every image format has a signature: content with none is no image, unless another format could claim it.
            return family == FormatNames.Image && !Signatures.CouldBeAnotherFormat(head, length) ? KindRules.Unrecognised(kind) : null;
        }
        return sniffed.Family != family
            ? KindRules.WrongFamily(kind, sniffed.Description)
            : KindRules.DeclaredTypeContradiction(contentType, sniffed.Format, sniffed.ContentType);
    }

    private static SniffedFormat Of(string format, string family) => new(format, family, FormatNames.Describe(format)!);
}
