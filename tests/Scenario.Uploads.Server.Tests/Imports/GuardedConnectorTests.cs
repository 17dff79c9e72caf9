using System.Net;
using Scenario.Uploads.Server.Imports;

namespace Scenario.Uploads.Server.Tests.Imports;

/// <summary>
/// The connect hook with a stub resolver and a connector that fails the test if it is ever called:
/// a refused address must be refused before any socket exists. Nothing here leaves the process.
/// </summary>
public sealed class GuardedConnectorTests
{
    private static GuardedConnector Connector(params string[] addresses) => new(
        (_, _) => ValueTask.FromResult(addresses.Select(IPAddress.Parse).ToArray()),
        address => AddressPolicy.Refusal(address, allowPrivateNetworks: false),
        (endpoint, _) => throw new Xunit.Sdk.XunitException($"The hook tried to connect to {endpoint}."));

    [Theory]
    [InlineData("10.0.0.1", "private")]
    [InlineData("172.16.5.4", "private")]
    [InlineData("192.168.0.10", "private")]
    [InlineData("169.254.169.254", "cloud metadata")]
    [InlineData("fd00:ec2::254", "cloud metadata")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("::ffff:192.168.1.1", "private")]
    public async Task A_name_resolving_to_an_internal_address_is_refused_before_connecting(string address, string category)
    {
        var error = await Assert.ThrowsAsync<ImportException>(() => Connector(address).ConnectAsync("files.example", 80, CancellationToken.None).AsTask());

        Assert.True(error.Permanent);
        Assert.Contains($"a {category} address", error.Message);
    }

    [Fact]
    public async Task One_internal_address_among_public_ones_refuses_the_host()
    {
        // DNS rebinding answers mix addresses; the hook does not pick the harmless one and hope.
        var error = await Assert.ThrowsAsync<ImportException>(() => Connector("93.184.216.34", "10.0.0.1").ConnectAsync("mixed.example", 443, CancellationToken.None).AsTask());

        Assert.Contains("at 10.0.0.1, a private address", error.Message);
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("[fd00:ec2::254]")]
    [InlineData("[::ffff:a9fe:a9fe]")]
    [InlineData("10.1.1.1")]
    public async Task A_literal_address_is_judged_without_resolving(string host)
    {
        var resolver = new GuardedConnector(
            (_, _) => throw new Xunit.Sdk.XunitException("A literal address must not be resolved."),
            address => AddressPolicy.Refusal(address, allowPrivateNetworks: false),
            (endpoint, _) => throw new Xunit.Sdk.XunitException($"The hook tried to connect to {endpoint}."));

        await Assert.ThrowsAsync<ImportException>(() => resolver.ConnectAsync(host, 80, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task A_public_address_is_connected_to_exactly_as_resolved()
    {
        IPEndPoint? connected = null;
        var connector = new GuardedConnector(
            (_, _) => ValueTask.FromResult(new[] { IPAddress.Parse("93.184.216.34") }),
            address => AddressPolicy.Refusal(address, allowPrivateNetworks: false),
            (endpoint, _) =>
            {
                connected = endpoint;
                return ValueTask.FromResult<Stream>(new MemoryStream());
            });

        await connector.ConnectAsync("files.example", 8080, CancellationToken.None);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("93.184.216.34"), 8080), connected);
    }
}
