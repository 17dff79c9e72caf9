namespace Scenario.Uploads.Server.Hashing;

/// <summary>
/// The saved <see cref="HashCheckpoint"/>s, one file per upload in <paramref name="folder"/> (the data
/// directory's <c>hashing</c> folder). A checkpoint only saves re-reading after a restart, so nothing here
/// throws for want of a disk: one that cannot be read is none, one that cannot be written or deleted is skipped.
/// </summary>
internal sealed class CheckpointStore(string folder)
{
    public HashCheckpoint? Load(string uploadId) => HashCheckpoint.Load(PathOf(uploadId));

    /// <summary>Saves <paramref name="checkpoint"/> over the upload's last one; skipped when it cannot be written (a full disk).</summary>
    public void SaveQuietly(string uploadId, HashCheckpoint checkpoint)
    {
        try
        {
            Directory.CreateDirectory(folder);
            checkpoint.Save(PathOf(uploadId));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    public void DeleteQuietly(string uploadId)
    {
        try
        {
            File.Delete(PathOf(uploadId));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A few hundred bytes left behind; nothing reads them once the upload is gone.
        }
    }

    // Upload ids are made by the service (upload_ and hex), never by a client.
    private string PathOf(string uploadId) => Path.Combine(folder, uploadId + ".sha256");
}
