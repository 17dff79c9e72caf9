namespace Scenario.Exceptions;

/// <summary>
/// What arrived does not hash to the entity's SHA-256 (damaged on the way, or a partial file changed on disk).
/// A file download deletes its partial file first, so downloading again starts over.
/// </summary>
public sealed class DownloadVerificationException : ScenarioException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="entityId">The asset or model.</param>
    /// <param name="expected">The entity's SHA-256.</param>
    /// <param name="actual">The SHA-256 of what arrived.</param>
    /// <param name="partialDeleted">Whether the partial file was deleted.</param>
    public DownloadVerificationException(string entityId, string expected, string actual, bool partialDeleted)
        : base($"The download of {entityId} does not match its SHA-256 (expected {expected}, got {actual})" +
            (partialDeleted ? "; the partial file was deleted: download it again." : "."))
    {
        (EntityId, Expected, Actual) = (entityId, expected, actual);
    }

    /// <summary>The asset or model.</summary>
    public string EntityId { get; }

    /// <summary>The entity's SHA-256.</summary>
    public string Expected { get; }

    /// <summary>The SHA-256 of what arrived.</summary>
    public string Actual { get; }
}
