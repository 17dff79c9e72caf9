using Scenario.Models;

namespace Scenario.Exceptions;

/// <summary>The upload reached the failed status: the service refused the file.</summary>
public sealed class UploadFailedException : ScenarioException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="upload">The failed upload.</param>
    public UploadFailedException(Upload upload)
        : base($"Upload {upload.Id} failed: {upload.ErrorMessage ?? "no reason given"}")
    {
        Upload = upload;
    }

    /// <summary>The failed upload; <see cref="Upload.ErrorMessage"/> says why.</summary>
    public Upload Upload { get; }
}
