using System.Buffers;
using System.Security.Cryptography;
using Scenario.Uploads.Model;
using Scenario.Uploads.Server.Hashing;
using Scenario.Uploads.Server.Telemetry;
using Scenario.Uploads.Storage;
using Scenario.Uploads.Validation;

namespace Scenario.Uploads.Server.Jobs;

/// <summary>
/// Has the inspectors judge a stored upload's content against its kind, and gives its SHA-256: the one
/// taken while the parts arrived (<see cref="HasherRegistry"/>) where there is one, else from reading the
/// file once from start to end (reporting progress either way).
/// </summary>
public sealed class FileValidation(IBlobStore blobs, HasherRegistry hashers, UploadsMetrics metrics)
{
    // Large reads: fewer thread-pool hops per GiB (each read is a blocking pread on a pool thread on Unix).
    private const int BufferSize = 4 * 1024 * 1024;

    public async Task<ValidationResult> ValidateAsync(UploadRecord upload, IProgress<double> progress, CancellationToken cancellationToken)
    {
        await using var content = await blobs.OpenReadAsync(upload.StorageKey, cancellationToken);
        if (upload.FileSize is { } declared && content.Length != declared)
        {
            return ValidationResult.Fail($"The stored file has {content.Length} bytes but the upload declared {declared}. Upload the file again.",
                ValidationResult.SizeRefused);
        }
        var inspection = await FileInspector.InspectAsync(upload.Kind, upload.ContentType, content, cancellationToken);
        if (!inspection.IsValid)
        {
            return ValidationResult.Fail(inspection.ErrorMessage ?? "The file is not valid for its kind.", ValidationResult.ContentRefused);
        }
        // An appended upload (tus, RUFH) was hashed in order as its bytes arrived.
        var sha256 = (upload.Protocol is not null ? upload.Sha256 : null)
            ?? await hashers.TryFinishAsync(upload, progress, cancellationToken)
            ?? await HashAsync(content, progress, cancellationToken);
        return new ValidationResult(sha256, inspection, null);
    }

    private async Task<string> HashAsync(IRandomAccessContent content, IProgress<double> progress, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var current = ArrayPool<byte>.Shared.Rent(BufferSize);
        var next = ArrayPool<byte>.Shared.Rent(BufferSize);
        var reading = ValueTask.FromResult(0);
        var readPending = false;
        try
        {
            // Two buffers: the next chunk is read (a copy out of the page cache, or the disk) while this one
            // is hashed, so reading costs next to nothing on top of SHA-256 itself.
            long offset = 0;
            reading = content.ReadAtAsync(0, current.AsMemory(0, BufferSize), cancellationToken);
            readPending = true;
            while (true)
            {
                // Awaited once: finished (or failed), it writes no more into its buffer.
                readPending = false;
                var read = await reading;
                if (read == 0)
                {
                    break;
                }
                offset += read;
                reading = content.ReadAtAsync(offset, next.AsMemory(0, BufferSize), cancellationToken);
                readPending = true;
                hash.AppendData(current, 0, read);
                metrics.Hashed(UploadsMetrics.AtValidation, read);
                progress.Report(content.Length == 0 ? 1 : (double)offset / content.Length);
                (current, next) = (next, current);
            }
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        finally
        {
            if (readPending)
            {
                // Never hand a buffer back to the pool while a read may still be filling it.
                try
                {
                    await reading;
                }
                catch (Exception e) when (e is IOException or OperationCanceledException)
                {
                }
            }
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(next);
        }
    }
}

/// <summary>
/// The SHA-256 and inspection of a valid file, or why it is not valid: in words for the user, and as one of a
/// few reasons for the metrics (<see cref="SizeRefused"/>, <see cref="ContentRefused"/>).
/// </summary>
public sealed record ValidationResult(string? Sha256, FileInspection? Inspection, string? ErrorMessage, string? RefusalReason = null)
{
    /// <summary>The stored file is not the size the upload declared.</summary>
    public const string SizeRefused = "size";

    /// <summary>The file is not a file of its kind (its inspector refused it).</summary>
    public const string ContentRefused = "content";

    public static ValidationResult Fail(string message, string reason) => new(null, null, message, reason);
}
