using System.Net;
using System.Text.Json.Nodes;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.OpenApi;

/// <summary>
/// What third-party audits found the document got wrong, held to what goes on the wire: where it is served, the
/// limits a create is held to (with this service's own Uploads:MaxFileSize), the signed URL's query and the part
/// body as the part endpoint reads them, and complete's idempotency.
/// </summary>
public sealed class DocumentPromisesTests
{
    private const long MaxFileSize = 3L * 1024 * 1024 * 1024;

    [Fact]
    public async Task The_document_says_the_limits_and_wire_types_this_service_enforces()
    {
        await using var host = await ServiceHost.StartAsync(new ServiceHostOptions
        {
            Settings = new Dictionary<string, string>
            {
                ["Uploads:MaxFileSize"] = MaxFileSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Uploads:PublicBaseUrl"] = "https://uploads.example.com/",
            },
        });
        using var client = new HttpClient { BaseAddress = host.BaseUrl };
        var document = JsonNode.Parse(await client.GetStringAsync("openapi/v1.json"))!;

        Assert.Equal("https://uploads.example.com", document["servers"]![0]!["url"]!.GetValue<string>());
        var create = document["components"]!["schemas"]!["UploadCreateParams"]!["properties"]!;
        Assert.Equal(255, create["fileName"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(MaxFileSize, create["fileSize"]!["maximum"]!.GetValue<long>());
        Assert.Equal(100, create["assetOptions"]!["properties"]!["collectionIds"]!["maxItems"]!.GetValue<int>());
        Assert.Equal(64, create["assetOptions"]!["properties"]!["parentId"]!["maxLength"]!.GetValue<int>());

        var put = document["paths"]!["/v1/uploads/{uploadId}/parts/{partNumber}"]!["put"]!;
        var partNumber = Parameter(put, "partNumber")["schema"]!;
        Assert.Equal(("integer", 1, 10_000), (partNumber["type"]!.GetValue<string>(), partNumber["minimum"]!.GetValue<int>(), partNumber["maximum"]!.GetValue<int>()));
        Assert.Equal("integer", Parameter(put, "expires")["schema"]!["type"]!.GetValue<string>());
        Assert.Equal(["*/*"], put["requestBody"]!["content"]!.AsObject().Select(c => c.Key));
        var action = document["paths"]!["/v1/uploads/{uploadId}/action"]!["post"]!["description"]!.GetValue<string>();
        Assert.Contains("idempotent", action, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_part_URL_carries_expires_as_Unix_seconds_and_its_part_number_as_an_integer()
    {
        Assert.SkipWhen(TestBackend.IsPostgresS3, "On S3 the part URLs are the store's presigned ones, which the document's part operation does not describe.");
        await using var host = await ServiceHost.StartAsync();
        using var api = new UploadApi(host);

        var upload = await api.CreateAsync(new { fileName = "a.bin", contentType = "application/octet-stream", fileSize = 10, parts = 1, kind = "asset" });
        var url = new Uri(upload.Parts[0].Url!);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);

        Assert.EndsWith("/parts/1", url.AbsolutePath, StringComparison.Ordinal);
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(query["expires"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse(upload.Parts[0].Expires!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(),
            expires.ToUnixTimeSeconds());
        using var put = await api.Client.PutAsync(url, new ByteArrayContent(new byte[10]) { Headers = { ContentType = new("text/plain") } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    private static JsonNode Parameter(JsonNode operation, string name) =>
        operation["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == name)!;
}
