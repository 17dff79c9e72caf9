namespace Scenario.Transfers;

/// <summary>The stage a file download is in.</summary>
public enum DownloadPhase
{
    /// <summary>Retrieving the asset or model for its size, SHA-256 and download URL.</summary>
    Resolving,

    /// <summary>Fetching the ranges.</summary>
    Downloading,

    /// <summary>Checking the SHA-256 of what arrived.</summary>
    Verifying,

    /// <summary>Done: the file is in place and matches its SHA-256.</summary>
    Completed,
}
