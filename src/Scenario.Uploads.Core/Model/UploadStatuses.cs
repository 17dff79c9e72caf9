namespace Scenario.Uploads.Model;

/// <summary>The <c>status</c> values of the reference; how an upload moves between them is <see cref="UploadLifecycle"/>.</summary>
public static class UploadStatuses
{
    public const string Pending = "pending";
    public const string Complete = "complete";
    public const string Validating = "validating";
    public const string Validated = "validated";
    public const string Imported = "imported";
    public const string Failed = "failed";
}

/// <summary>The <c>status</c> values of a job.</summary>
public static class JobStatuses
{
    public const string Queued = "queued";
    public const string InProgress = "in-progress";
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Canceled = "canceled";

    public static bool IsTerminal(string status) => status is Success or Failure or Canceled;
}
