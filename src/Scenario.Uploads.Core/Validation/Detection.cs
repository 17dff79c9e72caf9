namespace Scenario.Uploads.Validation;

/// <summary>
/// What a format inspector recognised: the family (image, audio, video, 3d, model), a phrase for messages
/// ("a JPEG image") and the inspection, which may already be invalid (truncated, too large, …).
/// </summary>
internal sealed record Detection(string Family, string Description, FileInspection Inspection)
{
    public string? Format => Inspection.Format;

    public static Detection Of(string family, string description, FileInspection inspection) => new(family, description, inspection);
}
