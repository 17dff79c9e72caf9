using System.Net;
using Scenario.Testing;
using Scenario.Testing.Hubs;
using Scenario.Uploads.Server.Imports;

namespace Scenario.Uploads.Server.Tests.Imports;

/// <summary>
/// The import client against the file server stand-in, with a policy that allows exactly 127.0.0.1
/// (the stand-in) and a stub resolver for the other names, so redirects to internal addresses are
/// refused by the policy and never leave the machine.
/// </summary>
public sealed class RedirectPolicyTests : IAsyncLifetime
{
    private FileServerStandIn _files = null!;
    private readonly List<IPEndPoint> _connected = [];

    public async ValueTask InitializeAsync() => _files = await FileServerStandIn.StartAsync();

    public ValueTask DisposeAsync() => _files.DisposeAsync();

    private ImportHttpClient Client()
    {
        var stubDns = new Dictionary<string, string> { ["files.test"] = "127.0.0.1", ["intranet.test"] = "10.0.0.7", ["metadata.test"] = "169.254.169.254" };
        var connector = new GuardedConnector(
            (host, _) => ValueTask.FromResult(stubDns.TryGetValue(host, out var a) ? [IPAddress.Parse(a)] : Array.Empty<IPAddress>()),
            address => address.Equals(IPAddress.Loopback) ? null : AddressPolicy.Classify(address) ?? "public",
            async (endpoint, token) =>
            {
                lock (_connected)
                {
                    _connected.Add(endpoint);
                }
                var socket = new System.Net.Sockets.Socket(endpoint.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                await socket.ConnectAsync(endpoint, token);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            });
        return new ImportHttpClient(connector, maxRedirects: 5);
    }

    [Theory]
    [InlineData("http://intranet.test/admin", "at 10.0.0.7, a private address")]
    [InlineData("http://metadata.test/latest/meta-data/", "at 169.254.169.254, a cloud metadata address")]
    [InlineData("http://169.254.169.254/latest/meta-data/iam/", "a cloud metadata address")]
    [InlineData("http://[fd00:ec2::254]/latest/", "a cloud metadata address")]
    [InlineData("http://[::1]:80/", "a loopback address")]
    [InlineData("http://0.0.0.0/", "an unspecified address")]
    public async Task A_redirect_from_an_allowed_server_to_an_internal_address_is_refused(string target, string expected)
    {
        using var client = Client();
        var start = new Uri($"http://files.test:{_files.Server.Port}/redirect?to={Uri.EscapeDataString(target)}");

        var error = await Assert.ThrowsAsync<ImportException>(() => client.GetAsync(start, null, CancellationToken.None));

        Assert.True(error.Permanent);
        Assert.Contains(expected, error.Message);
        Assert.All(_connected, e => Assert.Equal(IPAddress.Loopback, e.Address));
    }

    [Fact]
    public async Task A_token_for_one_host_is_not_sent_to_the_host_it_redirects_to()
    {
        _files.Add("weights.bin", [1, 2, 3]);
        using var client = Client();
        var credential = new HostCredential(new Uri($"http://files.test:{_files.Server.Port}"), "secret");
        var start = new Uri($"http://files.test:{_files.Server.Port}/redirect?to={Uri.EscapeDataString($"http://127.0.0.1:{_files.Server.Port}/files/weights.bin")}");

        using var response = await client.GetAsync(start, credential, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(_files.Server.Requests, r => r.Host == "files.test" && r.Authorization == "Bearer secret");
        Assert.Contains(_files.Server.Requests, r => r.Host == "127.0.0.1" && r.Authorization == "");
    }

    [Fact]
    public async Task Credentials_written_into_a_redirect_url_are_dropped()
    {
        _files.Add("open.bin", [4, 5, 6]);
        using var client = Client();
        var start = new Uri($"http://files.test:{_files.Server.Port}/redirect?to={Uri.EscapeDataString($"http://user:pass@127.0.0.1:{_files.Server.Port}/files/open.bin")}");

        using var response = await client.GetAsync(start, null, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(_files.Server.Requests, r => r.Authorization.Length > 0);
    }
}
