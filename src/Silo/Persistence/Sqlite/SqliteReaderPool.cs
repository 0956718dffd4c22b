using System.Collections.Concurrent;

namespace MedifyAI.Persistence.Sqlite;

/// <summary>
/// Keeps up to <see cref="SqliteGrainStorageOptions.MaxReadConnections"/> idle <see cref="SqliteStateReader"/>s.
/// </summary>
internal sealed class SqliteReaderPool : IDisposable
{
    private readonly ConcurrentBag<SqliteStateReader> _idle = [];
    private readonly SqliteGrainStorageOptions _options;
    private readonly string _serviceId;
    private int _idleCount;
    private volatile bool _disposed;

    public SqliteReaderPool(SqliteGrainStorageOptions options, string serviceId)
    {
        _options = options;
        _serviceId = serviceId;
    }

    /// <summary>Reads one row on a pooled connection.</summary>
    public StoredGrainState? Read(string grainId, string stateName)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        var reader = Rent();
        var reusable = false;
        try
        {
            var row = reader.Read(grainId, stateName);
            reusable = true;
            return row;
        }
        finally
        {
            if (reusable)
            {
                Return(reader);
            }
            else
            {
                // A failed read may leave the connection in an unknown state, so it is not reused.
                reader.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var reader))
        {
            Interlocked.Decrement(ref _idleCount);
            reader.Dispose();
        }
    }

    private SqliteStateReader Rent()
    {
        if (_idle.TryTake(out var reader))
        {
            Interlocked.Decrement(ref _idleCount);
            return reader;
        }

        return new SqliteStateReader(_options, _serviceId);
    }

    private void Return(SqliteStateReader reader)
    {
        if (Interlocked.Increment(ref _idleCount) > _options.MaxReadConnections)
        {
            Interlocked.Decrement(ref _idleCount);
            reader.Dispose();
            return;
        }

        _idle.Add(reader);

        // Dispose may have emptied the bag between the check in Read and the Add above.
        if (_disposed && _idle.TryTake(out var late))
        {
            Interlocked.Decrement(ref _idleCount);
            late.Dispose();
        }
    }
}
