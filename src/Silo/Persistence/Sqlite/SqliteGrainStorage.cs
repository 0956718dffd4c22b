using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace MedifyAI.Persistence.Sqlite;

/// <summary>
/// Durable <see cref="IGrainStorage"/> on a local SQLite file in WAL mode.
/// </summary>
/// <remarks>
/// <para>
/// Records are keyed by (<see cref="ClusterOptions.ServiceId"/>, grain id, state name). The ETag is the record's
/// version as a decimal string: 1 for the first write, one more on every write and clear.
/// </para>
/// <para>
/// A clear keeps a tombstone row: the payload is removed and the version moves on, so the ETag that the clear
/// returns is accepted by the next write. Reading a cleared record returns a fresh state,
/// <see cref="IGrainState{T}.RecordExists"/> false and the tombstone's ETag. A write with a null ETag is accepted
/// when no record exists or the record is cleared, which matches Orleans' memory provider.
/// </para>
/// <para>
/// Writes and clears go through one writer connection that commits queued operations in groups (see
/// <see cref="SqliteBatchWriter"/>); reads use pooled read-only connections and run synchronously on the
/// caller's thread because Microsoft.Data.Sqlite has no asynchronous I/O.
/// </para>
/// </remarks>
public sealed class SqliteGrainStorage : LifecycleGrainStorage
{
    private readonly SqliteGrainStorageOptions _options;
    private readonly string _serviceId;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private volatile SqliteBatchWriter? _writer;
    private SqliteReaderPool? _readers;

    public SqliteGrainStorage(
        string name,
        SqliteGrainStorageOptions options,
        IOptions<ClusterOptions> clusterOptions,
        IActivatorProvider activatorProvider,
        ILogger<SqliteGrainStorage> logger)
        : base(name, activatorProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clusterOptions);

        _options = options;
        _serviceId = clusterOptions.Value.ServiceId;
        _logger = logger;
    }

    /// <summary>Number of group-commit batches the writer has run since start-up.</summary>
    internal long BatchCount => _writer?.BatchCount ?? 0;

    /// <summary>Number of writes and clears the writer has taken from its queue since start-up.</summary>
    internal long OperationCount => _writer?.OperationCount ?? 0;

    /// <summary>
    /// Creates the directory and the table if missing, opens the connections and starts the writer.
    /// </summary>
    protected override Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(_options.DatabasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var writer = new SqliteBatchWriter(_options, _serviceId, Name, _logger);
        _readers = new SqliteReaderPool(_options, _serviceId);
        writer.Start();
        _writer = writer;
        SqliteGrainStorageLog.Started(_logger, Name, _options.DatabasePath, _options.Synchronous, _serviceId);
        return Task.CompletedTask;
    }

    /// <summary>Commits the writes already queued, then closes every connection.</summary>
    protected override async ValueTask StopCoreAsync(bool started)
    {
        var writer = _writer;
        if (writer is null)
        {
            return;
        }

        // Readers close first, so the writer is the last connection and its final checkpoint can truncate the WAL.
        // NOTE: the flush takes no cancellation token so that queued writes are never dropped half-way.
        _readers?.Dispose();
        await writer.DisposeAsync().ConfigureAwait(false);
        SqliteGrainStorageLog.Stopped(_logger, Name, writer.BatchCount, writer.OperationCount);
    }

    /// <inheritdoc />
    public override async Task ReadStateAsync<T>(
        string stateName,
        GrainId grainId,
        IGrainState<T> grainState,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await GetWriterAsync(cancellationToken).ConfigureAwait(false);

        var grainKey = grainId.ToString();
        StoredGrainState? row;
        try
        {
            row = _readers!.Read(grainKey, stateName);
        }
        catch (Exception exception) when (exception is not ObjectDisposedException)
        {
            SqliteGrainStorageLog.ReadFailed(_logger, exception, grainKey, stateName, Name);
            throw;
        }

        if (row?.Payload is null)
        {
            grainState.State = CreateState<T>();
            grainState.ETag = row is null ? null : FormatVersion(row.Version);
            grainState.RecordExists = false;
            return;
        }

        var state = _options.GrainStorageSerializer.Deserialize<T>(new BinaryData(row.Payload));
        grainState.State = state ?? CreateState<T>();
        grainState.ETag = FormatVersion(row.Version);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    /// <remarks>
    /// <paramref name="cancellationToken"/> cancels the write only while it waits in the queue; once the writer has
    /// started it, the write commits and the call completes normally.
    /// </remarks>
    public override async Task WriteStateAsync<T>(
        string stateName,
        GrainId grainId,
        IGrainState<T> grainState,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var writer = await GetWriterAsync(cancellationToken).ConfigureAwait(false);

        var payload = ToArray(_options.GrainStorageSerializer.Serialize(grainState.State));
        var operation = new SqliteWriteOperation(
            SqliteWriteKind.Write,
            grainId.ToString(),
            stateName,
            grainState.ETag,
            payload,
            cancellationToken);

        var etag = await writer.EnqueueAsync(operation).ConfigureAwait(false);
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Clearing with a null ETag succeeds without a change when no live record exists. As for writes,
    /// <paramref name="cancellationToken"/> cancels the clear only while it waits in the queue.
    /// </remarks>
    public override async Task ClearStateAsync<T>(
        string stateName,
        GrainId grainId,
        IGrainState<T> grainState,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var writer = await GetWriterAsync(cancellationToken).ConfigureAwait(false);

        var operation = new SqliteWriteOperation(
            SqliteWriteKind.Clear,
            grainId.ToString(),
            stateName,
            grainState.ETag,
            payload: null,
            cancellationToken);

        var etag = await writer.EnqueueAsync(operation).ConfigureAwait(false);
        grainState.ETag = etag;
        grainState.RecordExists = false;
        grainState.State = CreateState<T>();
    }

    private async ValueTask<SqliteBatchWriter> GetWriterAsync(CancellationToken cancellationToken)
    {
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        return _writer!;
    }

    private static string FormatVersion(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static byte[] ToArray(BinaryData data)
    {
        var memory = data.ToMemory();
        if (MemoryMarshal.TryGetArray(memory, out var segment)
            && segment.Array is not null
            && segment.Offset == 0
            && segment.Count == segment.Array.Length)
        {
            return segment.Array;
        }

        return memory.ToArray();
    }
}
