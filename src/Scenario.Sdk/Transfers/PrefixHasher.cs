using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Scenario.Transfers;

/// <summary>
/// Hashes the partial file while the ranges arrive: it reads back (from the page cache) the bytes in front of it
/// as soon as every range up to there is written, so at the end only the tail is left to hash instead of the whole
/// file. It reads what is on disk, not what came off the network, so a partial file changed between two runs is
/// still caught.
/// </summary>
internal sealed class PrefixHasher : IDisposable
{
    private const int BufferSize = 1024 * 1024;
    private readonly SafeFileHandle _handle;
    private readonly ChunkPlan _plan;
    private readonly bool[] _written;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _advanced = new(0);
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _frontier;

    public PrefixHasher(SafeFileHandle handle, ChunkPlan plan, IReadOnlySet<int> kept)
    {
        (_handle, _plan) = (handle, plan);
        _written = new bool[plan.Count];
        foreach (var index in kept)
        {
            _written[index] = true;
        }
        Advance();
    }

    /// <summary>Range <paramref name="index"/> is written.</summary>
    public void Written(int index)
    {
        lock (_lock)
        {
            _written[index] = true;
            Advance();
        }
        _advanced.Release();
    }

    /// <summary>Hashes as the written prefix grows, until the whole file is hashed; returns the hex SHA-256.</summary>
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            for (long hashed = 0; hashed < _plan.Size;)
            {
                var end = WrittenBytes();
                if (end == hashed)
                {
                    await _advanced.WaitAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
                var read = await RandomAccess.ReadAsync(_handle, buffer.AsMemory(0, (int)Math.Min(buffer.Length, end - hashed)), hashed, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException("The partial file is shorter than the ranges written into it.");
                }
                _hash.AppendData(buffer, 0, read);
                hashed += read;
            }
            return Convert.ToHexStringLower(_hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private long WrittenBytes()
    {
        lock (_lock)
        {
            return _frontier == _plan.Count ? _plan.Size : _plan.OffsetOf(_frontier);
        }
    }

    private void Advance()
    {
        while (_frontier < _written.Length && _written[_frontier])
        {
            _frontier++;
        }
    }

    public void Dispose()
    {
        _hash.Dispose();
        _advanced.Dispose();
    }
}
