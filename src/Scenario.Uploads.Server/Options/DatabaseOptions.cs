namespace Scenario.Uploads.Server.Options;

/// <summary>The <c>Database</c> and <c>Storage</c> sections: which implementation of each seam runs.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Empty: <c>uploads.db</c> in the data directory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The longest the service waits on the database for one connection or command (SQLite: for another
    /// process's lock): past it the request is answered 503 <c>database_unavailable</c>. Each database's
    /// options read the same key.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Local</c> (default: the data directory) or <c>S3</c>.</summary>
    public string Provider { get; set; } = "Local";

    /// <summary>
    /// Bytes of the data directory's disk that parts and imports never take, kept for the database and for
    /// freeing space on a full disk (half of it in a ballast file); 0 keeps none. Kept when the blobs or the
    /// SQLite database are on that disk.
    /// </summary>
    public long ReservedSpace { get; set; } = 256L * 1024 * 1024;
}
