using Scenario.Uploads.Validation;

namespace Scenario.Testing;

/// <summary>An <see cref="IRandomAccessContent"/> over a byte array, counting reads so tests can check what was read.</summary>
public sealed class MemoryContent(byte[] bytes) : IRandomAccessContent
{
    public long Length => bytes.Length;

    /// <summary>The total number of bytes handed out, to prove an inspector did not read a whole large file.</summary>
    public long BytesRead { get; private set; }

    public ValueTask<int> ReadAtAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (offset >= bytes.Length)
        {
            return ValueTask.FromResult(0);
        }

        var count = (int)Math.Min(buffer.Length, bytes.Length - offset);
        bytes.AsSpan((int)offset, count).CopyTo(buffer.Span);
        BytesRead += count;
        return ValueTask.FromResult(count);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
