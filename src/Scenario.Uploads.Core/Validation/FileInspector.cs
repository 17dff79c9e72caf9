namespace Scenario.Uploads.Validation;

/// <summary>Judges a stored file by its content against the upload's kind and content type.</summary>
public static class FileInspector
{
    /// <summary>Inspects <paramref name="content"/>; never throws for malformed content, only for I/O failures.</summary>
    public static Task<FileInspection> InspectAsync(
        string kind, string? contentType, string fileName, IRandomAccessContent content, CancellationToken cancellationToken)
    {
        // Placeholder until the per-format inspectors land: only kind asset accepts anything.
        return Task.FromResult(kind == "asset"
            ? FileInspection.Valid(null, contentType)
            : FileInspection.Invalid($"Validation of kind '{kind}' is not available yet."));
    }
}
