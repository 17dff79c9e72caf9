namespace Scenario.Uploads.Server.Options;

/// <summary>Every bad value of the configuration, one line each: the operator fixes them all in one go.</summary>
public sealed class ConfigurationException(IReadOnlyList<string> lines) : Exception(string.Join(Environment.NewLine, lines))
{
    public IReadOnlyList<string> Lines { get; } = lines;
}
