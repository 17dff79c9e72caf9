namespace Scenario.Uploads.Storage;

/// <summary>
/// Space on the data directory's disk that user bytes (parts, imports) never take, kept for the database and
/// for freeing space: abort, expiry and delete all write to the database before they delete bytes. Half of it
/// is held in a ballast file (after CockroachDB's emergency ballast) so that another program filling the disk
/// cannot take it either; the other half stays free, so that the database normally writes without touching
/// the file. When the free space outside the file falls below a quarter of the reserve (the disk is full,
/// whoever filled it) or a database write fails for want of space, the file is deleted, and it is made again
/// once the whole reserve is free.
/// </summary>
public sealed class DiskReserve
{
    public const string BallastFileName = "reserved-space.ballast";

    private readonly Func<long> _freeSpace;
    private readonly Lock _gate = new();
    private long _inFlight;
    private long _held;

    /// <param name="folder">The data directory: the ballast file goes there, and its disk is the one measured.</param>
    /// <param name="size">The reserve in bytes; 0 keeps none (no file, writes may fill the disk).</param>
    /// <param name="freeSpace">Reads the disk's free bytes; the file system's own by default.</param>
    public DiskReserve(string folder, long size, Func<long>? freeSpace = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        Folder = Path.GetFullPath(folder);
        Size = size;
        BallastPath = Path.Combine(Folder, BallastFileName);
        _freeSpace = freeSpace ?? (() => FreeBytesOn(Folder));
        _held = ExistingBallast();
    }

    public string Folder { get; }

    public long Size { get; }

    public string BallastPath { get; }

    /// <summary>The ballast file's size when it is held.</summary>
    public long BallastSize => Size / 2;

    /// <summary>The bytes the ballast file holds now: <see cref="BallastSize"/>, or 0 once given up.</summary>
    public long Held => Volatile.Read(ref _held);

    /// <summary>Free bytes on the disk, outside the ballast file.</summary>
    public long FreeSpace() => _freeSpace();

    /// <summary>What parts and imports may still store, given a reading of <see cref="FreeSpace"/>: negative when the disk is into the reserve.</summary>
    public long AvailableForUploads(long freeSpace) => freeSpace + Held - Size - Volatile.Read(ref _inFlight);

    /// <summary>
    /// Room for <paramref name="bytes"/> of user bytes, counted until disposed so that concurrent writes cannot
    /// each take the same free space; null when they would reach into the reserve.
    /// </summary>
    public Claim? TryClaim(long bytes)
    {
        lock (_gate)
        {
            // Read under the lock: a claim given back before has its bytes on disk, so in this reading.
            if (bytes > AvailableForUploads(FreeSpace()))
            {
                return null;
            }
            _inFlight += bytes;
        }
        return new Claim(this, bytes);
    }

    /// <summary>Deletes the ballast file so the database can write on a full disk; true when that freed space.</summary>
    public bool Release()
    {
        lock (_gate)
        {
            if (_held == 0)
            {
                return false;
            }
            try
            {
                File.Delete(BallastPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
            _held = 0;
            return true;
        }
    }

    /// <summary>
    /// Gives up the ballast when the free space outside it fell below a quarter of the reserve; makes it again
    /// once the whole reserve is free. Called once a second by the service (and by tests).
    /// </summary>
    public ReserveChange Maintain()
    {
        if (BallastSize == 0)
        {
            return ReserveChange.None;
        }
        if (Held > 0 && !File.Exists(BallastPath))
        {
            // Someone deleted it (an operator making room, say): it no longer holds anything.
            lock (_gate)
            {
                _held = 0;
            }
            return ReserveChange.Missing;
        }
        if (Held > 0)
        {
            return FreeSpace() < Size / 4 && Release() ? ReserveChange.Released : ReserveChange.None;
        }
        return TryHold() ? ReserveChange.Held : ReserveChange.None;
    }

    private bool TryHold()
    {
        lock (_gate)
        {
            if (FreeSpace() - _inFlight < Size)
            {
                return false;
            }
        }
        try
        {
            Directory.CreateDirectory(Folder);
            // fallocate: the blocks are the disk's at once, without writing them (on a file system without it,
            // .NET leaves the file sparse and the reserve is then only the accounting of TryClaim).
            using (var handle = File.OpenHandle(BallastPath, FileMode.Create, FileAccess.Write, FileShare.None, FileOptions.None, BallastSize))
            {
                RandomAccess.SetLength(handle, BallastSize);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(BallastPath);
            return false;
        }
        // Claims made while the file grew saw less free space and no file: never more than there was.
        lock (_gate)
        {
            _held = BallastSize;
        }
        return true;
    }

    /// <summary>A file left by an earlier run is held if it has the size this reserve wants; else it goes.</summary>
    private long ExistingBallast()
    {
        var file = new FileInfo(BallastPath);
        if (!file.Exists)
        {
            return 0;
        }
        if (BallastSize > 0 && file.Length == BallastSize)
        {
            return BallastSize;
        }
        TryDelete(BallastPath);
        return 0;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next try: a stray file only holds space, which Maintain measures.
        }
    }

    /// <summary>The disk's free bytes for this user, measured on the nearest folder that exists (the data directory is made at start).</summary>
    private static long FreeBytesOn(string folder)
    {
        var existing = folder;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }
        return new DriveInfo(existing).AvailableFreeSpace;
    }

    private void Return(long bytes)
    {
        lock (_gate)
        {
            _inFlight -= bytes;
        }
    }

    /// <summary>
    /// Bytes of a write in progress: those not yet written count against the free space until they land (then the
    /// free space reading holds them) or the write ends.
    /// </summary>
    public sealed class Claim(DiskReserve reserve, long bytes) : IDisposable
    {
        private long _outstanding = bytes;

        /// <summary><paramref name="written"/> more of the claimed bytes are in the file now.</summary>
        public void Landed(long written)
        {
            var returned = Math.Min(written, Interlocked.Read(ref _outstanding));
            if (returned > 0)
            {
                Interlocked.Add(ref _outstanding, -returned);
                reserve.Return(returned);
            }
        }

        public void Dispose() => reserve.Return(Interlocked.Exchange(ref _outstanding, 0));
    }
}

/// <summary>What <see cref="DiskReserve.Maintain"/> did.</summary>
public enum ReserveChange
{
    None,

    /// <summary>The disk is full: the ballast file was deleted.</summary>
    Released,

    /// <summary>The whole reserve is free again: the ballast file was made again.</summary>
    Held,

    /// <summary>The ballast file was deleted by someone else: it is made again once the whole reserve is free.</summary>
    Missing,
}
