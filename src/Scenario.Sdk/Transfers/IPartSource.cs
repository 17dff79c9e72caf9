namespace Scenario.Transfers;

/// <summary>Positional reads of the content being uploaded, safe to call from several parts at once.</summary>
internal interface IPartSource : IDisposable
{
    long Length { get; }

    ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken);
}
