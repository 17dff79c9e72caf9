using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Scenario.Uploads.Server.Http;

/// <summary>
/// Kestrel's socket transport tuned for part bodies: few large receives instead of many small ones.
/// </summary>
/// <remarks>
/// The transport receives into whatever is left of the pipe's last block (at least 2 KiB), and stops
/// receiving once <see cref="ReadAhead"/> bytes wait unread. Every receive costs a system call and, on
/// loopback, the window update it sends back, which is most of a receive's cost. Larger blocks under a larger
/// read-ahead let each receive carry more, so a GiB takes fewer of them.
/// </remarks>
public static class BulkReceive
{
    /// <summary>Unread bytes per connection before the transport stops receiving (Kestrel's default is 1 MiB).</summary>
    public const long ReadAhead = 4 * ReceiveBlockPool.BlockSize;

    /// <summary>Registers the block pool and the read-ahead; called after Kestrel's own pool factory is registered.</summary>
    public static IServiceCollection AddBulkReceive(this IServiceCollection services)
    {
        // The last registration wins: the socket transport takes this pool over Kestrel's 4 KiB one.
        services.AddSingleton<IMemoryPoolFactory<byte>, ReceiveBlockPool.Factory>();
        // The socket transport's own limit decides for plain HTTP/1.1; Kestrel's applies where a connection
        // is adapted (TLS) or multiplexed (HTTP/2).
        services.Configure<SocketTransportOptions>(transport => transport.MaxReadBufferSize = ReadAhead);
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBufferSize = ReadAhead);
        return services;
    }
}
