using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Quotas;
using Scenario.Uploads.Server.Jobs;
using Scenario.Uploads.Server.Lifecycle;
using Scenario.Uploads.Server.Quotas;
using Scenario.Uploads.Server.Telemetry;

namespace Scenario.Uploads.Server.Uploads;

/// <summary>The action endpoint's work on a multipart upload: complete it, or abort it.</summary>
public sealed class UploadActions(
    IUploadRepository uploads,
    PartInventory partInventory,
    UploadTransitions transitions,
    UploadBytes bytes,
    JobSignal jobSignal)
{
    /// <summary>
    /// The complete action (spec: missing parts → 400 listing them; again after pending → no-op; on
    /// failed → 409). Returns the upload, or the problem.
    /// </summary>
    public async Task<Result<UploadRecord>> CompleteAsync(UploadRecord upload, QuotaLimits quota, CancellationToken cancellationToken)
    {
        if (upload.Status == UploadStatuses.Failed)
        {
            return Result<UploadRecord>.Fail(ErrorCodes.UploadFailed, $"The upload failed and cannot be completed: {upload.ErrorMessage} Create a new upload.");
        }
        if (upload.Status != UploadStatuses.Pending || upload.Source != UploadSources.Multipart)
        {
            // Past pending, or an import, whose job is already at work: nothing for the client to complete.
            return Result<UploadRecord>.Ok(upload);
        }
        if (upload.Protocol is { } protocol)
        {
            return Result<UploadRecord>.Fail(Resumable(protocol));
        }
        // Where clients PUT straight to the store, the store is asked which parts it holds (clients send no
        // ETags), and the part size is judged from them: nothing checked the parts on their way in.
        long? verifiedPartSize = null;
        if (partInventory.StoreKeepsParts)
        {
            var fit = PartPlan.Fit(upload.FileSize!.Value, upload.PartsCount!.Value, await partInventory.ListAsync(upload, cancellationToken));
            if (fit.Unfit.Count > 0)
            {
                return MissingParts(fit.Unfit, fit.Plan);
            }
            verifiedPartSize = fit.Plan!.PartSize;
        }
        var outcome = await transitions.CompleteAsync(upload, verifiedPartSize, quota, cancellationToken);
        if (outcome.MissingParts.Count > 0)
        {
            return MissingParts(outcome.MissingParts, upload.Plan);
        }
        return Completed(upload, outcome);
    }

    /// <summary>
    /// The last byte of an upload appended through tus or RUFH: the same move as the complete action, with the
    /// bytes the service itself received and cut into parts of <paramref name="partSize"/>.
    /// </summary>
    public async Task<Result<UploadRecord>> CompleteAppendedAsync(UploadRecord upload, long partSize, QuotaLimits quota, CancellationToken cancellationToken)
    {
        if (upload.Status != UploadStatuses.Pending)
        {
            return Result<UploadRecord>.Ok(upload);
        }
        return Completed(upload, await transitions.CompleteAsync(upload, partSize, quota, cancellationToken));
    }

    /// <summary>A refusal for the API's part and complete calls on an upload that a resumable protocol fills.</summary>
    public static Problem Resumable(string protocol) => new(ErrorCodes.UploadIsResumable,
        $"This upload receives its bytes through {(protocol == UploadProtocols.Tus ? "tus" : "the resumable upload protocol")} at /v1/tus/{{uploadId}}, "
        + "and its last byte completes it: send the rest of the file there (HEAD tells the offset).");

    private Result<UploadRecord> Completed(UploadRecord upload, CompleteOutcome outcome)
    {
        if (outcome.Breach is { } breach)
        {
            return Result<UploadRecord>.Fail(QuotaProblem.For(breach, atComplete: true));
        }
        if (outcome.Completed)
        {
            jobSignal.Notify();
            return Result<UploadRecord>.Ok(outcome.Upload!);
        }
        // Someone else moved it on between our read and the transaction: answer as if we had been second.
        var current = outcome.Upload ?? upload;
        return current.Status == UploadStatuses.Failed
            ? Result<UploadRecord>.Fail(ErrorCodes.UploadFailed, $"The upload failed and cannot be completed: {current.ErrorMessage} Create a new upload.")
            : Result<UploadRecord>.Ok(current);
    }

    /// <summary>Our extension: abort a pending upload; its bytes are deleted.</summary>
    public async Task<Result<UploadRecord>> AbortAsync(UploadRecord upload, CancellationToken cancellationToken)
    {
        if (upload.Status == UploadStatuses.Failed)
        {
            return Result<UploadRecord>.Ok(upload);
        }
        if (upload.Status != UploadStatuses.Pending)
        {
            return Result<UploadRecord>.Fail(ErrorCodes.UploadProcessing,
                $"The upload is {upload.Status}: it was completed and can no longer be aborted.");
        }
        const string message = "The upload was aborted by the client.";
        if (!await transitions.FailAsync(upload, [upload.Status], message, JobStatuses.Canceled, FailureReasons.Aborted, cancellationToken))
        {
            var current = await uploads.FindAsync(upload.Id, cancellationToken) ?? upload;
            return await AbortAsync(current, cancellationToken);
        }
        await bytes.DeleteAsync(upload, cancellationToken);
        return Result<UploadRecord>.Ok(await uploads.FindAsync(upload.Id, cancellationToken) ?? upload);
    }

    private static Result<UploadRecord> MissingParts(IReadOnlyList<int> missing, PartPlan? plan) =>
        Result<UploadRecord>.Fail(ErrorCodes.PartsMissing,
            $"The service does not hold every part yet (or holds one of the wrong size{PartSizeHint(plan)}); upload these parts, then complete again: {Ranges(missing)}.",
            new Dictionary<string, object?> { ["missingParts"] = missing });

    private static string PartSizeHint(PartPlan? plan) => plan is null
        ? ""
        : $": every part but the last must be {plan.PartSize} bytes and the last {plan.SizeOf(plan.PartsCount)}";

    /// <summary>"1-3, 7, 9-12": a 10,000-part list stays readable.</summary>
    internal static string Ranges(IReadOnlyList<int> numbers)
    {
        var ranges = new List<string>();
        for (var i = 0; i < numbers.Count;)
        {
            var j = i;
            while (j + 1 < numbers.Count && numbers[j + 1] == numbers[j] + 1)
            {
                j++;
            }
            ranges.Add(i == j ? $"{numbers[i]}" : $"{numbers[i]}-{numbers[j]}");
            i = j + 1;
        }
        return string.Join(", ", ranges);
    }
}
