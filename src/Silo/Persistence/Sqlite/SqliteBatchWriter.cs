using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace MedifyAI.Persistence.Sqlite;

/// <summary>
/// Owns the single read-write connection and applies queued writes and clears with group commit.
/// </summary>
/// <remarks>
/// The loop drains everything queued (up to <see cref="SqliteGrainStorageOptions.MaxBatchSize"/>), checks and
/// applies each operation in one <c>BEGIN IMMEDIATE</c> transaction, commits once and then completes the waiting
/// tasks. An ETag conflict fails only its own operation. When the transaction itself fails, every operation of the
/// batch is retried in a transaction of its own so one bad operation cannot fail the others.
/// </remarks>
internal sealed class SqliteBatchWriter : IAsyncDisposable
{
    private readonly Channel<SqliteWriteOperation> _queue = Channel.CreateUnbounded<SqliteWriteOperation>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _selectVersion;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;
    private readonly string _providerName;
    private readonly int _maxBatchSize;
    private readonly ILogger _logger;
    private Task? _loop;
    private long _batchCount;
    private long _operationCount;

    public SqliteBatchWriter(
        SqliteGrainStorageOptions options,
        string serviceId,
        string providerName,
        ILogger logger)
    {
        _providerName = providerName;
        _maxBatchSize = options.MaxBatchSize;
        _logger = logger;
        _connection = SqliteConnections.OpenWriter(options);

        _selectVersion = CreateCommand(SqliteSchema.SelectVersion, serviceId, withVersion: false);
        _insert = CreateCommand(SqliteSchema.Insert, serviceId, withVersion: true);
        _update = CreateCommand(SqliteSchema.Update, serviceId, withVersion: true);
    }

    /// <summary>Number of committed or failed batches so far.</summary>
    public long BatchCount => Interlocked.Read(ref _batchCount);

    /// <summary>Number of operations taken from the queue so far.</summary>
    public long OperationCount => Interlocked.Read(ref _operationCount);

    /// <summary>Starts the loop that drains the queue.</summary>
    public void Start() => _loop ??= Task.Run(RunAsync);

    /// <summary>Queues an operation and returns the task that completes after its batch commits.</summary>
    /// <exception cref="ObjectDisposedException">The provider has stopped.</exception>
    public Task<string?> EnqueueAsync(SqliteWriteOperation operation)
    {
        if (!_queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(
                nameof(SqliteGrainStorage),
                $"SQLite grain storage '{_providerName}' has stopped and accepts no more writes.");
        }

        return operation.Completion.Task;
    }

    /// <summary>Stops accepting operations, commits those already queued and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        else
        {
            // Never started: fail whatever was queued so no caller waits forever.
            while (_queue.Reader.TryRead(out var operation))
            {
                operation.Completion.TrySetException(new ObjectDisposedException(nameof(SqliteGrainStorage)));
            }
        }

        _selectVersion.Dispose();
        _insert.Dispose();
        _update.Dispose();

        // Copy the WAL into the database and truncate it, so page images of cleared states do not outlive
        // the provider in the -wal file. The checkpoint can fail when another process has the file open.
        try
        {
            using var checkpoint = _connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // NOTE: a failed checkpoint leaves the WAL for SQLite to checkpoint on its next open.
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Applies <paramref name="batch"/> in one transaction and completes each operation's task. A failure faults
    /// the tasks of the operations it hit instead of escaping, so the writer loop keeps running.
    /// </summary>
    internal void ExecuteBatch(List<SqliteWriteOperation> batch)
    {
        Interlocked.Increment(ref _batchCount);
        Interlocked.Add(ref _operationCount, batch.Count);

        batch.RemoveAll(CancelIfRequested);
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            ApplyInTransaction(batch);
            foreach (var operation in batch)
            {
                operation.Publish();
            }

            return;
        }
        catch (Exception exception) when (batch.Count > 1)
        {
            SqliteGrainStorageLog.BatchFailed(_logger, exception, batch.Count, _providerName);
        }
        catch (Exception exception)
        {
            FailOperation(batch[0], exception);
            return;
        }

        foreach (var operation in batch)
        {
            try
            {
                ApplyInTransaction([operation]);
                operation.Publish();
            }
            catch (Exception exception)
            {
                FailOperation(operation, exception);
            }
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<SqliteWriteOperation>(_maxBatchSize);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var operation))
            {
                batch.Add(operation);
            }

