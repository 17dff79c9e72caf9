using System.Collections.Concurrent;

namespace Scenario.Uploads.Server.Tests.Faults;

/// <summary>
/// What the load saw: every answer of the service, and every upload the service acknowledged by answering
/// its complete with 200 (with the SHA-256 of the bytes sent), which must end imported whatever happened.
/// </summary>
public sealed class LoadLedger
{
    private readonly ConcurrentQueue<ServiceAnswer> _answers = new();
    private readonly ConcurrentDictionary<string, string> _acknowledged = new();
    private readonly ConcurrentQueue<string> _events = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private int _abandoned;

    /// <summary>Time since the ledger was opened: the load's clock, for timelines in diagnostics.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyCollection<ServiceAnswer> Answers => _answers;

    /// <summary>Upload id → the SHA-256 of the bytes its client sent.</summary>
    public IReadOnlyDictionary<string, string> Acknowledged => _acknowledged;

    public int Abandoned => _abandoned;

    public IReadOnlyList<ServiceAnswer> Unacceptable => [.. _answers.Where(a => !a.IsAcceptable)];

    public void Record(ServiceAnswer answer, TimeSpan sentAt) => _answers.Enqueue(answer with { Timing = (sentAt, Now - sentAt) });

    public void Acknowledge(string uploadId, string sha256) => _acknowledged[uploadId] = sha256;

    /// <summary>Notes a step of the fault (backend stopped, back) on the load's clock, for the diagnostics.</summary>
    public void Mark(string step) => _events.Enqueue($"{Now.TotalSeconds:0.0} s {step}");

    /// <summary>An upload its client gave up on (its bounded time ran out before complete was acknowledged).</summary>
    public void Abandon() => Interlocked.Increment(ref _abandoned);

    /// <summary>For the test's diagnostics: how many answers of each operation and status, and the codes of refusals.</summary>
    public string Summary()
    {
        var counts = _answers.GroupBy(a => $"{a.Operation} {(a.Status == ServiceAnswer.NoAnswer ? "no-answer" : a.Status)}{(a.Code is null ? "" : " " + a.Code)}")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {g.Count()} (slowest {g.Max(a => a.Timing.Took).TotalSeconds:0.0} s)");
        return $"acknowledged {_acknowledged.Count}, abandoned {_abandoned}; " + string.Join(", ", counts) + "; " + string.Join(", ", _events);
    }
}
