using System.Net;
using Scenario.Uploads.Server.Imports;

namespace Scenario.Uploads.Server.Tests.Imports;

/// <summary>The classifier alone: no address here is ever connected to.</summary>
public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.254", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::127.0.0.1", "loopback")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("::ffff:10.1.2.3", "private")]
    [InlineData("fc00::1", "private")]
    [InlineData("fd12:3456::1", "private")]
    [InlineData("169.254.169.254", "cloud metadata")]
    [InlineData("::ffff:169.254.169.254", "cloud metadata")]
    [InlineData("fd00:ec2::254", "cloud metadata")]
    [InlineData("169.254.1.1", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("100.127.255.255", "carrier-grade NAT")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("192.0.2.1", "reserved")]
    [InlineData("64:ff9b::7f00:1", "loopback")]
    [InlineData("64:ff9b::a9fe:a9fe", "cloud metadata")]
    [InlineData("2002:7f00:1::", "loopback")]
    [InlineData("2002:0a00:0001::", "private")]
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback")]
    public void Internal_addresses_are_refused_with_their_category(string address, string category)
    {
        Assert.Equal(category, AddressPolicy.Classify(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("169.255.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2002:0808:0808::")]
    public void Public_addresses_are_allowed(string address)
    {
        Assert.Null(AddressPolicy.Classify(IPAddress.Parse(address)));
    }

    [Fact]
    public void Allowing_private_networks_allows_everything()
    {
        Assert.Null(AddressPolicy.Refusal(IPAddress.Loopback, allowPrivateNetworks: true));
        Assert.Equal("loopback", AddressPolicy.Refusal(IPAddress.Loopback, allowPrivateNetworks: false));
    }
}
