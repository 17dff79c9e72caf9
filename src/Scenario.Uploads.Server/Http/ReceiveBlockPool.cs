using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace Scenario.Uploads.Server.Http;

/// <summary>
/// The memory Kestrel's socket transport receives into (its answers are written into the same blocks).
/// Its own pool hands out 4 KiB blocks and the transport reads into what is left of one block per <c>recv</c>,
/// so a part body cost a system call (and an ACK wake-up) per 4 KiB. Large blocks, sized with the read-ahead
/// (<see cref="BulkReceive"/>), make each receive carry as much as the pipe allows, which is what a part's CPU
/// cost is made of. Blocks are pinned arrays (the transport pins what it receives into) and
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
