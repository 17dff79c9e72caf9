namespace Scenario.Transfers;

/// <summary>What a finished download produced.</summary>
public sealed record DownloadResult
{
    /// <summary>The asset or model id.</summary>
    public required string EntityId { get; init; }

    /// <summary>The full path of the file written; null when downloading to a stream.</summary>
    public string? Path { get; init; }

    /// <summary>The file name the service holds for the entity.</summary>
    public required string FileName { get; init; }

    /// <summary>The size in bytes.</summary>
    public required long Size { get; init; }

    /// <summary>The hex SHA-256 of the content, checked against the entity's.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Bytes kept from a partial file of an earlier, interrupted download (0 for a fresh one).</summary>
    public long ResumedBytes { get; init; }
}
