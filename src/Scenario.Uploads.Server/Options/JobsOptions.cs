namespace Scenario.Uploads.Server.Options;

/// <summary>The <c>Jobs</c> section: the background worker that validates and imports uploads.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>How long a claimed job stays with its worker without a heartbeat; a dead worker's job is retried after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an idle worker looks for work another instance may have queued.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Jobs run at once by this instance. A small file's job is mostly waits on the database (its claim,
    /// three commits), so a worker running few at once falls behind many clients sending small files. A big
    /// file's job hashes it with two 4 MiB buffers, so 8 of them at once hold 64 MiB.
    /// </summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>After this many failed attempts (crashes or errors), the upload fails.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// Fault injection for crash tests only: the worker stops dead after committing this upload status
    /// (e.g. <c>validating</c>), as if the process had died there.
    /// </summary>
    public string? HaltAfterStatus { get; set; }
}
