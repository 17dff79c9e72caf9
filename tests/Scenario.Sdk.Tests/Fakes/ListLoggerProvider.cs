using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Scenario.Sdk.Tests.Fakes;

/// <summary>A logger provider that keeps every line written, at every level, to read back in assertions.</summary>
public sealed class ListLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<LogLine> Lines { get; } = new();

    /// <summary>A factory logging everything, from Trace up, to this provider alone.</summary>
    public ILoggerFactory Factory() => LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

    public IEnumerable<LogLine> In(string category) => Lines.Where(line => line.Category == category);

    public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class ListLogger(ListLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception), exception?.ToString()));
    }
}

/// <summary>One line a <see cref="ListLoggerProvider"/> received.</summary>
public sealed record LogLine(string Category, LogLevel Level, string Message, string? Exception);
