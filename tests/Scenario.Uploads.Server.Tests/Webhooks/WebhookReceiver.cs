using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Scenario.Testing.Hubs;

namespace Scenario.Uploads.Server.Tests.Webhooks;

/// <summary>
/// A customer's webhook endpoint on 127.0.0.1: records every POST (headers and body) and answers with the
/// status <see cref="Answer"/> gives for the attempt's number (1 for the first).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Secret = "whsec-test-0123456789abcdef";

    private StandInServer _server = null!;

    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    /// <summary>The status for the Nth request; 204 by default.</summary>
    public Func<int, int> Answer { get; set; } = _ => 204;

    public string Url => $"{_server.Origin}/hooks/scenario";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        receiver._server = await StandInServer.StartAsync((app, _) => app.MapPost("/hooks/scenario", (Delegate)receiver.ReceiveAsync));
        return receiver;
    }

    /// <summary>The settings of a service whose test key's events come here.</summary>
    public Dictionary<string, string> Settings(string apiKey) => new()
    {
        ["Imports:AllowPrivateNetworks"] = "true",
        [$"Webhooks:Keys:{apiKey}:Url"] = Url,
        [$"Webhooks:Keys:{apiKey}:Secret"] = Secret,
        ["Webhooks:FirstRetryDelay"] = "00:00:00.200",
    };

    /// <summary>Waits until <paramref name="count"/> requests have come (or 60 s passed: the caller's asserts then say what is missing).</summary>
    public async Task<IReadOnlyList<Delivery>> WaitForAsync(int count, Func<Delivery, bool>? accepted = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Deliveries.Count(d => accepted is null || accepted(d)) < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        return [.. Deliveries];
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var status = Answer(Deliveries.Count + 1);
        Deliveries.Enqueue(new Delivery(
            context.Request.Headers["Scenario-Event-Id"].ToString(), context.Request.Headers["Scenario-Signature"].ToString(),
            context.Request.ContentType ?? "", body.ToArray(), status));
        return Results.StatusCode(status);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

/// <summary>One POST as received, and the status it was answered with.</summary>
public sealed record Delivery(string EventId, string Signature, string ContentType, byte[] Body, int Status)
{
    public bool Accepted => Status is >= 200 and < 300;

    /// <summary>As a receiver checks it: HMAC-SHA256 of "t.body" with the secret, compared in constant time.</summary>
    public bool SignatureVerifies(string secret)
    {
        var fields = Signature.Split(',').Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]);
        if (!fields.TryGetValue("t", out var t) || !fields.TryGetValue("v1", out var v1))
        {
            return false;
        }
        byte[] signed = [.. Encoding.ASCII.GetBytes(t + "."), .. Body];
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(v1));
    }
}
