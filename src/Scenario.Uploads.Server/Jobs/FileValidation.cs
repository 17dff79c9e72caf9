using System.Buffers;
using System.Security.Cryptography;
using Scenario.Uploads.Model;
using Scenario.Uploads.Storage;
using Scenario.Uploads.Validation;

namespace Scenario.Uploads.Server.Jobs;

/// <summary>
/// Reads a stored upload once from start to end for its SHA-256 (reporting progress as it goes), and
/// has the inspectors judge its content against the kind.
/// </summary>
public sealed class FileValidation(IBlobStore blobs)
{
    private const int BufferSize = 1024 * 1024;

    public async Task<ValidationResult> ValidateAsync(UploadRecord upload, IProgress<double> progress, CancellationToken cancellationToken)
    {
        await using var content = await blobs.OpenReadAsync(upload.StorageKey, cancellationToken);
        if (upload.FileSize is { } declared && content.Length != declared)
        {
            return ValidationResult.Fail($"The stored file has {content.Length} bytes but the upload declared {declared}. Upload the file again.");
        }
        var inspection = await FileInspector.InspectAsync(upload.Kind, upload.ContentType, upload.FileName, content, cancellationToken);
        if (!inspection.IsValid)
        {
            return ValidationResult.Fail(inspection.ErrorMessage ?? "The file is not valid for its kind.");
        }
        var sha256 = await HashAsync(content, progress, cancellationToken);
        return new ValidationResult(sha256, inspection, null);
    }

    private static async Task<string> HashAsync(IRandomAccessContent content, IProgress<double> progress, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long offset = 0;
            int read;
            while ((read = await content.ReadAtAsync(offset, buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                offset += read;
                progress.Report(content.Length == 0 ? 1 : (double)offset / content.Length);
            }
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>The SHA-256 and inspection of a valid file, or why it is not valid.</summary>
public sealed record ValidationResult(string? Sha256, FileInspection? Inspection, string? ErrorMessage)
{
    public static ValidationResult Fail(string message) => new(null, null, message);
}
