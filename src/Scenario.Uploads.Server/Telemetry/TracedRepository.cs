using System.Diagnostics;
using System.Reflection;

namespace Scenario.Uploads.Server.Telemetry;

/// <summary>
/// A span around every call of a repository interface (<c>db IUploadRepository.CompleteAsync</c>), for
/// SQLite and PostgreSQL alike: one decorator over the interfaces rather than a span written into each of
/// the shared SQL repositories' methods. Npgsql's own spans, when PostgreSQL runs, nest inside these. Each
/// call also counts in <c>scenario.uploads.db.calls</c>, traced or not (the benchmark's round trips per file).
/// </summary>
public class TracedRepository<T> : DispatchProxy
    where T : class
{
    private T _inner = null!;
    private string _system = "";
    private UploadsMetrics? _metrics;

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="system"/> is OpenTelemetry's <c>db.system.name</c>.</summary>
    public static T Wrap(T inner, string system, UploadsMetrics? metrics = null)
    {
        var proxy = Create<T, TracedRepository<T>>();
        var traced = (TracedRepository<T>)(object)proxy;
        traced._inner = inner;
        traced._system = system;
        traced._metrics = metrics;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(method);
        _metrics?.RepositoryCalled(OperationName(method));
        var parent = Activity.Current;
        // Only as a child: the worker's idle polls and the lease heartbeats would otherwise be a root trace
        // each, every second, burying the requests and jobs they serve.
        var activity = parent is null ? null : UploadsTracing.Source.StartActivity($"db {typeof(T).Name}.{method.Name}", ActivityKind.Client);
        if (activity is null)
        {
            return Call(method, args);
        }
        activity.SetTag("db.system.name", _system);
        activity.SetTag("db.operation.name", method.Name);
        try
        {
            var result = Call(method, args);
            if (result is Task task)
            {
                // The span ends with the call's task; the caller's own context goes back to its parent now.
                task.ContinueWith(static (t, state) => End((Activity)state!, t.Exception?.GetBaseException()),
                    activity, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            else
            {
                End(activity, null);
            }
            return result;
        }
        catch (Exception e)
        {
            End(activity, e);
            throw;
        }
        finally
        {
            Activity.Current = parent;
        }
    }

    // The label of every call, made once per method rather than concatenated on each call.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<MethodInfo, string> OperationNames = new();

    private static string OperationName(MethodInfo method) => OperationNames.GetOrAdd(method, static m => $"{typeof(T).Name}.{m.Name}");

    private object? Call(MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            // Callers catch the repository's own exceptions, not reflection's wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }
    }

    private static void End(Activity activity, Exception? error)
    {
        if (error is not null and not OperationCanceledException)
        {
            activity.Fail(error);
        }
        activity.Dispose();
    }
}
