using System.Net;
using System.Net.Sockets;

namespace Scenario.Uploads.Server.Imports;

/// <summary>Resolves a host name to its addresses (DNS in production, a stub in tests).</summary>
public delegate ValueTask<IPAddress[]> HostResolver(string host, CancellationToken cancellationToken);

/// <summary>Opens the connection to one address (a socket in production, a recorder in tests).</summary>
public delegate ValueTask<Stream> AddressConnector(IPEndPoint endpoint, CancellationToken cancellationToken);

/// <summary>
/// The <c>ConnectCallback</c> of the import client: resolves the host itself, judges every address,
/// and connects only to an address it judged. Checking the name and letting the handler resolve it
/// again would let a DNS answer that changes in between (rebinding) reach an internal address.
/// </summary>
public sealed class GuardedConnector(HostResolver resolve, Func<IPAddress, string?> refusal, AddressConnector? connect = null)
{
    private readonly AddressConnector _connect = connect ?? ConnectSocketAsync;

    public static GuardedConnector ForPolicy(bool allowPrivateNetworks) =>
        new((host, token) => new ValueTask<IPAddress[]>(Dns.GetHostAddressesAsync(host, token)),
            address => AddressPolicy.Refusal(address, allowPrivateNetworks));

    public ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken);

    public async ValueTask<Stream> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var addresses = await AllowedAddressesAsync(host, cancellationToken);
        Exception? last = null;
        foreach (var address in addresses)
        {
            try
            {
                return await _connect(new IPEndPoint(address, port), cancellationToken);
            }
            catch (SocketException e)
            {
                last = e;
            }
        }
        throw ImportException.Transient($"Could not connect to {host}:{port}: {last?.Message}", last);
    }

    /// <summary>Every address of <paramref name="host"/>, all allowed; else the refusal. One refused address refuses the host.</summary>
    public async ValueTask<IReadOnlyList<IPAddress>> AllowedAddressesAsync(string host, CancellationToken cancellationToken)
    {
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        IPAddress[] addresses;
        if (IPAddress.TryParse(bare, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await resolve(bare, cancellationToken);
            }
            catch (SocketException e)
            {
                throw ImportException.Refused($"The host {host} could not be found ({e.SocketErrorCode}). Check the URL.");
            }
        }
        if (addresses.Length == 0)
        {
            throw ImportException.Refused($"The host {host} could not be found. Check the URL.");
        }
        foreach (var address in addresses)
        {
            if (refusal(address) is { } why)
            {
                var shown = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
                throw ImportException.Refused(
                    $"The import was refused: {host} is {(bare == shown.ToString() ? "" : $"at {shown}, ")}{(why[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a")} {why} address, and imports only reach public internet addresses.");
            }
        }
        return addresses;
    }

    private static async ValueTask<Stream> ConnectSocketAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
