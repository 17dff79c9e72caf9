namespace Scenario.Uploads.Validation;

/// <summary>
/// Read access to a stored file at any offset, so an inspector reads only the bytes it needs
/// (a header, an index at the end) and a hash can stream the whole file once.
/// </summary>
public interface IRandomAccessContent : IAsyncDisposable
{
    long Length { get; }

    /// <summary>Reads up to <c>buffer.Length</c> bytes at <paramref name="offset"/>; returns 0 at the end.</summary>
    ValueTask<int> ReadAtAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken);
}
