using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace Scenario.Uploads.Server.Http;

/// <summary>
/// The memory Kestrel's socket transport receives into (its answers are written into the same blocks).
/// Its own pool hands out 4 KiB blocks and the transport reads into what is left of one block per <c>recv</c>,
/// so a 1 GiB part took 262,144 system calls (and as many ACK wake-ups). Measured on 8 parallel 128 MiB PUTs:
/// 64 KiB blocks cut the service's CPU per GiB from 4.2 s to 3.3 s (with MD5 still on), 256 KiB blocks another
/// 10 %; with MD5 gone and a 4 MiB read-ahead (<see cref="BulkReceive"/>), 1 MiB blocks cut it by 8–19 % in
/// memory (medians of four A/B runs: 1.02–1.21 s before, 0.93–1.04 s after; issue 18). Blocks are pinned arrays (the transport pins what it receives into) and
/// are kept for reuse up to <see cref="MaxRetainedBlocks"/>; past that, returned blocks are left to the GC, so a
/// burst of connections does not hold its peak memory for ever.
/// </summary>
public sealed class ReceiveBlockPool : MemoryPool<byte>
{
    public const int BlockSize = 1024 * 1024;

    /// <summary>64 MiB: the blocks of 16 connections at the full read-ahead.</summary>
    public const int MaxRetainedBlocks = (int)(16 * BulkReceive.ReadAhead / BlockSize);

    private readonly ConcurrentQueue<byte[]> _free = new();
    private int _freeCount;

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        if (_free.TryDequeue(out var array))
        {
            Interlocked.Decrement(ref _freeCount);
        }
        else
        {
            array = GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);
        }
        return new Block(this, array);
    }

    private void Return(byte[] array)
    {
        if (Interlocked.Increment(ref _freeCount) <= MaxRetainedBlocks)
        {
            _free.Enqueue(array);
        }
        else
        {
            Interlocked.Decrement(ref _freeCount);
        }
    }

    protected override void Dispose(bool disposing)
    {
        _free.Clear();
    }

    /// <summary>One rental; returning it twice would hand the same memory to two readers, so only the first counts.</summary>
    private sealed class Block(ReceiveBlockPool pool, byte[] array) : IMemoryOwner<byte>
    {
        private byte[]? _array = array;

        public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(Block));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _array, null) is { } returned)
            {
                pool.Return(returned);
            }
        }
    }

    /// <summary>Kestrel asks for one pool per transport; each gets its own.</summary>
    public sealed class Factory : IMemoryPoolFactory<byte>
    {
        public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new ReceiveBlockPool();
    }
}
