using Scenario.Uploads.Persistence;

namespace Scenario.Uploads.Server.Tus;

/// <summary>
/// Renews an append's hold while its bytes flow. The first renewal that fails stops the append (its
/// <see cref="Token"/> is cancelled), long before the hold runs out and another instance could take over, so
/// two instances never write one upload's bytes at once.
/// </summary>
internal sealed class HoldRenewal : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;

    public HoldRenewal(IAppendRepository appends, string id, string holder, TimeProvider time, TimeSpan every, TimeSpan holdFor)
    {
        _stop = new CancellationTokenSource();
        _loop = RenewAsync(appends, id, holder, time, every, holdFor);
    }

    /// <summary>
    /// Cancelled when the hold could not be renewed. Not when the client goes: its body then ends by itself, after
    /// the bytes that arrived, which are kept.
    /// </summary>
    public CancellationToken Token => _stop.Token;

    private async Task RenewAsync(IAppendRepository appends, string id, string holder, TimeProvider time, TimeSpan every, TimeSpan holdFor)
    {
        using var timer = new PeriodicTimer(every, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (!await appends.RenewAsync(id, holder, time.GetUtcNow() + holdFor, _stop.Token))
                {
                    await _stop.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception)
        {
            // The database did not answer: stop appending rather than risk a takeover.
            await _stop.CancelAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
