namespace Scenario.Exceptions;

/// <summary>The client is not configured well enough to make a request (for example, no credentials).</summary>
public sealed class ScenarioConfigurationException : ScenarioException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and how to provide it.</param>
    public ScenarioConfigurationException(string message)
        : base(message)
    {
    }
}
