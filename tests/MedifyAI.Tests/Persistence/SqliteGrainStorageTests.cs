using MedifyAI.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;

namespace MedifyAI.Tests.Persistence;

/// <summary>
/// Runs the conformance suite against <see cref="SqliteGrainStorage"/> on a temp file, plus SQLite-specific checks.
/// </summary>
public sealed class SqliteGrainStorageTests : GrainStorageConformanceTests, IDisposable
{
    private const string ServiceId = "sqlite-tests";

    private readonly SqliteTestDirectory _directory = new();

    protected override async Task<IGrainStorage> CreateStorageAsync() => await OpenStorageAsync();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Data_SurvivesReopen()
    {
        var grainId = NewGrainId();
        var state = NewState(CreateSampleState("durable"));
        await Storage.WriteStateAsync(StateName, grainId, state);
        await ((SqliteGrainStorage)Storage).DisposeAsync();

        await using var reopened = await OpenStorageAsync();
        var read = new ConformanceGrainState();
        await reopened.ReadStateAsync(StateName, grainId, read);

        Assert.True(read.RecordExists);
        Assert.Equal("durable", read.State.Text);
        Assert.Equal(state.ETag, read.ETag);

        read.State.Text = "updated after reopen";
        await reopened.WriteStateAsync(StateName, grainId, read);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task Stop_CommitsQueuedWrites()
    {
        var storage = (SqliteGrainStorage)Storage;
        var grainIds = Enumerable.Range(0, 100).Select(_ => NewGrainId()).ToArray();
        var writes = grainIds
            .Select(grainId => storage.WriteStateAsync(StateName, grainId, NewState(CreateSampleState("queued"))))
            .ToArray();

        await storage.StopAsync(CancellationToken.None);

        await Task.WhenAll(writes);
        await using var reopened = await OpenStorageAsync();
        foreach (var grainId in grainIds)
        {
            var read = new ConformanceGrainState();
            await reopened.ReadStateAsync(StateName, grainId, read);
            Assert.True(read.RecordExists, $"Write for {grainId} was lost at stop.");
        }
    }

    [Fact]
    public async Task Operations_AfterStop_Throw()
    {
        var storage = (SqliteGrainStorage)Storage;
        await storage.StopAsync(CancellationToken.None);

        await Assert.ThrowsAsync<ObjectDisposedException>(
            () => storage.WriteStateAsync(StateName, NewGrainId(), NewState(new ConformanceState())));
        await Assert.ThrowsAsync<ObjectDisposedException>(
            () => storage.ReadStateAsync(StateName, NewGrainId(), NewState(new ConformanceState())));
    }

    [Fact]
    public async Task JournalMode_IsWal()
    {
        await using var connection = new SqliteConnection($"Data Source={_directory.DatabasePath()}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        var mode = (string?)await command.ExecuteScalarAsync();

        Assert.Equal("wal", mode);
    }

    [Fact]
    public async Task Write_NullETagAfterClear_Succeeds()
    {
        var grainId = NewGrainId();
        var state = NewState(CreateSampleState("first life"));
        await Storage.WriteStateAsync(StateName, grainId, state);
        await Storage.ClearStateAsync(StateName, grainId, state);

        // A cleared record counts as absent, so a fresh activation holding no ETag may write it again.
        var fresh = NewState(CreateSampleState("second life"));
        await Storage.WriteStateAsync(StateName, grainId, fresh);

        Assert.Equal("3", fresh.ETag);
        Assert.Equal("second life", (await ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public async Task ETag_IsIncreasingVersion()
    {
        var grainId = NewGrainId();
        var state = NewState(CreateSampleState("v"));

        await Storage.WriteStateAsync(StateName, grainId, state);
        Assert.Equal("1", state.ETag);
        await Storage.WriteStateAsync(StateName, grainId, state);
        Assert.Equal("2", state.ETag);
        await Storage.ClearStateAsync(StateName, grainId, state);
        Assert.Equal("3", state.ETag);
        Assert.Equal("3", (await ReadAsync(grainId)).ETag);
    }

    [Fact]
    public async Task Conflict_CarriesStoredAndCallerETags()
    {
        var grainId = NewGrainId();
        var state = NewState(CreateSampleState("v1"));
        await Storage.WriteStateAsync(StateName, grainId, state);
        await Storage.WriteStateAsync(StateName, grainId, state);

        var stale = NewState(CreateSampleState("stale"));
        stale.ETag = "1";
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grainId, stale));

        Assert.Equal("2", conflict.StoredEtag);
        Assert.Equal("1", conflict.CurrentEtag);
        Assert.Contains(grainId.ToString(), conflict.Message);
    }

    [Fact]
    public async Task ServiceIds_AreIndependent()
    {
        var grainId = NewGrainId();
        await Storage.WriteStateAsync(StateName, grainId, NewState(CreateSampleState("service A")));

        await using var otherService = await OpenStorageAsync(serviceId: "other-service", name: "other");
        var read = new ConformanceGrainState();
        await otherService.ReadStateAsync(StateName, grainId, read);
        Assert.False(read.RecordExists);

        await otherService.WriteStateAsync(StateName, grainId, NewState(CreateSampleState("service B")));
        Assert.Equal("service A", (await ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public async Task ProvidersSharingFile_SeeEachOthersWrites()
    {
        await using var second = await OpenStorageAsync(name: "second");
        var grainId = NewGrainId();
        var state = NewState(CreateSampleState("from first"));
        await Storage.WriteStateAsync(StateName, grainId, state);

        var read = new ConformanceGrainState();
        await second.ReadStateAsync(StateName, grainId, read);
        Assert.Equal("from first", read.State.Text);

        read.State.Text = "from second";
        await second.WriteStateAsync(StateName, grainId, read);
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grainId, state));
    }

    [Fact]
    public async Task Write_CanceledToken_DoesNotWrite()
    {
        var grainId = NewGrainId();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Storage.WriteStateAsync(
            StateName,
            grainId,
            NewState(CreateSampleState("never")),
            cancellation.Token));

        Assert.False((await ReadAsync(grainId)).RecordExists);
    }

    [Fact]
    public async Task ConcurrentWrites_AreGroupCommitted()
    {
        var storage = (SqliteGrainStorage)Storage;
        var writes = Enumerable.Range(0, 200)
            .Select(_ => storage.WriteStateAsync(StateName, NewGrainId(), NewState(CreateSampleState("batch"))))
            .ToArray();
        await Task.WhenAll(writes);

        Assert.Equal(200, storage.OperationCount);
        Assert.True(
            storage.BatchCount < storage.OperationCount,
            $"{storage.OperationCount} writes took {storage.BatchCount} transactions; expected fewer.");
    }

    [Fact]
    public async Task Batch_ConflictFailsOnlyThatOperation()
    {
        var options = CreateOptions(_directory.DatabasePath("batch.db"));
        var writer = new SqliteBatchWriter(options, ServiceId, "batch", NullLogger.Instance);
        var payload = GrainStorageTestServices.Serializer.Serialize(CreateSampleState("batched")).ToArray();
        var first = new SqliteWriteOperation(SqliteWriteKind.Write, "g/1", StateName, null, payload, default);
        var duplicate = new SqliteWriteOperation(SqliteWriteKind.Write, "g/1", StateName, null, payload, default);
        var other = new SqliteWriteOperation(SqliteWriteKind.Write, "g/2", StateName, null, payload, default);
        var update = new SqliteWriteOperation(SqliteWriteKind.Write, "g/1", StateName, "1", payload, default);

        // The writer loop is not started, so all four run in this one transaction.
        writer.ExecuteBatch([first, duplicate, other, update]);
        await writer.DisposeAsync();

        Assert.Equal(1, writer.BatchCount);
        Assert.Equal("1", await first.Completion.Task);
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => duplicate.Completion.Task);
        Assert.Equal("1", conflict.StoredEtag);
        Assert.Equal("1", await other.Completion.Task);
        Assert.Equal("2", await update.Completion.Task);
    }

    [Fact]
    public void Validator_EmptyPath_NamesSetting()
    {
        var options = CreateOptions(" ");

        var error = Assert.Throws<OrleansConfigurationException>(
            () => new SqliteGrainStorageOptionsValidator(options, "store").ValidateConfiguration());

        Assert.Contains("DatabasePath is empty", error.Message);
        Assert.Contains("'store'", error.Message);
    }

    [Fact]
    public void Validator_UncreatableDirectory_NamesPath()
    {
        // A regular file where a parent directory should be makes the directory impossible to create.
        var blocker = Path.Combine(_directory.Path, "not-a-directory");
        File.WriteAllText(blocker, "x");
        var badPath = Path.Combine(blocker, "sub", "grain-state.db");

        var error = Assert.Throws<OrleansConfigurationException>(
            () => new SqliteGrainStorageOptionsValidator(CreateOptions(badPath), "store").ValidateConfiguration());

        Assert.Contains("DatabasePath", error.Message);
        Assert.Contains(badPath, error.Message);
        Assert.Contains("cannot be created", error.Message);
    }

    [Fact]
    public void Validator_DirectoryAsPath_IsRejected()
    {
        var error = Assert.Throws<OrleansConfigurationException>(
            () => new SqliteGrainStorageOptionsValidator(CreateOptions(_directory.Path), "store")
                .ValidateConfiguration());

        Assert.Contains("is a directory", error.Message);
    }

    [Fact]
    public void Validator_InvalidNumbers_AreRejected()
    {
        var options = CreateOptions(_directory.DatabasePath());
        options.MaxBatchSize = 0;
        var batchError = Assert.Throws<OrleansConfigurationException>(
            () => new SqliteGrainStorageOptionsValidator(options, "store").ValidateConfiguration());
        Assert.Contains("MaxBatchSize", batchError.Message);

        options.MaxBatchSize = 10;
        options.BusyTimeout = TimeSpan.FromSeconds(-1);
        var timeoutError = Assert.Throws<OrleansConfigurationException>(
            () => new SqliteGrainStorageOptionsValidator(options, "store").ValidateConfiguration());
        Assert.Contains("BusyTimeout", timeoutError.Message);

        options.BusyTimeout = TimeSpan.FromSeconds(1);
        new SqliteGrainStorageOptionsValidator(options, "store").ValidateConfiguration();
    }

    private async Task<SqliteGrainStorage> OpenStorageAsync(string serviceId = ServiceId, string name = "sqlite")
    {
        var storage = new SqliteGrainStorage(
            name,
            CreateOptions(_directory.DatabasePath()),
            Options.Create(new ClusterOptions { ServiceId = serviceId }),
            GrainStorageTestServices.ActivatorProvider,
            NullLogger<SqliteGrainStorage>.Instance);
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }

    private static SqliteGrainStorageOptions CreateOptions(string databasePath) => new()
    {
        DatabasePath = databasePath,
        GrainStorageSerializer = GrainStorageTestServices.Serializer,
    };
}
