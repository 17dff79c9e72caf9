using System.Diagnostics;

namespace Scenario.Uploads.Server.Telemetry;

/// <summary>
/// The service's own spans, <c>Scenario.Uploads</c>: create, part write, each job step, and the repository
/// calls beneath them. Without a listener (tracing off) <see cref="Source"/> starts nothing and costs nothing.
/// </summary>
public static class UploadsTracing
{
    public const string SourceName = "Scenario.Uploads";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Marks a span failed by an exception that escaped it (the caller rethrows).</summary>
    public static void Fail(this Activity? activity, Exception error)
    {
        activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        activity?.AddException(error);
    }
}
