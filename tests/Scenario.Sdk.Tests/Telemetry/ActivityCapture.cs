using System.Collections.Concurrent;
using System.Diagnostics;
using Scenario.Telemetry;

namespace Scenario.Sdk.Tests.Telemetry;

/// <summary>
/// Records the SDK's activities under a root activity of the test's own: listeners are process-wide and tests run
/// in parallel, so only what shares the root's trace belongs to the test.
/// </summary>
public sealed class ActivityCapture : IDisposable
{
    private static readonly ActivitySource TestSource = new("Scenario.Sdk.Tests");
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly Activity _root;

    public ActivityCapture()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ScenarioTelemetry.ActivitySourceName or "Scenario.Sdk.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
        _root = TestSource.StartActivity("test") ?? throw new InvalidOperationException("The test's activity was not sampled.");
    }

    public ActivitySpanId RootSpanId => _root.SpanId;

    /// <summary>The SDK's activities of this test that have stopped, by operation name.</summary>
    public List<Activity> Named(string operationName) =>
        _stopped.Where(activity => activity.TraceId == _root.TraceId && activity.OperationName == operationName).ToList();

    public void Dispose()
    {
        _root.Dispose();
        _listener.Dispose();
    }
}
