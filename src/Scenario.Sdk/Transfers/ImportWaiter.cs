using Scenario.Exceptions;
using Scenario.Models;
using Scenario.Services;

namespace Scenario.Transfers;

/// <summary>Polls an upload until it is imported or failed, starting fast (small files finish in well under a second).</summary>
internal static class ImportWaiter
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    public static async Task<Upload> WaitAsync(IUploadService service, string uploadId, TimeSpan timeout, Upload? current, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var delay = FirstDelay;
        while (true)
        {
            current = current is { IsTerminal: true }
                ? current
                : (await service.RetrieveAsync(uploadId, cancellationToken).ConfigureAwait(false)).Upload;
            if (current.IsTerminal)
            {
                return current;
            }
            var now = DateTimeOffset.UtcNow;
            if (now >= deadline)
            {
                throw new ScenarioTimeoutException($"Upload {uploadId} was still {current.Status} after {timeout.TotalSeconds:0.#} s; it keeps processing, check it again later.");
            }
            var wait = delay < deadline - now ? delay : deadline - now;
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }
}
