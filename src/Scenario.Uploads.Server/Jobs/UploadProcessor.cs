using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Imports;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Signing;
using Scenario.Uploads.Server.Telemetry;
using Scenario.Uploads.Server.Lifecycle;
using Scenario.Uploads.Storage;
using Scenario.Uploads.Validation;

namespace Scenario.Uploads.Server.Jobs;

/// <summary>
/// Runs an upload's job from wherever it stopped: validating → validated → imported (an import first
/// downloads while pending; <c>complete</c> is only found in rows written before the complete action moved
/// uploads straight to validating, and goes on as validating). Each
/// step commits its result with a compare-and-set on the status, so a step run twice (after a crash)
/// changes nothing the second time, and the entity's id is derived from the upload's.
/// </summary>
public sealed class UploadProcessor(
    IUploadRepository uploads,
    IEntityRepository entities,
    IBlobStore blobs,
    FileValidation validation,
    ImportStep importStep,
    UploadBytes bytes,
    UploadTransitions transitions,
    IOptions<JobsOptions> options,
    TimeProvider time,
    UploadsMetrics metrics,
    ILogger<UploadProcessor> logger)
{
    /// <summary>Runs the job to its end; returns how it ended, for the worker to write once.</summary>
    public async Task<JobOutcome> RunAsync(JobRecord job, JobLease lease, CancellationToken cancellationToken)
    {
        var upload = await uploads.FindAsync(job.UploadId, cancellationToken)
            ?? throw new InvalidOperationException($"Job {job.Id} points at upload {job.UploadId}, which does not exist.");
        while (!UploadLifecycle.IsTerminal(upload.Status))
        {
            lease.ThrowIfLost();
            upload = await StepAsync(upload, lease, cancellationToken);
            HaltIfAsked(upload.Status);
        }
        if (upload.Status == UploadStatuses.Failed && !upload.BytesDeleted)
        {
            await bytes.DeleteAsync(upload, cancellationToken);
        }
        return JobOutcome.Of(upload);
    }

    /// <summary>One step, in its span and timed: named after what it does, its outcome the status it left.</summary>
    private async Task<UploadRecord> StepAsync(UploadRecord upload, JobLease lease, CancellationToken cancellationToken)
    {
        var step = upload.Status switch
        {
            UploadStatuses.Pending => "download",
            UploadStatuses.Validating => "validate",
            UploadStatuses.Validated => "import",
            _ => "other",
        };
        using var activity = UploadsTracing.Source.StartActivity($"job {step}");
        activity?.SetTag("scenario.upload.id", upload.Id);
        var started = time.GetTimestamp();
        var outcome = "error";
        try
        {
            var next = upload.Status switch
            {
                UploadStatuses.Pending when upload.Source != UploadSources.Multipart => await importStep.DownloadAsync(upload, lease, cancellationToken),
                UploadStatuses.Validating => await ValidateAsync(upload, lease, cancellationToken),
                UploadStatuses.Validated => await ImportAsync(upload, cancellationToken),
                _ => throw new InvalidOperationException($"Upload {upload.Id} is {upload.Status}; its job should not be runnable."),
            };
            outcome = next.Status;
            activity?.SetTag("scenario.upload.status", next.Status);
            return next;
        }
        catch (Exception e)
        {
            activity.Fail(e);
            throw;
        }
        finally
        {
            metrics.StepDone(step, outcome, time.GetElapsedTime(started));
        }
    }

    /// <summary>
    /// The last attempt failed: fail the upload with words the user can act on (an import's own reason,
    /// such as the host answering 503 every time; otherwise an internal error of ours).
    /// </summary>
    public async Task<JobOutcome> GiveUpAsync(JobRecord job, Exception error, CancellationToken cancellationToken)
    {
        var message = error is ImportException ? error.Message
            : "The service could not process this upload because of an internal error. Upload the file again; if it keeps failing, contact the operator.";
        // Pending is expected only of an import: a multipart upload's job never runs before the complete action.
        var before = await uploads.FindAsync(job.UploadId, cancellationToken);
        var source = before?.Source ?? UploadSources.Multipart;
        // No row, nothing to fail: the compare-and-set could not match one.
        if (before is not null)
        {
            var reason = error is ImportException ? FailureReasons.Import : FailureReasons.Internal;
            await transitions.FailAsync(before, UploadLifecycle.FailableByJob(source), message, JobStatuses.Failure, reason, cancellationToken);
        }
        var failed = await uploads.FindAsync(job.UploadId, cancellationToken);
        if (failed is { Status: UploadStatuses.Failed })
        {
            await bytes.DeleteAsync(failed, cancellationToken);
        }
        return failed is null ? new JobOutcome(JobStatuses.Failure, null) : JobOutcome.Of(failed) with { Status = JobStatuses.Failure };
    }

    private async Task<UploadRecord> ValidateAsync(UploadRecord upload, JobLease lease, CancellationToken cancellationToken)
    {
        if (upload.Source == UploadSources.Multipart)
        {
            // The parts become one object first (free on local disk; idempotent on S3, so a job that died
            // after it finds the object complete and goes on).
            await blobs.CompleteUploadAsync(upload.StorageKey, upload.StorageUploadId, upload.Plan!, cancellationToken);
        }
        var result = await validation.ValidateAsync(upload, lease, cancellationToken);
        if (result.ErrorMessage is { } error)
        {
            logger.LogInformation("Upload {UploadId} failed validation: {Error}", upload.Id, error);
            if (await transitions.FailAsync(upload, [upload.Status], error, JobStatuses.Failure, FailureReasons.Validation, cancellationToken))
            {
                metrics.ValidationRefused(upload.Kind, result.RefusalReason ?? ValidationResult.ContentRefused);
            }
            return await uploads.FindAsync(upload.Id, cancellationToken) ?? upload;
        }
        var inspection = result.Inspection!;
        var validated = upload with
        {
            Status = UploadStatuses.Validated,
            Sha256 = result.Sha256,
            ContentType = IsGeneric(upload.ContentType) ? inspection.DetectedContentType ?? upload.ContentType : upload.ContentType,
            ConfigJson = upload.Kind == UploadKinds.Model ? ModelConfig.WithSummary(upload.ConfigJson, inspection.Format, inspection.Metadata) : upload.ConfigJson,
            InspectionJson = InspectionSummary(inspection),
        };
        return await transitions.MoveAsync(upload, validated, cancellationToken);
    }

    private async Task<UploadRecord> ImportAsync(UploadRecord upload, CancellationToken cancellationToken)
    {
        var entityId = UploadKinds.ProducesAsset(upload.Kind)
            ? (await entities.CreateAssetIfAbsentAsync(EntityFactory.Asset(upload, time.GetUtcNow()), cancellationToken)).Id
            : (await entities.CreateModelIfAbsentAsync(EntityFactory.Model(upload, time.GetUtcNow()), cancellationToken)).Id;
        return await transitions.MoveAsync(upload, upload with { Status = UploadStatuses.Imported, EntityId = entityId }, cancellationToken);
    }

    /// <summary>Set to 1 in the environment of a test's service process to arm Jobs:HaltAfterStatus.</summary>
    public const string FaultInjectionVariable = "SCENARIO_FAULT_INJECTION";

    private void HaltIfAsked(string status)
    {
        // Only for the crash tests: a setting alone must never let a production service kill itself.
        if (options.Value.HaltAfterStatus is { } halt && string.Equals(halt, status, StringComparison.OrdinalIgnoreCase)
            && Environment.GetEnvironmentVariable(FaultInjectionVariable) == "1")
        {
            logger.LogCritical("Fault injection: halting the process after upload status {Status} (Jobs:HaltAfterStatus).", status);
            // SIGKILL of our own process: no shutdown, no cleanup, exactly like a crash.
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }
    }

    /// <summary>What validation learnt, for the entity's metadata; unknowns are left out rather than null.</summary>
    private static string InspectionSummary(FileInspection inspection)
    {
        var summary = new JsonObject();
        if (inspection.Format is { } format)
        {
            summary["format"] = format;
        }
        if (inspection.DetectedContentType is { } detected)
        {
            summary["detectedContentType"] = detected;
        }
        summary["details"] = inspection.Metadata.DeepClone();
        return summary.ToJsonString();
    }

    private static bool IsGeneric(string? contentType) =>
        string.IsNullOrEmpty(contentType) || contentType.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase);
}
