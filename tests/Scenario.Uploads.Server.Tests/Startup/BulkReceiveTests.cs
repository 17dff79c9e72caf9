using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scenario.Testing;
using Scenario.Uploads.Server.Http;

namespace Scenario.Uploads.Server.Tests.Startup;

/// <summary>
/// The running service receives part bodies in large pieces: its socket transport takes the 1 MiB block pool
/// and reads ahead 4 MiB, and a part longer than the read-ahead still arrives whole. (A registration moved
/// before Kestrel's own, or a limit left at Kestrel's 1 MiB, would quietly bring back 8,300 receives per GiB.)
/// </summary>
public sealed class BulkReceiveTests
{
    [Fact]
    public async Task The_socket_transport_takes_the_block_pool_and_the_read_ahead()
    {
        await using var host = await ServiceHost.StartAsync();

        var pools = host.Services.GetRequiredService<IMemoryPoolFactory<byte>>();
        using var pool = pools.Create();
        Assert.IsType<ReceiveBlockPool.Factory>(pools);
        Assert.Equal(ReceiveBlockPool.BlockSize, pool.MaxBufferSize);
        Assert.Equal(BulkReceive.ReadAhead, host.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.MaxReadBufferSize);
        Assert.Equal(BulkReceive.ReadAhead, host.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBufferSize);
    }

    [Fact]
    public async Task Parts_longer_than_the_read_ahead_and_not_whole_blocks_are_imported_with_their_sha256()
    {
        await using var host = await ServiceHost.StartAsync();
        using var api = new UploadApi(host);
        // Two parts, each two read-aheads, half a block and 7 bytes (over the 5 MiB minimum part): the transport
        // pauses several times per part, and the last receive fills no block.
        var bytes = new byte[2 * (2 * BulkReceive.ReadAhead + ReceiveBlockPool.BlockSize / 2 + 7)];
        Random.Shared.NextBytes(bytes);

        var upload = await api.UploadAsync(bytes, "asset", "bulk.bin", "application/octet-stream", parts: 2);

        Assert.Equal("imported", upload.Status);
        Assert.Equal(UploadApi.Sha256(bytes), upload.Sha256);
    }
}
