using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Scenario.Uploads.Server.Telemetry;

/// <summary>
/// The service's own meter, <c>Scenario.Uploads</c>: what happened to uploads, parts and jobs. Labels are
/// bounded sets (kind, source, step, reason), never an id, so a scrape stays small however busy the service.
/// The names are OpenTelemetry's; Prometheus sees them with dots as underscores and a unit suffix.
/// </summary>
public sealed class UploadsMetrics
{
    public const string MeterName = "Scenario.Uploads";

    // From a few milliseconds (a small part, a metadata step) to ten minutes (a large part on a slow link, the
    // SHA-256 of a huge file); the SDK's default buckets are for milliseconds.
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    };

    private readonly Counter<long> _created;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _imported;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _partBytes;
    private readonly Histogram<double> _partDuration;
    private readonly Counter<long> _appendBytes;
    private readonly Histogram<double> _appendDuration;
    private readonly Histogram<double> _stepDuration;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _downloaded;
    private readonly Counter<long> _swept;
    private readonly Counter<long> _hashed;
    private readonly Counter<long> _repositoryCalls;
    private readonly Counter<long> _backendErrors;

    public UploadsMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _created = Meter.CreateCounter<long>("scenario.uploads.created", "{upload}", "Uploads created, by kind and source.");
        _completed = Meter.CreateCounter<long>("scenario.uploads.completed", "{upload}",
            "Uploads whose bytes are all in: the complete action of a multipart upload, the end of an import's download.");
        _imported = Meter.CreateCounter<long>("scenario.uploads.imported", "{upload}", "Uploads that became an asset or a model.");
        _failed = Meter.CreateCounter<long>("scenario.uploads.failed", "{upload}",
            "Uploads that failed, by kind, source and reason (validation, import, expired, aborted, internal).");
        _partBytes = Meter.CreateCounter<long>("scenario.uploads.part.received", "By", "Part body bytes the service stored.");
        _partDuration = Meter.CreateHistogram("scenario.uploads.part.duration", "s",
            "Time to take one part PUT through the service, from its checks to its record, by outcome.", advice: Seconds);
        _appendBytes = Meter.CreateCounter<long>("scenario.uploads.append.received", "By",
            "Bytes appended to uploads through tus or RUFH and kept, by protocol.");
        _appendDuration = Meter.CreateHistogram("scenario.uploads.append.duration", "s",
            "Time to take one tus or RUFH append (a PATCH, or a creation with bytes), by protocol and outcome.", advice: Seconds);
        _stepDuration = Meter.CreateHistogram("scenario.uploads.job.step.duration", "s",
            "Time of one step of an upload's job (download, validate, import), by step and outcome.", advice: Seconds);
        _retries = Meter.CreateCounter<long>("scenario.uploads.job.retries", "{attempt}", "Job attempts that failed and were scheduled again.");
        _refused = Meter.CreateCounter<long>("scenario.uploads.validation.refused", "{upload}",
            "Files that validation refused, by kind and reason (size: not the declared size; content: not a file of its kind).");
        _downloaded = Meter.CreateCounter<long>("scenario.uploads.import.downloaded", "By", "Bytes imports downloaded into storage, by source.");
        _swept = Meter.CreateCounter<long>("scenario.uploads.sweeper.deleted", "{item}",
            "What the expiry sweeper removed: expired uploads, bytes of failed uploads, leftover files of interrupted imports.");
        _hashed = Meter.CreateCounter<long>("scenario.uploads.sha256.hashed", "By",
            "Bytes read for uploads' SHA-256, by phase: receiving (while the parts arrive) or validation (after complete: what was left, or the whole file).");
        _backendErrors = Meter.CreateCounter<long>("scenario.uploads.backend.errors", "{error}",
            "Failures of the database or the store that the service rode out (a 503, a job put back), by backend and kind.");
        _repositoryCalls = Meter.CreateCounter<long>("scenario.uploads.db.calls", "{call}",
            "Calls of the persistence seams (uploads, jobs, entities, keys), by operation: the database round trips an upload costs.");
    }

    /// <summary>The meter itself, for the observable gauges registered beside it.</summary>
    public Meter Meter { get; }

    public void Created(string kind, string source) => _created.Add(1, Kind(kind), Source(source));

    public void Completed(string kind, string source) => _completed.Add(1, Kind(kind), Source(source));

    public void Imported(string kind, string source) => _imported.Add(1, Kind(kind), Source(source));

    public void Failed(string kind, string source, string reason) => _failed.Add(1, Kind(kind), Source(source), Reason(reason));

    public void PartWritten(string outcome, long bytes, TimeSpan elapsed)
    {
        if (bytes > 0)
        {
            _partBytes.Add(bytes);
        }
        _partDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void Appended(string protocol, string outcome, long bytes, TimeSpan elapsed)
    {
        if (bytes > 0)
        {
            _appendBytes.Add(bytes, new KeyValuePair<string, object?>("protocol", protocol));
        }
        _appendDuration.Record(elapsed.TotalSeconds, new("protocol", protocol), new("outcome", outcome));
    }

    public void StepDone(string step, string outcome, TimeSpan elapsed) =>
        _stepDuration.Record(elapsed.TotalSeconds, new("step", step), new("outcome", outcome));

    public void Retried() => _retries.Add(1);

    public void ValidationRefused(string kind, string reason) => _refused.Add(1, Kind(kind), Reason(reason));

    public void Downloaded(string source, long bytes) => _downloaded.Add(bytes, Source(source));

    /// <summary>Phases of <see cref="Hashed"/>.</summary>
    public const string WhileReceiving = "receiving", AtValidation = "validation";

    public void Hashed(string phase, long bytes) => _hashed.Add(bytes, new KeyValuePair<string, object?>("phase", phase));

    /// <summary>One call of a repository method, <paramref name="operation"/> being <c>IUploadRepository.FindAsync</c> and the like.</summary>
    public void RepositoryCalled(string operation) => _repositoryCalls.Add(1, new KeyValuePair<string, object?>("db.operation.name", operation));

    /// <summary>A passing failure of <paramref name="backend"/> (<c>database</c>, <c>storage</c>) of the given kind.</summary>
    public void BackendFailed(string backend, string kind) =>
        _backendErrors.Add(1, new KeyValuePair<string, object?>("backend", backend), new KeyValuePair<string, object?>("kind", kind));

    public void Swept(string what, long count = 1) => _swept.Add(count, new KeyValuePair<string, object?>("what", what));

    private static KeyValuePair<string, object?> Kind(string kind) => new("kind", kind);

    private static KeyValuePair<string, object?> Source(string source) => new("source", source);

    private static KeyValuePair<string, object?> Reason(string reason) => new("reason", reason);
}

/// <summary>The bounded values of the <c>reason</c> label of <c>scenario.uploads.failed</c>.</summary>
public static class FailureReasons
{
    public const string Validation = "validation";
    public const string Import = "import";
    public const string Expired = "expired";
    public const string Aborted = "aborted";
    public const string Internal = "internal";
}
