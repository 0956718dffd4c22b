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
public sealed class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private readonly string _name;
    private readonly SqliteGrainStorageOptions _options;
    private readonly string _serviceId;
    private readonly IActivatorProvider _activatorProvider;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly SemaphoreSlim _lifecycleLock = new(1, 1);
    private volatile SqliteBatchWriter? _writer;
    private SqliteReaderPool? _readers;
    private bool _stopped;

    public SqliteGrainStorage(
        string name,
        SqliteGrainStorageOptions options,
        IOptions<ClusterOptions> clusterOptions,
        IActivatorProvider activatorProvider,
        ILogger<SqliteGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clusterOptions);

        _name = name;
        _options = options;
        _serviceId = clusterOptions.Value.ServiceId;
        _activatorProvider = activatorProvider;
        _logger = logger;
    }

    /// <summary>Number of group-commit batches the writer has run since start-up.</summary>
    internal long BatchCount => _writer?.BatchCount ?? 0;

    /// <summary>Number of writes and clears the writer has taken from its queue since start-up.</summary>
    internal long OperationCount => _writer?.OperationCount ?? 0;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            $"{nameof(SqliteGrainStorage)}-{_name}",
            ServiceLifecycleStage.ApplicationServices,
            InitializeAsync,
            StopAsync);

    /// <summary>
    /// Creates the directory and the table if missing, opens the connections and starts the writer.
    /// Runs at silo start-up; operations called before it run it themselves. Safe to call more than once.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _lifecycleLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            if (_writer is not null)
            {
                return;
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(_options.DatabasePath));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var writer = new SqliteBatchWriter(_options, _serviceId, _name, _logger);
            _readers = new SqliteReaderPool(_options, _serviceId);
            writer.Start();
            _writer = writer;
            SqliteGrainStorageLog.Started(_logger, _name, _options.DatabasePath, _options.Synchronous, _serviceId);
        }
        finally
        {
            _lifecycleLock.Release();
        }
    }

    /// <summary>
    /// Commits the writes already queued, then closes every connection. Later operations throw
    /// <see cref="ObjectDisposedException"/>.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _lifecycleLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            var writer = _writer;
            if (writer is null)
            {
                return;
            }

            // Readers close first, so the writer is the last connection and its final checkpoint can
            // truncate the WAL. NOTE: the flush ignores cancellationToken so that queued writes are never
            // dropped half-way.
            _readers?.Dispose();
            await writer.DisposeAsync().ConfigureAwait(false);
            SqliteGrainStorageLog.Stopped(_logger, _name, writer.BatchCount, writer.OperationCount);
        }
        finally
        {
            _lifecycleLock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(
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
            SqliteGrainStorageLog.ReadFailed(_logger, exception, grainKey, stateName, _name);
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
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    /// <remarks>
    /// <paramref name="cancellationToken"/> cancels the write only while it waits in the queue; once the writer has
    /// started it, the write commits and the call completes normally.
    /// </remarks>
    public async Task WriteStateAsync<T>(
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
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    /// <remarks>
    /// Clearing with a null ETag succeeds without a change when no live record exists. As for writes,
    /// <paramref name="cancellationToken"/> cancels the clear only while it waits in the queue.
    /// </remarks>
    public async Task ClearStateAsync<T>(
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
        var writer = _writer;
        if (writer is null)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
            writer = _writer!;
        }

        return writer;
    }

    private T CreateState<T>() => _activatorProvider.GetActivator<T>().Create();

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
