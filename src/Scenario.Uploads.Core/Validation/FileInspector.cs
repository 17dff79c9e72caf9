using Scenario.Uploads.Model;

namespace Scenario.Uploads.Validation;

/// <summary>Judges a stored file by its content against the upload's kind and content type.</summary>
public static class FileInspector
{
    // Magic-byte formats first; text formats (glTF JSON, OBJ) last, as they are recognised by weaker evidence.
    private static readonly Func<ContentReader, ValueTask<Detection?>>[] Detectors =
    [
        ImageInspector.TryDetectAsync,
        AudioInspector.TryDetectAsync,
        IsoMediaInspector.TryDetectAsync,
        MatroskaInspector.TryDetectAsync,
        UsdzInspector.TryDetectAsync,
        PickleDetector.TryDetectAsync,
        SafetensorsInspector.TryDetectAsync,
        GltfInspector.TryDetectAsync,
        PlyInspector.TryDetectAsync,
        ThreeDInspector.TryDetectAsync,
        // Last: a binary STL is recognised only by its length matching its triangle count.
        StlInspector.TryDetectAsync,
    ];

    // Tried only for kind model, after the detectors above found nothing.
    private static readonly Func<ContentReader, ValueTask<Detection?>>[] PackagedModelDetectors = [ZippedModelInspector.TryDetectAsync];

    private const string Damaged = "damaged";

    /// <summary>
    /// Inspects <paramref name="content"/>; never throws for malformed content, only for I/O failures. It takes no file
    /// name on purpose: formats are judged by their bytes, whatever the name says.
    /// </summary>
    public static async Task<FileInspection> InspectAsync(
        string kind, string? contentType, IRandomAccessContent content, CancellationToken cancellationToken)
    {
        if (!UploadKinds.IsKnown(kind))
        {
            return FileInspection.Invalid($"Unknown kind '{kind}'; use one of {string.Join(", ", UploadKinds.All)}.");
        }

        if (content.Length == 0)
        {
            return kind == UploadKinds.Asset
                ? FileInspection.Valid(null, null)
                : FileInspection.Invalid("The file is empty. Upload a file with content.");
        }

        var reader = new ContentReader(content, cancellationToken);
        if (kind == UploadKinds.Text)
        {
            return await InspectTextAsync(contentType, reader);
        }

        var detection = await DetectAsync(reader, Detectors);
        var family = KindRules.FamilyOf(kind);
        if (family is null)
        {
            // Kind asset takes anything; a recognised, sound format still names the file's type.
            return detection is { Inspection.IsValid: true } ? detection.Inspection : FileInspection.Valid(null, null);
        }

        // A zip is opened as a packaged checkpoint only for kind model; for any other kind inflating it would be wasted work.
        if (detection is null && family == FormatNames.Model)
        {
            detection = await DetectAsync(reader, PackagedModelDetectors);
        }

        if (detection is null)
        {
            return FileInspection.Invalid(KindRules.Unrecognised(kind));
        }

        if (detection.Family == Damaged)
        {
            return detection.Inspection;
        }

        if (detection.Family != family || detection.Format == "pickle")
        {
            var message = detection.Format == "pickle" && family == FormatNames.Model
                ? detection.Inspection.ErrorMessage!
                : KindRules.WrongFamily(kind, detection.Description);
            return FileInspection.Invalid(message, detection.Format);
        }

        return detection.Inspection.IsValid ? CheckDeclaredType(contentType, detection.Inspection) : detection.Inspection;
    }

    /// <summary>
    /// Text is judged by every byte rather than by a signature, so a glTF JSON or an OBJ is text too. Only content that is
    /// not text goes through the format detectors, to name what it is instead.
    /// </summary>
    private static async Task<FileInspection> InspectTextAsync(string? contentType, ContentReader reader)
    {
        var scan = await TextInspector.ScanAsync(reader);
        if (scan.Inspection is { } text)
        {
            return TextInspector.CheckDeclaredType(contentType, text);
        }

        var expected = KindRules.Expected(UploadKinds.Text);
        var detection = await DetectAsync(reader, Detectors);
        return detection is null || detection.Family == Damaged
            ? FileInspection.Invalid($"The file is not text: it has {scan.Problem}, but kind 'text' expects {expected}.")
            : FileInspection.Invalid(KindRules.WrongFamily(UploadKinds.Text, detection.Description), detection.Format);
    }

    private static async ValueTask<Detection?> DetectAsync(ContentReader reader, Func<ContentReader, ValueTask<Detection?>>[] detectors)
    {
        try
        {
            foreach (var detect in detectors)
            {
                if (await detect(reader) is { } detection)
                {
                    return detection;
                }
            }

            return null;
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or InvalidOperationException or FormatException
            or OverflowException)
        {
            // A parser bug on hostile input must not fail the upload's processing; treat the file as damaged.
            return new Detection(Damaged, "a damaged file", FileInspection.Invalid("The file's structure is damaged and cannot be read."));
        }
    }

    /// <summary>A specific declared type of the same family that names another format contradicts the bytes.</summary>
    private static FileInspection CheckDeclaredType(string? contentType, FileInspection inspection)
    {
        if (inspection.Format is null || inspection.DetectedContentType is null)
        {
            return inspection;
        }

        return KindRules.DeclaredTypeContradiction(contentType, inspection.Format, inspection.DetectedContentType) is { } refusal
            ? FileInspection.Invalid(refusal, inspection.Format)
            : inspection;
    }
}
