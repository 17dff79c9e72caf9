using System.Net.Http.Json;
using System.Text.Json;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Faults;

/// <summary>
/// One client of the load: creates an upload on one instance, PUTs its parts, completes it on the next
/// instance and reads it back on the first, as a fleet behind a balancer would see it. What the service
/// refuses as waitable (503, 507) or fails to answer is sent again, honouring Retry-After (at most 1 s, to
/// keep probing through the outage); every upload has a bounded time, after which its client gives up.
/// </summary>
public sealed class LoadClient : IDisposable
{
    private const int MiB = 1024 * 1024;
    private static readonly TimeSpan PerUpload = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    private readonly int _number;
    private readonly IReadOnlyList<Uri> _instances;
    private readonly LoadLedger _ledger;
    private readonly HttpClient[] _apis;
    private readonly HttpClient _parts = new() { Timeout = TimeSpan.FromSeconds(20) };

    public LoadClient(int number, IReadOnlyList<Uri> instances, LoadLedger ledger)
    {
        _number = number;
        _instances = instances;
        _ledger = ledger;
        _apis = [.. instances.Select(i =>
        {
            var client = ServiceHost.CreateClient(i, TestKeys.ApiKey, TestKeys.ApiSecret);
            // Longer than any bounded wait the service may have on a backend, shorter than the test.
            client.Timeout = TimeSpan.FromSeconds(30);
            return client;
        })];
    }

    /// <summary>One upload after another until <paramref name="stop"/> (the upload in progress is finished or given up).</summary>
    public async Task RunAsync(int maxUploads, CancellationToken stop)
    {
        for (var i = 0; i < maxUploads && !stop.IsCancellationRequested; i++)
        {
            await UploadOnceAsync(i);
        }
    }

    /// <summary>One upload, create to acknowledged complete; its id, or null when its time ran out first.</summary>
    public async Task<string?> UploadOnceAsync(int sequence)
    {
        var deadline = DateTime.UtcNow + PerUpload;
        var (first, second) = (sequence % _apis.Length, (sequence + 1) % _apis.Length);
        var bytes = Content(sequence, out var parts);
        var body = new { fileName = $"load-{_number}-{sequence}.bin", contentType = "application/octet-stream", fileSize = bytes.LongLength, parts, kind = "asset" };
        var key = Guid.NewGuid().ToString("N");
        var created = await SendUntilAcceptedAsync("create", first, deadline, () => Post(_apis[first], "v1/uploads", body, key));
        if (created is not { } upload || !await PutPartsAsync(upload, bytes, first, deadline))
        {
            _ledger.Abandon();
            return null;
        }
        var id = upload.GetProperty("upload").GetProperty("id").GetString()!;
        var completed = await SendUntilAcceptedAsync("complete", second, deadline,
            () => Post(_apis[second], $"v1/uploads/{id}/action", new { action = "complete" }, idempotencyKey: null));
        if (completed is null)
        {
            _ledger.Abandon();
            return null;
        }
        _ledger.Acknowledge(id, UploadApi.Sha256(bytes));
        await SendUntilAcceptedAsync("retrieve", first, deadline, () => _apis[first].GetAsync($"v1/uploads/{id}"));
        return id;
    }

    /// <summary>One create on the first instance, sent once: its answer (recorded in the ledger too).</summary>
    public async Task<ServiceAnswer> CreateOnceAsync()
    {
        var body = new { fileName = $"probe-{_number}.bin", contentType = "application/octet-stream", fileSize = 1024, parts = 1, kind = "asset" };
        var sentAt = _ledger.Now;
        try
        {
            using var response = await Post(_apis[0], "v1/uploads", body, Guid.NewGuid().ToString("N"));
            var answer = await ServiceAnswer.OfAsync("create", _instances[0].Authority, response);
            _ledger.Record(answer, sentAt);
            return answer;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            var failed = ServiceAnswer.Failed("create", _instances[0].Authority, e);
            _ledger.Record(failed, sentAt);
            return failed;
        }
    }

    /// <summary>Reads an upload on the given instance, retrying refusals; null when its time ran out.</summary>
    public Task<JsonElement?> RetrieveAsync(int instance, string id, DateTime deadline) =>
        SendUntilAcceptedAsync("retrieve", instance, deadline, () => _apis[instance].GetAsync($"v1/uploads/{id}"));

    public void Dispose()
    {
        foreach (var api in _apis)
        {
            api.Dispose();
        }
        _parts.Dispose();
    }

    // Mostly small single-part files, which keep many requests going; one in four has two parts (S3's 5 MiB minimum).
    private byte[] Content(int sequence, out int parts)
    {
        var random = new Random((_number * 10_000) + sequence);
        parts = sequence % 4 == 3 ? 2 : 1;
        return UploadFlowTests.RandomBytes(parts == 2 ? 5 * MiB + random.Next(1, 64 * 1024) : random.Next(1, 256 * 1024), seed: random.Next());
    }

    private async Task<JsonElement?> SendUntilAcceptedAsync(string operation, int instance, DateTime deadline, Func<Task<HttpResponseMessage>> send)
    {
        var target = _instances[instance].Authority;
        while (DateTime.UtcNow < deadline)
        {
            TimeSpan pause;
            var sentAt = _ledger.Now;
            try
            {
                using var response = await send();
                var answer = await ServiceAnswer.OfAsync(operation, target, response);
                _ledger.Record(answer, sentAt);
                if (response.IsSuccessStatusCode)
                {
                    return await UploadApi.ReadJson(response);
                }
                if ((int)response.StatusCode < 500)
                {
                    return null;
                }
                pause = response.Headers.RetryAfter?.Delta is { } asked && asked < LongestPause ? asked : LongestPause;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                _ledger.Record(ServiceAnswer.Failed(operation, target, e), sentAt);
                pause = LongestPause;
            }
            await Task.Delay(pause);
        }
        return null;
    }

    private async Task<bool> PutPartsAsync(JsonElement created, byte[] bytes, int instance, DateTime deadline)
    {
        var parts = created.GetProperty("upload").GetProperty("parts").EnumerateArray().ToList();
        for (var n = 0; n < parts.Count; n++)
        {
            var offset = n * 5 * MiB;
            var slice = bytes.AsMemory(offset, n < parts.Count - 1 ? 5 * MiB : bytes.Length - offset);
            if (!await PutPartAsync(parts[n].GetProperty("url").GetString()!, slice, instance, deadline))
            {
                return false;
            }
        }
        return true;
    }

    // Under S3 a part goes straight to the store, whose failures are not the service's answers: only a part
    // sent to the service itself (local storage) is recorded.
    private async Task<bool> PutPartAsync(string url, ReadOnlyMemory<byte> slice, int instance, DateTime deadline)
    {
        var throughService = url.StartsWith(_instances[instance].GetLeftPart(UriPartial.Authority), StringComparison.Ordinal);
        while (DateTime.UtcNow < deadline)
        {
            var sentAt = _ledger.Now;
            try
            {
                using var response = await _parts.PutAsync(url, new ReadOnlyMemoryContent(slice));
                if (throughService)
                {
                    _ledger.Record(await ServiceAnswer.OfAsync("part", _instances[instance].Authority, response), sentAt);
                }
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                if (throughService)
                {
                    _ledger.Record(ServiceAnswer.Failed("part", _instances[instance].Authority, e), sentAt);
                }
            }
            await Task.Delay(250);
        }
        return false;
    }

    // The create carries an Idempotency-Key, as a careful client's does: sent again, it makes one upload.
    private static async Task<HttpResponseMessage> Post(HttpClient api, string path, object body, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await api.SendAsync(request);
    }
}
