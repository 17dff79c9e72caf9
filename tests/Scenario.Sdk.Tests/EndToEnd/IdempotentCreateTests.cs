using System.Text.Json;
using Scenario.Models;
using Scenario.Testing;

namespace Scenario.Sdk.Tests.EndToEnd;

/// <summary>
/// A create whose answer is lost on the way back (the service made the upload, the client saw a reset) is
/// retried by the SDK with the same <c>Idempotency-Key</c>, and the real service answers the upload it made.
/// </summary>
public sealed class IdempotentCreateTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_create_retried_after_a_lost_answer_makes_one_upload()
    {
        using var losing = new LosesFirstCreateAnswer(new SocketsHttpHandler());
        using var client = service.Client(losing);
        var before = (await client.Uploads.ListAsync(new UploadListParams { PageSize = 100 }, Ct)).Uploads.Count;

        var upload = (await client.Uploads.CreateAsync(new UploadCreateParams
        {
            FileName = "once.bin", ContentType = "application/octet-stream", FileSize = 10, Parts = 1, Kind = UploadKind.Asset,
        }, Ct)).Upload;

        Assert.Equal(2, losing.Keys.Count);
        Assert.Single(losing.Keys.Distinct());
        Assert.False(string.IsNullOrEmpty(losing.Keys[0]));
        Assert.Equal(losing.LostUploadId, upload.Id);
        Assert.Equal(before + 1, (await client.Uploads.ListAsync(new UploadListParams { PageSize = 100 }, Ct)).Uploads.Count);
    }

    [Fact]
    public async Task Each_create_call_gets_its_own_key_unless_one_is_given()
    {
        using var recording = new LosesFirstCreateAnswer(new SocketsHttpHandler()) { Lose = false };
        using var client = service.Client(recording);
        var create = new UploadCreateParams { FileName = "a.bin", ContentType = "application/octet-stream", FileSize = 10, Parts = 1, Kind = UploadKind.Asset };

        var first = (await client.Uploads.CreateAsync(create, Ct)).Upload;
        var second = (await client.Uploads.CreateAsync(create, Ct)).Upload;
        var keyed = create with { IdempotencyKey = "job-42-a.bin" };
        var third = (await client.Uploads.CreateAsync(keyed, Ct)).Upload;
        var fourth = (await client.Uploads.CreateAsync(keyed, Ct)).Upload;

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(third.Id, fourth.Id);
        Assert.Equal(3, recording.Keys.Distinct().Count());
        Assert.Equal("job-42-a.bin", recording.Keys[^1]);
    }

    /// <summary>Passes requests to the real service; the first create's answer is read, then dropped as a connection reset.</summary>
    private sealed class LosesFirstCreateAnswer(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public bool Lose { get; init; } = true;

        public List<string?> Keys { get; } = [];

        public string? LostUploadId { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var isCreate = request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/uploads", StringComparison.Ordinal);
            if (isCreate)
            {
                Keys.Add(request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null);
            }
            var response = await base.SendAsync(request, cancellationToken);
            if (!isCreate || !Lose || LostUploadId is not null)
            {
                return response;
            }
            using (response)
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                LostUploadId = body.RootElement.GetProperty("upload").GetProperty("id").GetString();
            }
            throw new HttpRequestException("The connection was reset (the test dropped the service's answer).");
        }
    }
}
