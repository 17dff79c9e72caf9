using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Faults;

/// <summary>What every fault test asserts, over a <see cref="LoadLedger"/> and the instances.</summary>
public static class FaultChecks
{
    /// <summary>
    /// Polls <c>/readyz</c> until it answers <paramref name="expected"/> (and, for 503, names
    /// <paramref name="check"/> unhealthy), within a bound; the last body seen, for the assertion's message.
    /// </summary>
    public static async Task<(bool Seen, string Last)> WaitForReadinessAsync(Uri instance, HttpStatusCode expected, string check, TimeSpan within)
    {
        using var client = new HttpClient { BaseAddress = instance, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + within;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await client.GetAsync("readyz");
                var body = await response.Content.ReadAsStringAsync();
                last = $"{(int)response.StatusCode} {body}";
                if (response.StatusCode == expected && (expected == HttpStatusCode.OK || CheckStatus(body, check) == "unhealthy"))
                {
                    return (true, last);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = $"no answer: {e.Message}";
            }
            await Task.Delay(100);
        }
        return (false, last);
    }

    /// <summary>While a backend is down: every instance's <c>/readyz</c> answers 503 and names it unhealthy.</summary>
    public static async Task AssertNotReadyAsync(IEnumerable<Uri> instances, string check, TimeSpan within)
    {
        var readiness = await Task.WhenAll(instances.Select(i => WaitForReadinessAsync(i, HttpStatusCode.ServiceUnavailable, check, within)));
        Assert.All(readiness, r => Assert.True(r.Seen, $"/readyz while the {check} was down: {r.Last}"));
    }

    /// <summary>
    /// While a backend is down or hangs: a create on every instance is answered 503 with <paramref name="code"/>
    /// (for a hung one, once the service's bounded wait on it ran out) rather than a 500, or waiting with its
    /// client until the backend returns.
    /// </summary>
    public static async Task AssertCreateRefusedAsync(IEnumerable<Uri> instances, LoadLedger ledger, string code)
    {
        var answers = await Task.WhenAll(instances.Select(async instance =>
        {
            using var client = new LoadClient(number: 3000 + instance.Port, [instance], ledger);
            return await client.CreateOnceAsync();
        }));
        Assert.All(answers, a => Assert.True(a.IsWellFormedRefusal && a.Status == 503 && a.Code == code,
            $"A create while the backend hung: expected 503 {code}, got {a}"));
    }

    /// <summary>
    /// Once the backend is back: every instance takes a full upload again and its <c>/readyz</c> answers 200,
    /// within <paramref name="within"/>; how long the uploads took is noted in the ledger.
    /// </summary>
    public static async Task AssertRecoveredAsync(IReadOnlyList<Uri> instances, LoadLedger ledger, string backend, TimeSpan within)
    {
        var recovered = await Task.WhenAll(instances.Select(i => UploadThroughAsync(i, ledger, within)));
        var ready = await Task.WhenAll(instances.Select(i => WaitForReadinessAsync(i, HttpStatusCode.OK, backend, within)));
        Assert.All(ready, r => Assert.True(r.Seen, $"/readyz after the {backend} returned: {r.Last}"));
        ledger.Mark($"full uploads again on every instance in {string.Join(", ", recovered.Select(t => $"{t.TotalSeconds:0.0} s"))}");
    }

    /// <summary>One full upload on one instance (create, parts, complete, imported with its SHA-256); how long it took.</summary>
    public static async Task<TimeSpan> UploadThroughAsync(Uri instance, LoadLedger ledger, TimeSpan within)
    {
        var started = Stopwatch.StartNew();
        using var client = new LoadClient(number: 1000 + instance.Port, [instance], ledger);
        var id = await client.UploadOnceAsync(sequence: 0);
        Assert.True(id is not null, $"{instance.Authority} took no upload after the backend returned: {ledger.Summary()}");
        var end = await WaitForEndAsync(client, 0, id, DateTime.UtcNow + within);
        Assert.True(end?.GetProperty("status").GetString() == "imported" && Sha256Of(end) == ledger.Acknowledged[id],
            $"{instance.Authority}: the upload after the backend returned ended {end?.GetRawText() ?? "unanswered"}");
        return started.Elapsed;
    }

