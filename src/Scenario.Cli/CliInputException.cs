namespace Scenario.Cli;

/// <summary>Input the CLI refuses before calling the service; its message is the whole explanation.</summary>
public sealed class CliInputException(string message) : Exception(message);
