namespace Scenario.Uploads.Server.Webhooks;

/// <summary>
/// The <c>Webhooks</c> section: per API key, a URL that receives a signed POST when an upload of the key's
/// owner ends (imported or failed), and how deliveries are retried. Part of the operators' contract.
/// </summary>
public sealed class WebhooksOptions
{
    public const string Section = "Webhooks";

    /// <summary><c>Webhooks:Keys:&lt;apiKey&gt;:Url</c> and <c>:Secret</c>.</summary>
    public Dictionary<string, WebhookTarget> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Attempts of one delivery, the first included, before it is given up.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles after each further one.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one attempt may take, from connecting to the receiver's status line.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Where one key's events go, and the secret their signatures are made with.</summary>
public sealed class WebhookTarget
{
    public string Url { get; set; } = "";

    public string Secret { get; set; } = "";
}
