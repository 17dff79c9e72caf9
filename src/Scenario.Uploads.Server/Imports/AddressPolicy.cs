using System.Net;
using System.Net.Sockets;

namespace Scenario.Uploads.Server.Imports;

/// <summary>
/// Says whether an import may connect to an address: only to the public internet, unless the operator
/// allows private networks. Addresses that embed an IPv4 address (mapped, compatible, NAT64, 6to4,
/// Teredo) are judged by the address they carry, since that is where the packets end up.
/// </summary>
public static class AddressPolicy
{
    /// <summary>Why <paramref name="address"/> is refused (e.g. "loopback"), or null when it is a public address.</summary>
    public static string? Classify(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => ClassifyV4(address.GetAddressBytes()),
        AddressFamily.InterNetworkV6 => ClassifyV6(address.GetAddressBytes()),
        _ => "not an internet address",
    };

    /// <summary>The refusal under the operator's setting: null when the import may connect.</summary>
    public static string? Refusal(IPAddress address, bool allowPrivateNetworks) =>
        allowPrivateNetworks ? null : Classify(address);

    private static string? ClassifyV4(ReadOnlySpan<byte> b) => (b[0], b[1], b[2], b[3]) switch
    {
        (0, _, _, _) => "unspecified",
        (127, _, _, _) => "loopback",
        (10, _, _, _) => "private",
        (172, >= 16 and <= 31, _, _) => "private",
        (192, 168, _, _) => "private",
        (169, 254, 169, 254) => "cloud metadata",
        (169, 254, _, _) => "link-local",
        (100, >= 64 and <= 127, _, _) => "carrier-grade NAT",
        (192, 0, 0, _) or (192, 0, 2, _) or (198, 51, 100, _) or (203, 0, 113, _) => "reserved",
        (198, 18 or 19, _, _) => "reserved",
        (255, 255, 255, 255) => "broadcast",
        (>= 224 and <= 239, _, _, _) => "multicast",
        (>= 240, _, _, _) => "reserved",
        _ => null,
    };

    private static string? ClassifyV6(byte[] b)
    {
        var span = b.AsSpan();
        if (span[..15].IndexOfAnyExcept((byte)0) < 0)
        {
            return b[15] switch
            {
                0 => "unspecified",
                1 => "loopback",
                _ => "reserved",
            };
        }
        if (span[..10].IndexOfAnyExcept((byte)0) < 0 && b[10] == 0xff && b[11] == 0xff)
        {
            return ClassifyV4(span[12..]);   // ::ffff:a.b.c.d, IPv4-mapped
        }
        if (span[..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return ClassifyV4(span[12..]);   // ::a.b.c.d, the deprecated IPv4-compatible form
        }
        if (b is [0x00, 0x64, 0xff, 0x9b, ..])
        {
            return ClassifyV4(span[12..]);   // 64:ff9b::/96, NAT64
        }
        if (b is [0x20, 0x02, ..])
        {
            return ClassifyV4(span[2..6]);   // 2002::/16, 6to4
        }
        if (b is [0x20, 0x01, 0x00, 0x00, ..])
        {
            // Teredo: the client's IPv4 address is stored inverted in the last four bytes.
            byte[] client = [(byte)~b[12], (byte)~b[13], (byte)~b[14], (byte)~b[15]];
            return ClassifyV4(client);
        }
        return (b[0], b[1]) switch
        {
            (0xfd, 0x00) when b is [0xfd, 0x00, 0x0e, 0xc2, ..] && IsEc2Metadata(b) => "cloud metadata",
            (0xfc or 0xfd, _) => "private",
            (0xfe, >= 0x80 and <= 0xbf) => "link-local",
            (0xfe, >= 0xc0) => "site-local",
            (0xff, _) => "multicast",
            (0x20, 0x01) when b[2] == 0x0d && b[3] == 0xb8 => "reserved",
            _ => null,
        };
    }

    // fd00:ec2::254, the instance metadata service of AWS over IPv6.
    private static bool IsEc2Metadata(byte[] b) =>
        b.AsSpan(4, 10).IndexOfAnyExcept((byte)0) < 0 && b[14] == 0x02 && b[15] == 0x54;
}
