namespace Scenario.Uploads.Storage;

/// <summary>
/// A store that can leave temporary files behind when the process dies mid-write (local disk: the
/// <c>*.partial</c> file of an import), and can delete those no live write can still own.
/// </summary>
public interface ILeftoverSweeper
{
    /// <summary>Deletes leftovers last written before <paramref name="olderThan"/>; returns how many.</summary>
    Task<int> DeleteLeftoversAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}
