using System.Data.Common;
using Microsoft.Data.Sqlite;
using Scenario.Uploads.Persistence.Sql;

namespace Scenario.Uploads.Sqlite;

/// <summary>One write queued for <see cref="SqliteBatchWriter"/>: its work, and the caller's result once its batch ends.</summary>
internal interface IBatchItem
{
    Durability Durability { get; }

    /// <summary>True when the caller gave up before the item ran: it is then left out.</summary>
    bool CancelIfRequested();

    /// <summary>Runs the work; false (the error kept for the caller) when it threw.</summary>
    Task<bool> RunAsync(SqliteConnection connection, SqliteTransaction transaction);

    /// <summary>Its last run failed for want of disk space.</summary>
    bool FailedForSpace { get; }

    void Complete();

    void Fail(Exception error);
}

internal sealed class BatchItem<T>(Durability durability, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) : IBatchItem
{
    private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _value;
    private Exception? _error;

    public Task<T> Result => _result.Task;

    public Durability Durability => durability;

    public bool FailedForSpace => _error is not null && SqliteFull.Is(_error);

    public bool CancelIfRequested() => cancellationToken.IsCancellationRequested && _result.TrySetCanceled(cancellationToken);

    public async Task<bool> RunAsync(SqliteConnection connection, SqliteTransaction transaction)
    {
        try
        {
            _value = await work(connection, transaction);
            _error = null;
            return true;
        }
        catch (Exception e)
        {
            _error = e;
            return false;
        }
    }

    public void Complete()
    {
        if (_error is null)
        {
            _result.TrySetResult(_value!);
        }
        else
        {
            _result.TrySetException(_error);
        }
    }

    public void Fail(Exception error) => _result.TrySetException(error);
}
