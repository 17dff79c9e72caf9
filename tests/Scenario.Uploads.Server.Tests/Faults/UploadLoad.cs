namespace Scenario.Uploads.Server.Tests.Faults;

/// <summary>A few <see cref="LoadClient"/>s uploading steadily across the instances until stopped.</summary>
public sealed class UploadLoad : IAsyncDisposable
{
    // Bounds the load in count as well as in time: a client that finds every request answered at once stops here.
    private const int MaxUploadsPerClient = 400;

    private readonly CancellationTokenSource _stop = new();
    private readonly LoadClient[] _clients;
    private readonly Task[] _runs;

    private UploadLoad(IReadOnlyList<Uri> instances, int clients, LoadLedger ledger)
    {
        _clients = [.. Enumerable.Range(0, clients).Select(n => new LoadClient(n, instances, ledger))];
        _runs = [.. _clients.Select(c => Task.Run(() => c.RunAsync(MaxUploadsPerClient, _stop.Token)))];
    }

    public static UploadLoad Start(IReadOnlyList<Uri> instances, int clients, LoadLedger ledger) => new(instances, clients, ledger);

    /// <summary>Lets each client finish (or give up) the upload it is in, then returns.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_runs);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        _stop.Dispose();
    }
}
