using Microsoft.Data.Sqlite;
using Scenario.Uploads.Backends;

namespace Scenario.Uploads.Sqlite;

/// <summary>
/// SQLite's passing failures: the file still locked by another process past <c>Database:Timeout</c>, or an
/// I/O error or a file that cannot be opened (a disk gone away). A full disk is not one of them: that is
/// the storage's 507, which freeing space cures.
/// </summary>
public sealed class SqliteFaults : IBackendFaultClassifier
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int IoError = 10;
    private const int CantOpen = 14;

    public BackendFault? Classify(Exception error) => error is SqliteException sqlite
        ? (sqlite.SqliteErrorCode & 0xFF) switch
        {
            Busy or Locked => new BackendFault(BackendNames.Database, BackendFaultKinds.Busy),
            IoError or CantOpen => new BackendFault(BackendNames.Database, BackendFaultKinds.Failed),
            _ => null,
        }
        : null;
}
