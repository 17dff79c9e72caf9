using Scenario.Testing;
using Scenario.Testing.Hubs;

namespace Scenario.Uploads.Server.Tests.Imports;

/// <summary>
/// The service with the default policy (no private networks), asked to import from a file server that
/// really listens on loopback under many spellings: each import must fail, refused before connecting,
/// and the file server must never see a request. Only loopback is ever targeted for real.
/// </summary>
public sealed class SsrfServiceTests : IAsyncLifetime
{
    private FileServerStandIn _files = null!;
    private ServiceHost _host = null!;
    private UploadApi _api = null!;

    public async ValueTask InitializeAsync()
    {
        _files = await FileServerStandIn.StartAsync();
        _files.Add("secret.png", TestFiles.Png());
        _host = await ServiceHost.StartAsync();
        _api = new UploadApi(_host);
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        await _host.DisposeAsync();
        await _files.DisposeAsync();
    }

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("2130706433", "loopback")]
    [InlineData("0x7f000001", "loopback")]
    [InlineData("0177.0.0.1", "loopback")]
    [InlineData("127.1", "loopback")]
    [InlineData("127.0.1", "loopback")]
    [InlineData("[::1]", "loopback")]
    [InlineData("[::ffff:127.0.0.1]", "loopback")]
    [InlineData("[::ffff:7f00:1]", "loopback")]
    [InlineData("localhost", "loopback")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("[::]", "unspecified")]
    public async Task A_loopback_target_in_any_spelling_is_refused(string host, string category)
    {
        var message = await ImportAssert.Failed(_api, new { url = $"http://{host}:{_files.Server.Port}/files/secret.png", kind = "image" });

        Assert.StartsWith("The import was refused: ", message);
        Assert.Contains($"{category} address, and imports only reach public internet addresses.", message);
        Assert.Empty(_files.Server.Requests);
    }

    [Fact]
    public async Task Model_hub_endpoints_on_a_private_network_are_refused_too()
    {
        // The test settings point both hubs at loopback; under the default policy that is refused.
        var message = await ImportAssert.Failed(_api, new { huggingFaceModelName = "acme/model" });

        Assert.Contains("a loopback address", message);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/x")]
    [InlineData("gopher://127.0.0.1:70/_x")]
    [InlineData("data:text/plain,hello")]
    [InlineData("dict://127.0.0.1:11211/")]
    public async Task Unsupported_schemes_are_refused_at_create(string url)
    {
        var response = await _api.PostJsonAsync("v1/uploads", System.Text.Json.JsonSerializer.Serialize(new { url, kind = "image" }));

        await ProblemAssert.IsProblem(response, System.Net.HttpStatusCode.BadRequest, "invalid_url");
    }

    [Fact]
    public async Task Credentials_in_the_url_are_refused_at_create()
    {
        var response = await _api.PostJsonAsync("v1/uploads", $$"""{"url":"http://user:pass@127.0.0.1:{{_files.Server.Port}}/files/secret.png","kind":"image"}""");

        await ProblemAssert.IsProblem(response, System.Net.HttpStatusCode.BadRequest, "url_credentials_not_allowed");
    }
}
