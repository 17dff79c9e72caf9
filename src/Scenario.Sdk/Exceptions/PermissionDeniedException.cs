namespace Scenario.Exceptions;

/// <summary>HTTP 403: not allowed; for part uploads, an expired or tampered signed URL.</summary>
public sealed class PermissionDeniedException : ScenarioApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What the service said.</param>
    public PermissionDeniedException(ApiError error)
        : base(error)
    {
    }
}
