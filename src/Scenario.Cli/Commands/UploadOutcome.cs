using Scenario.Models;
using Scenario.Transfers;

namespace Scenario.Cli.Commands;

/// <summary>How the upload of one file ended: the upload when it got that far, or the error in words, and how to go on.</summary>
/// <param name="Name">The file as the user named it.</param>
/// <param name="Upload">The upload in its last known state, when the transfer finished.</param>
/// <param name="ExitCode">The exit code this file alone would give.</param>
/// <param name="Error">What went wrong, in one line; null on success.</param>
/// <param name="Hint">The command that resumes or checks the upload, when one can.</param>
/// <param name="Last">The last progress report: parts sent and already held.</param>
/// <param name="Cause">The exception behind <paramref name="Error"/>, for the code and status of a JSON error.</param>
internal sealed record UploadOutcome(string Name, Upload? Upload, int ExitCode, string? Error, string? Hint, UploadProgress Last, Exception? Cause = null)
{
    public bool Succeeded => ExitCode == ExitCodes.Success;

    /// <summary>Parts sent by this run, and parts a resume found already held.</summary>
    public string? Parts => Last.PartsTotal == 0 ? null
        : Last.PartsHeld > 0 ? $"{Last.PartsDone - Last.PartsHeld} sent, {Last.PartsHeld} already held"
        : $"{Last.PartsDone - Last.PartsHeld} sent";
}
