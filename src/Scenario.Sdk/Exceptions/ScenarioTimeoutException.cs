namespace Scenario.Exceptions;

/// <summary>A request, or a wait for an upload to finish processing, took longer than allowed.</summary>
public sealed class ScenarioTimeoutException : ScenarioConnectionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What timed out and after how long.</param>
    /// <param name="innerException">The underlying cancellation, if any.</param>
    public ScenarioTimeoutException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
