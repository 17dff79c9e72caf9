namespace Scenario.Uploads.Server.Imports;

/// <summary>
/// What a source resolved an import to: the URL to download, the token for its own host, the name
/// and hash the source publishes (when it does), and the <c>config</c> it learnt.
/// </summary>
public sealed record DownloadPlan
{
    public required Uri Url { get; init; }

    /// <summary>"The URL", "The Hugging Face model x/y": how messages name what answered.</summary>
    public required string Subject { get; init; }

    public HostCredential? Credential { get; init; }

    /// <summary>Null: from Content-Disposition or the URL path.</summary>
    public string? FileName { get; init; }

    /// <summary>Lower-case hex SHA-256 the source publishes, and who publishes it (for the mismatch message).</summary>
    public string? ExpectedSha256 { get; init; }

    public string? HashPublisher { get; init; }

    public string? ConfigJson { get; init; }

    /// <summary>What to say when the download itself answers 401 or 403.</summary>
    public string? UnauthorizedMessage { get; init; }
}
