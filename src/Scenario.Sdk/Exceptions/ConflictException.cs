namespace Scenario.Exceptions;

/// <summary>
/// HTTP 409: the resource is in a state that forbids this (a part PUT after complete, completing a failed upload).
/// The SDK retries a 409 unless its <see cref="ScenarioApiException.Code"/> names a state the upload never leaves
/// (<c>upload_failed</c>, <c>upload_not_pending</c>, <c>upload_processing</c>): those are thrown at once.
/// </summary>
public sealed class ConflictException : ScenarioApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What the service said.</param>
    public ConflictException(ApiError error)
        : base(error)
    {
    }
}
