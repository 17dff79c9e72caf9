namespace Scenario.Uploads.Server.Quotas;

/// <summary>
/// The <c>Quotas</c> section: what each owner may hold, unlimited when unset; <c>Quotas:Keys:&lt;apiKey&gt;</c>
/// overrides any of the three for requests made with that key. Part of the operators' contract.
/// </summary>
public sealed class QuotasOptions
{
    public const string Section = "Quotas";

    /// <summary>Bytes of imported files (assets and models) plus uploads completed and not imported yet.</summary>
    public long? StoredBytes { get; set; }

    /// <summary>Bytes of the uploads still pending (created, not completed nor aborted nor expired).</summary>
    public long? PendingBytes { get; set; }

    /// <summary>How many uploads may be pending at once.</summary>
    public long? PendingUploads { get; set; }

    /// <summary>Per API key: any of the limits above, in place of the default.</summary>
    public Dictionary<string, QuotaOverride> Keys { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The limits of one key; an unset one is the section's default.</summary>
public sealed class QuotaOverride
{
    public long? StoredBytes { get; set; }

    public long? PendingBytes { get; set; }

    public long? PendingUploads { get; set; }
}
