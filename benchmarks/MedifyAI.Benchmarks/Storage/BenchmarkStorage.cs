using Amazon.DynamoDBv2;
using Amazon.Runtime;
using MedifyAI.Persistence.DynamoDB;
using MedifyAI.Persistence.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace MedifyAI.Benchmarks.Storage;

/// <summary>
/// A grain storage opened for one benchmark run on empty storage (a temp SQLite file or a new DynamoDB table), with
/// the provider's counters.
/// </summary>
internal sealed class BenchmarkStorage : IAsyncDisposable
{
    private readonly Func<ValueTask> _dispose;

    private BenchmarkStorage(
        IGrainStorage storage,
        Func<long> batchCount,
        Func<long> operationCount,
        Func<long> itemBytes,
        Func<ValueTask> dispose)
    {
        Storage = storage;
        BatchCount = batchCount;
        OperationCount = operationCount;
        ItemBytes = itemBytes;
        _dispose = dispose;
    }

    public IGrainStorage Storage { get; }

    /// <summary>Commits (SQLite) or requests (DynamoDB) so far.</summary>
    public Func<long> BatchCount { get; }

    /// <summary>Writes and clears so far.</summary>
    public Func<long> OperationCount { get; }

    /// <summary>Bytes of the DynamoDB items written so far, as DynamoDB counts them; 0 for SQLite.</summary>
    public Func<long> ItemBytes { get; }

    public static async Task<BenchmarkStorage> OpenAsync(
        StorageBenchmarkSettings settings,
        IGrainStorageSerializer serializer,
        IActivatorProvider activatorProvider,
        CancellationToken cancellationToken)
    {
        var cluster = Options.Create(new ClusterOptions { ServiceId = "benchmark" });
        if (settings.Provider == StorageBenchmarkSettings.DynamoDbProvider)
        {
            var dynamo = new DynamoDbGrainStorage(
                "benchmark",
                new DynamoDbGrainStorageOptions
                {
                    TableName = "storage-bench-" + Guid.NewGuid().ToString("N"),
                    CreateTableIfNotExists = true,
                    GrainStorageSerializer = serializer,
                },
                CreateDynamoDbClient(settings.ServiceUrl!),
                disposeClient: true,
                cluster,
                activatorProvider,
                NullLogger<DynamoDbGrainStorage>.Instance);
            await dynamo.InitializeAsync(cancellationToken);
            return new BenchmarkStorage(
                dynamo,
                () => dynamo.WriteCount,
                () => dynamo.WriteCount,
                () => dynamo.WrittenItemBytes,
                dynamo.DisposeAsync);
        }

        var directory = Path.Combine(Path.GetTempPath(), "medifyai-storage-bench-" + Guid.NewGuid().ToString("N"));
        var sqlite = new SqliteGrainStorage(
            "benchmark",
            new SqliteGrainStorageOptions
            {
                DatabasePath = Path.Combine(directory, "grain-state.db"),
                Synchronous = settings.Synchronous,
                GrainStorageSerializer = serializer,
            },
            cluster,
            activatorProvider,
            NullLogger<SqliteGrainStorage>.Instance);
        await sqlite.InitializeAsync(cancellationToken);
        return new BenchmarkStorage(
            sqlite,
            () => sqlite.BatchCount,
            () => sqlite.OperationCount,
            () => 0,
            async () =>
            {
                await sqlite.DisposeAsync();
                Directory.Delete(directory, recursive: true);
            });
    }

    /// <summary>
    /// Creates a client of a local DynamoDB-compatible server such as dynalite, which accepts any credentials.
    /// </summary>
    public static AmazonDynamoDBClient CreateDynamoDbClient(string serviceUrl)
    {
        // Keeps the SDK from probing the EC2 instance metadata endpoint.
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        return new AmazonDynamoDBClient(
            new BasicAWSCredentials("benchmark", "benchmark"),
            new AmazonDynamoDBConfig { ServiceURL = serviceUrl, AuthenticationRegion = "us-east-1" });
    }

    public ValueTask DisposeAsync() => _dispose();
}