            ExecuteBatch(batch);
            batch.Clear();
        }
    }

    private static bool CancelIfRequested(SqliteWriteOperation operation)
    {
        if (!operation.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        operation.Completion.TrySetCanceled(operation.CancellationToken);
        return true;
    }

    private void FailOperation(SqliteWriteOperation operation, Exception exception)
    {
        SqliteGrainStorageLog.OperationFailed(
            _logger,
            exception,
            operation.Kind,
            _providerName,
            operation.GrainId,
            operation.StateName);
        operation.Completion.TrySetException(exception);
    }

    private void ApplyInTransaction(List<SqliteWriteOperation> operations)
    {
        // BEGIN IMMEDIATE takes the write lock up front, so another writer on the same file makes this wait
        // for the busy timeout instead of failing with a deadlock when a read transaction upgrades.
        using var transaction = _connection.BeginTransaction(deferred: false);
        _selectVersion.Transaction = transaction;
        _insert.Transaction = transaction;
        _update.Transaction = transaction;

        var modifiedOn = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var operation in operations)
        {
            Apply(operation, modifiedOn);
        }

        transaction.Commit();
    }

    private void Apply(SqliteWriteOperation operation, long modifiedOn)
    {
        operation.PendingETag = null;
        operation.PendingError = null;

        var (storedVersion, hasPayload) = SelectVersion(operation);
        var isLive = storedVersion is not null && hasPayload;
        var matchesStored = storedVersion is not null && operation.ExpectedVersion == storedVersion;

        if (operation.Kind == SqliteWriteKind.Write)
        {
            // A null ETag means "no record": allowed when the key was never written or was cleared.
            var allowed = operation.ExpectedETag is null ? !isLive : matchesStored;
            if (!allowed)
            {
                operation.PendingError = CreateConflict(operation, storedVersion, isLive);
                return;
            }

            var newVersion = (storedVersion ?? 0) + 1;
            var command = storedVersion is null ? _insert : _update;
            Execute(command, operation, newVersion, operation.Payload, modifiedOn);
            operation.PendingETag = FormatVersion(newVersion);
            return;
        }

        if (operation.ExpectedETag is null)
        {
            // Clearing with a null ETag is a no-op when no live record exists, and a conflict otherwise.
            if (isLive)
            {
                operation.PendingError = CreateConflict(operation, storedVersion, isLive);
                return;
            }

            operation.PendingETag = storedVersion is null ? null : FormatVersion(storedVersion.Value);
            return;
        }

        if (!matchesStored)
        {
            operation.PendingError = CreateConflict(operation, storedVersion, isLive);
            return;
        }

        var clearedVersion = storedVersion!.Value + 1;
        Execute(_update, operation, clearedVersion, payload: null, modifiedOn);
        operation.PendingETag = FormatVersion(clearedVersion);
    }

    private (long? Version, bool HasPayload) SelectVersion(SqliteWriteOperation operation)
    {
        _selectVersion.Parameters["$grainId"].Value = operation.GrainId;
        _selectVersion.Parameters["$stateName"].Value = operation.StateName;
        using var reader = _selectVersion.ExecuteReader();
        if (!reader.Read())
        {
            return (null, false);
        }

        return (reader.GetInt64(0), reader.GetBoolean(1));
    }

    private static void Execute(
        SqliteCommand command,
        SqliteWriteOperation operation,
        long version,
        byte[]? payload,
        long modifiedOn)
    {
        command.Parameters["$grainId"].Value = operation.GrainId;
        command.Parameters["$stateName"].Value = operation.StateName;
        command.Parameters["$version"].Value = version;
        command.Parameters["$payload"].Value = (object?)payload ?? DBNull.Value;
        command.Parameters["$modifiedOn"].Value = modifiedOn;
        command.ExecuteNonQuery();
    }

    private InconsistentStateException CreateConflict(
        SqliteWriteOperation operation,
        long? storedVersion,
        bool isLive)
    {
        var storedETag = storedVersion is null ? null : FormatVersion(storedVersion.Value);
        SqliteGrainStorageLog.ETagConflict(
            _logger,
            operation.Kind,
            _providerName,
            operation.GrainId,
            operation.StateName,
            storedETag,
            operation.ExpectedETag);

        var recordState = "a record";
        if (storedVersion is null)
        {
            recordState = "no record";
        }
        else if (!isLive)
        {
            recordState = "a cleared record";
        }

        return new InconsistentStateException(
            $"ETag conflict on {operation.Kind} in SQLite grain storage '{_providerName}' for grain "
            + $"{operation.GrainId}, state '{operation.StateName}': storage has {recordState} with ETag "
            + $"'{storedETag ?? "null"}', the caller's ETag is '{operation.ExpectedETag ?? "null"}'. "
            + "Another activation or writer changed the state; read it again before writing.",
            storedETag!,
            operation.ExpectedETag!);
    }

    private static string FormatVersion(long version) => version.ToString(CultureInfo.InvariantCulture);

    private SqliteCommand CreateCommand(string sql, string serviceId, bool withVersion)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$serviceId", serviceId);
        command.Parameters.Add("$grainId", SqliteType.Text);
        command.Parameters.Add("$stateName", SqliteType.Text);
        if (withVersion)
        {
            command.Parameters.Add("$version", SqliteType.Integer);
            command.Parameters.Add("$payload", SqliteType.Blob);
            command.Parameters.Add("$modifiedOn", SqliteType.Integer);
        }

        command.Prepare();
        return command;
    }
}