    /// <summary>
    /// The end of every fault test: each upload acknowledged by complete ends imported with its SHA-256, and
    /// every answer of the run was one a client can act on (no 500, 503s with Retry-After).
    /// </summary>
    public static async Task AssertNothingLostAsync(LoadLedger ledger, ServiceFleet fleet)
    {
        await AssertAcknowledgedImportedAsync(ledger, fleet, FaultPass.Recovery * 4);
        ledger.Mark("every acknowledged upload imported");
        TestContext.Current.SendDiagnosticMessage(ledger.Summary());
        AssertEveryAnswerAcceptable(ledger, fleet);
    }

    /// <summary>Every upload whose complete the service acknowledged ends imported, with the SHA-256 of the bytes sent.</summary>
    public static async Task AssertAcknowledgedImportedAsync(LoadLedger ledger, ServiceFleet fleet, TimeSpan within)
    {
        var instances = fleet.Urls;
        Assert.NotEmpty(ledger.Acknowledged);
        using var client = new LoadClient(number: 2000, instances, ledger);
        var deadline = DateTime.UtcNow + within;
        var wrong = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var uploads = ledger.Acknowledged.Select((upload, i) => (upload.Key, upload.Value, Instance: i % instances.Length));
        // A few at a time: the jobs run in parallel on the instances, and a backlog after the outage drains faster than one poll at a time sees.
        await Parallel.ForEachAsync(uploads, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (upload, _) =>
        {
            var (id, sha256, instance) = upload;
            var end = await WaitForEndAsync(client, instance, id, deadline);
            var (status, stored) = (end?.GetProperty("status").GetString(), Sha256Of(end));
            if (status != "imported" || stored != sha256)
            {
                var job = end?.GetProperty("jobId").GetString() ?? id;
                wrong.Enqueue($"{id}: {status ?? "no answer"} {stored} (sent {sha256}) {end?.GetRawText()}\n  "
                    + string.Join("\n  ", ServiceErrors.Of(fleet.Logs, mentioning: job, levels: ["Warning", "Error", "Critical"])));
            }
        });
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {ledger.Acknowledged.Count} acknowledged uploads were not imported intact:\n{string.Join("\n", wrong.Take(10))}");
    }

    /// <summary>No 500, no 4xx and no silence: only successes and well-formed 503 / 507 with Retry-After.</summary>
    public static void AssertEveryAnswerAcceptable(LoadLedger ledger, ServiceFleet fleet)
    {
        var bad = ledger.Unacceptable;
        if (bad.Count == 0)
        {
            return;
        }
        Assert.Fail($"{bad.Count} of {ledger.Answers.Count} answers were not a success or a well-formed 503/507:\n"
            + string.Join("\n", bad.Take(15)) + $"\n{ledger.Summary()}\nthe instances' errors:\n" + string.Join("\n", ServiceErrors.Of(fleet.Logs)));
    }

    private static async Task<JsonElement?> WaitForEndAsync(LoadClient client, int instance, string id, DateTime deadline)
    {
        JsonElement? upload = null;
        while (DateTime.UtcNow < deadline)
        {
            upload = (await client.RetrieveAsync(instance, id, deadline))?.GetProperty("upload");
            if (upload?.GetProperty("status").GetString() is "imported" or "failed")
            {
                return upload;
            }
            await Task.Delay(100);
        }
        return upload;
    }

    private static string? Sha256Of(JsonElement? upload) =>
        upload is { } u && u.TryGetProperty("sha256", out var sha256) ? sha256.GetString() : null;

    private static string? CheckStatus(string body, string check)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.GetProperty("checks").TryGetProperty(check, out var entry) ? entry.GetProperty("status").GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
