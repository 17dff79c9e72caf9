using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Scenario.Uploads.Server.RateLimits;

/// <summary>
/// Counts failed authentications per client address (the proxy's client when forwarded headers are on).
/// An address that used up <c>RateLimits:FailedAuth</c> may not have any credentials checked until its
/// window ends, right ones included: otherwise guessing would go on, only with 429s for the wrong guesses.
/// </summary>
public sealed class FailedAuthLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    public FailedAuthLimiter(IOptions<RateLimitsOptions> options)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }
        var window = settings.FailedAuth;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = window.PermitLimit, Window = window.Window, QueueLimit = 0 }));
    }

    /// <summary>Null when this address may try credentials; else the refusal, which says when it may again.</summary>
    public RateLimitLease? Refusal(HttpContext context)
    {
        if (_limiter is null)
        {
            return null;
        }
        // Asking for no permit tells whether any is left without using one.
        var lease = _limiter.AttemptAcquire(AddressOf(context), 0);
        if (lease.IsAcquired)
        {
            lease.Dispose();
            return null;
        }
        return lease;
    }

    public void Failed(HttpContext context) => _limiter?.AttemptAcquire(AddressOf(context)).Dispose();

    public void Dispose() => _limiter?.Dispose();

    private static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "";
}
