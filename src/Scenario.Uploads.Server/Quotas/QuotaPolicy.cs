using System.Security.Claims;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Quotas;

namespace Scenario.Uploads.Server.Quotas;

/// <summary>The limits that apply to a request: its key's overrides, else the defaults.</summary>
public sealed class QuotaPolicy(IOptions<QuotasOptions> options)
{
    /// <summary>The limits of the caller's key (its name, as <c>BasicApiKeyHandler</c> sets it).</summary>
    public QuotaLimits For(ClaimsPrincipal user) => For(user.Identity?.Name);

    public QuotaLimits For(string? apiKey)
    {
        var settings = options.Value;
        var key = apiKey is not null && settings.Keys.TryGetValue(apiKey, out var found) ? found : null;
        return new QuotaLimits(
            key?.StoredBytes ?? settings.StoredBytes,
            key?.PendingBytes ?? settings.PendingBytes,
            key?.PendingUploads ?? settings.PendingUploads);
    }
}
