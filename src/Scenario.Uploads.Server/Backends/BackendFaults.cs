using System.Collections.Concurrent;
using Scenario.Uploads.Backends;
using Scenario.Uploads.Server.Telemetry;

namespace Scenario.Uploads.Server.Backends;

/// <summary>
/// Tells a passing failure of the database or the store from any other error, whatever path met it (a
/// request, the job worker, the sweeper), and keeps what an operator needs of it: a counter by backend and
/// kind, and one log line when a backend goes and one when it is back (<see cref="BackendWatch"/> notices
/// that), not one per request or poll.
/// </summary>
public sealed class BackendFaults(IEnumerable<IBackendFaultClassifier> classifiers, UploadsMetrics metrics, TimeProvider time, ILogger<BackendFaults> logger)
{
    private readonly IBackendFaultClassifier[] _classifiers = [.. classifiers];
    private readonly ConcurrentDictionary<string, DateTimeOffset> _downSince = new(StringComparer.Ordinal);

    /// <summary>The backend fault <paramref name="error"/> is, or carries inside it; null for anything else.</summary>
    public BackendFault? Classify(Exception error)
    {
        var timedOut = false;
        for (var e = error; e is not null; e = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e.InnerException)
        {
            timedOut |= e is TimeoutException;
            // Cancelled by the caller (a client that hung up, a stopping host) is nobody's failure; cancelled by a
            // client-side timeout (the SDK's TimeoutException around it) is the backend's.
            if (e is OperationCanceledException && !timedOut && e.InnerException is not TimeoutException)
            {
                return null;
            }
            foreach (var classifier in _classifiers)
            {
                if (classifier.Classify(e) is { } fault)
                {
                    return fault;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// <see cref="Classify"/>, and when it is a backend fault, counts it and marks the backend down (logging
    /// that once, with the error's own words).
    /// </summary>
    public BackendFault? Observe(Exception error)
    {
        if (Classify(error) is not { } fault)
        {
            return null;
        }
        metrics.BackendFailed(fault.Backend, fault.Kind);
        if (_downSince.TryAdd(fault.Backend, time.GetUtcNow()))
        {
            logger.LogWarning("The {Backend} is unavailable ({Kind}: {Error}). Requests that need it are answered 503 with Retry-After, "
                + "and background work waits, until it answers again.", fault.Backend, fault.Kind, Innermost(error).Message);
        }
        return fault;
    }

    /// <summary>The backends marked down now.</summary>
    public IReadOnlyCollection<string> Down => [.. _downSince.Keys];

    /// <summary>Whether <paramref name="backend"/> is marked down.</summary>
    public bool IsDown(string backend) => _downSince.ContainsKey(backend);

    /// <summary><paramref name="backend"/> answered again: logs that once, with how long it was gone.</summary>
    public void Recovered(string backend)
    {
        if (_downSince.TryRemove(backend, out var since))
        {
            logger.LogInformation("The {Backend} is back after {Seconds:0.0} s.", backend, (time.GetUtcNow() - since).TotalSeconds);
        }
    }

    private static Exception Innermost(Exception error)
    {
        while (error.InnerException is { } inner)
        {
            error = inner;
        }
        return error;
    }
}
