using static Scenario.Uploads.Model.UploadStatuses;

namespace Scenario.Uploads.Model;

/// <summary>
/// The upload's lifecycle in one table: every change of status the service makes, and why. The complete
/// action, the job's steps, the import's download, abort and expiry all ask it before they move an upload.
/// </summary>
/// <remarks>
/// multipart: pending ─complete→ validating → validated → imported; url / hubs: pending ─download→ validating;
/// any status but imported → failed. <c>complete</c> is only found in rows written before the complete action
/// moved uploads straight to validating.
/// </remarks>
public static class UploadLifecycle
{
    private static readonly Dictionary<(string From, string To), string> Transitions = new()
    {
        [(Pending, Validating)] = "the complete action (multipart), or the file downloaded (imports)",
        [(Complete, Validating)] = "a job resuming an upload completed by an earlier version",
        [(Validating, Validated)] = "the bytes are what the kind and content type say",
        [(Validated, Imported)] = "the asset or model was created",
        [(Pending, Failed)] = "aborted, expired, or the download failed",
        [(Complete, Failed)] = "the job gave up",
        [(Validating, Failed)] = "validation refused the file, or the job gave up",
        [(Validated, Failed)] = "the job gave up",
    };

    /// <summary>Statuses in which the job is at work (the upload takes no parts and cannot be aborted).</summary>
    public static readonly IReadOnlyList<string> Processing = [Complete, Validating, Validated];

    /// <summary>Statuses nothing moves on from.</summary>
    public static readonly IReadOnlyList<string> Terminal = [Imported, Failed];

    public static bool IsTerminal(string status) => Terminal.Contains(status);

    public static bool Allows(string from, string to) => Transitions.ContainsKey((from, to));

    /// <summary>The statuses from which <paramref name="to"/> may be reached, for a compare-and-set.</summary>
    public static IReadOnlyList<string> From(string to) => [.. Transitions.Keys.Where(k => k.To == to).Select(k => k.From)];

    /// <summary>The statuses a job may fail an upload of this source from (an import's job also runs while pending).</summary>
    public static IReadOnlyList<string> FailableByJob(string source) =>
        source == UploadSources.Multipart ? Processing : [Pending, .. Processing];

    /// <summary>Throws <see cref="ForbiddenStatusChangeException"/> when a change of status is not in the table.</summary>
    public static void Require(string from, string to)
    {
        if (!Allows(from, to))
        {
            throw new ForbiddenStatusChangeException(from, to);
        }
    }
}
