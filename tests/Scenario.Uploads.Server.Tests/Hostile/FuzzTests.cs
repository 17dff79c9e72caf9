using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Scenario.Testing;
using Scenario.Uploads.Server.Parts;
using Scenario.Uploads.Server.Requests;
using Scenario.Uploads.Server.Signing;
using Scenario.Uploads.Server.Uploads;

namespace Scenario.Uploads.Server.Tests.Hostile;

/// <summary>
/// Several hundred generated hostile requests over every endpoint, from a fixed seed: none is a 5xx, every 4xx
/// is our problem+json, and a refused request creates and changes nothing.
/// </summary>
public sealed class FuzzTests(ServiceFixture fixture, ITestOutputHelper output) : IClassFixture<ServiceFixture>
{
    // Fixed, so a failure replays; SCENARIO_FUZZ_SEED tries others.
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("SCENARIO_FUZZ_SEED"), out var seed) ? seed : 20_250_611;

    [Fact]
    public async Task Hostile_requests_over_every_endpoint_get_no_5xx_only_problems_and_change_nothing()
    {
        var api = fixture.Api;
        using var other = new UploadApi(fixture.Host, TestKeys.OtherApiKey, TestKeys.OtherApiSecret);
        var targets = await PrepareAsync(api);
        var uploadsBefore = await ListIdsAsync(api);
        var otherUploadsBefore = await ListIdsAsync(other);
        var pendingBefore = await PendingStateAsync(api, targets.PendingUploadId);
        var assetBefore = await WithoutUrlAsync(api, $"v1/assets/{targets.AssetId}", "asset");
        var jobBefore = (await api.GetJsonAsync($"v1/jobs/{targets.JobId}")).GetRawText();
        var cases = new FuzzGenerator(Seed, targets).Generate();

        var clock = Stopwatch.StartNew();
        var statuses = new SortedDictionary<int, int>();
        var endpoints = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        var created = new HashSet<string>(StringComparer.Ordinal);
        var byKestrel = 0;
        foreach (var fuzz in cases)
        {
            endpoints[fuzz.Endpoint] = endpoints.GetValueOrDefault(fuzz.Endpoint) + 1;
            RawResponse answer;
            try
            {
                answer = await RawHttp.SendAsync(fixture.Host.BaseUrl, fuzz.Request, fuzz.HalfClose, TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is IOException or SocketException or InvalidDataException or OperationCanceledException)
            {
                failures.Add($"{fuzz}: no answer ({e.GetType().Name}: {e.Message})");
                continue;
            }
            statuses[answer.Status] = statuses.GetValueOrDefault(answer.Status) + 1;
            if (fuzz.BeforeTheService && answer is { Status: 400, Body.Length: 0 })
            {
                byKestrel++;
            }
            else if (Judge(fuzz, answer) is { } failure)
            {
                failures.Add($"{fuzz}: {failure}");
            }
            if (fuzz.IsCreate && answer.Status == 200)
            {
                created.Add(Upload.From(JsonDocument.Parse(answer.Body).RootElement).Id);
            }
        }
        clock.Stop();

        var serverErrors = statuses.Where(s => s.Key >= 500).Sum(s => s.Value);
        output.WriteLine($"Seed {Seed}: {cases.Count} hostile requests sent in {clock.Elapsed.TotalSeconds:F1} s; 5xx seen: {serverErrors}.");
        output.WriteLine("By status: " + string.Join(", ", statuses.Select(s => $"{s.Key} × {s.Value}")));
        output.WriteLine($"Refused by Kestrel before the service (a bare 400, no body): {byKestrel}; creates that passed: {created.Count}.");
        output.WriteLine("By endpoint: " + string.Join(", ", endpoints.Select(e => $"{e.Key} × {e.Value}")));
        foreach (var failure in failures.Take(30))
        {
            output.WriteLine("FAILED " + failure);
        }

        Assert.True(cases.Count >= 500, $"only {cases.Count} requests generated");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} answers were wrong; the first: {string.Join(Environment.NewLine, failures.Take(10))}");
        Assert.Equal(0, serverErrors);
        Assert.Equal(uploadsBefore.Union(created).Order(StringComparer.Ordinal), (await ListIdsAsync(api)).Order(StringComparer.Ordinal));
        Assert.Equal(otherUploadsBefore.Order(StringComparer.Ordinal), (await ListIdsAsync(other)).Order(StringComparer.Ordinal));
        Assert.Equal(pendingBefore, await PendingStateAsync(api, targets.PendingUploadId));
        Assert.Equal(assetBefore, await WithoutUrlAsync(api, $"v1/assets/{targets.AssetId}", "asset"));
        Assert.Equal(jobBefore, (await api.GetJsonAsync($"v1/jobs/{targets.JobId}")).GetRawText());
    }

    /// <summary>What is wrong with an answer; null when nothing is.</summary>
    private static string? Judge(FuzzCase fuzz, RawResponse answer) => answer.Status switch
    {
        >= 500 => $"a server error: {answer}",
        >= 400 => HostileAssert.ProblemShape(answer),
        >= 200 and < 300 when fuzz.MustRefuse => $"accepted a request no reading makes valid: {answer}",
        >= 200 and < 300 => null,
        // A conditional download (If-None-Match: *) of a file that has not changed.
        304 when fuzz.Endpoint == "GET /v1/files/{id}" => null,
        _ => $"an unexpected status: {answer}",
    };

    private async Task<FuzzTargets> PrepareAsync(UploadApi api)
    {
        var pending = await api.CreateFor(new byte[3], "asset", "pending.bin", "application/octet-stream");
        var pendingId = pending.Id;
        var partUrl = new Uri(pending.Parts[0].Url!);
        // Under S3 part URLs are the store's: the service's own part endpoint then sees a URL it did not sign.
        var partPath = partUrl.Port == fixture.Host.Port ? partUrl.PathAndQuery : $"/v1/uploads/{pendingId}/parts/1?expires=9999999999&signature=x";

        var done = await api.UploadAsync("fuzz me\n"u8.ToArray(), "text", "fuzz.txt", "text/plain");
        Assert.Equal("imported", done.Status);
        var assetId = done.EntityId!;
        // Signed by the service itself, whatever the store: this is its own download endpoint.
        var signer = fixture.Host.Services.GetRequiredService<UrlSigner>();
        var download = new Uri(signer.SignDownloadUrl(assetId, DateTimeOffset.UtcNow.AddHours(1), fixture.Host.BaseUrl.ToString()));

        return new FuzzTargets(
            "Authorization: " + RawHttp.Basic(TestKeys.ApiKey, TestKeys.ApiSecret),
            "Authorization: " + RawHttp.Basic(TestKeys.OtherApiKey, TestKeys.OtherApiSecret),
            pendingId, partPath, 3, assetId, download.PathAndQuery, done.JobId!);
    }

    private static async Task<List<string>> ListIdsAsync(UploadApi api)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await api.GetJsonAsync("v1/uploads?pageSize=100" + (token is null ? "" : $"&paginationToken={token}"));
            ids.AddRange(page.GetProperty("uploads").EnumerateArray().Select(u => u.GetProperty("id").GetString()!));
            token = page.TryGetProperty("nextPaginationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);
        return ids;
    }

    /// <summary>Everything of the pending upload but its part URLs, which are signed afresh on every read.</summary>
    private static async Task<string> PendingStateAsync(UploadApi api, string uploadId)
    {
        var upload = await api.RetrieveAsync(uploadId);
        var state = new StringBuilder();
        foreach (var property in upload.Json.EnumerateObject().Where(p => p.Name != "parts"))
        {
            state.Append(property.Name).Append('=').Append(property.Value.GetRawText()).Append('\n');
        }
        foreach (var part in upload.Json.GetProperty("parts").EnumerateArray())
        {
            state.Append("part ").AppendJoin(' ', part.EnumerateObject().Where(p => p.Name is not ("url" or "expires")).Select(p => $"{p.Name}={p.Value.GetRawText()}")).Append('\n');
        }
        return state.ToString();
    }

    private static async Task<string> WithoutUrlAsync(UploadApi api, string path, string envelope)
    {
        var entity = (await api.GetJsonAsync(path)).GetProperty(envelope);
        return string.Join('\n', entity.EnumerateObject().Where(p => p.Name != "url").Select(p => $"{p.Name}={p.Value.GetRawText()}"));
    }
}
