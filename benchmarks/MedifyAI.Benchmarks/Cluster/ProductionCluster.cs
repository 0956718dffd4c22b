using System.Diagnostics;
using MedifyAI.Testing;
using Npgsql;

namespace MedifyAI.Benchmarks.Cluster;

/// <summary>
/// The production topology on 127.0.0.1: a throwaway PostgreSQL for membership (schema applied by
/// <c>MedifyAI.Silo.dll migrate</c>), dynalite for grain state, silo processes with <c>HostApi=false</c>, AdoNet
/// clustering and DynamoDB storage, and the API front-end as a separate cluster client process.
/// </summary>
internal sealed class ProductionCluster : IAsyncDisposable
{
    /// <summary>Orleans' <c>SiloStatus.Dead</c> as stored in the membership table's status column.</summary>
    private const int DeadStatus = 6;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly PostgreSqlServer _postgres;
    private readonly DynaliteServer _dynalite;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("medifyai-cluster-bench-").FullName;
    private readonly List<ProductProcess> _processes = [];

    private ProductionCluster(PostgreSqlServer postgres, string connectionString, DynaliteServer dynalite)
    {
        _postgres = postgres;
        ConnectionString = connectionString;
        _dynalite = dynalite;
    }

    public string ClusterId { get; } = $"bench-{Guid.NewGuid():N}"[..20];

    /// <summary>Connection string of the migrated membership database.</summary>
    public string ConnectionString { get; }

    public string DynamoDbServiceUrl => _dynalite.ServiceUrl;

    public List<ProductProcess> Silos { get; } = [];

    /// <summary>Base address of the API front-end; set once <see cref="StartAsync"/> returns.</summary>
    public Uri ApiBaseAddress { get; private set; } = null!;

    /// <summary>
    /// Starts PostgreSQL and dynalite, migrates the membership schema, then starts <paramref name="siloCount"/>
    /// silos and the API and waits until each reports ready.
    /// </summary>
    public static async Task<ProductionCluster> StartAsync(int siloCount)
    {
        // The silos' DynamoDB clients take credentials from the SDK's default chain, which reads these
        // variables; dynalite accepts any key.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "dynalite-bench");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "dynalite-bench");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");

        var postgres = await PostgreSqlServer.StartAsync().ConfigureAwait(false);
        DynaliteServer? dynalite = null;
        try
        {
            var connectionString = await postgres.CreateDatabaseAsync("medifyai_bench").ConfigureAwait(false);
            await SiloMigration.RunAsync(connectionString).ConfigureAwait(false);
            dynalite = await DynaliteServer.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            await postgres.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var cluster = new ProductionCluster(postgres, postgres.ConnectionStringFor("medifyai_bench"), dynalite);
        try
        {
            // The first silo creates the table alone, so the others find it ACTIVE instead of racing to create it.
            await cluster.StartSiloAsync().ConfigureAwait(false);
            var others = Enumerable.Range(1, siloCount - 1).Select(_ => cluster.StartSiloAsync()).ToList();
            await Task.WhenAll(others).ConfigureAwait(false);
            await cluster.StartApiAsync().ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            Console.Error.WriteLine(cluster.Diagnostics());
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Polls the membership table until <paramref name="siloName"/> is Dead and returns the time since
    /// <paramref name="since"/> (a <see cref="Stopwatch"/> timestamp), or null after <paramref name="timeout"/>.
    /// </summary>
    public async Task<TimeSpan?> WaitUntilDeclaredDeadAsync(string siloName, long since, TimeSpan timeout)
    {
        while (Stopwatch.GetElapsedTime(since) < timeout)
        {
            await using (var connection = new NpgsqlConnection(ConnectionString))
            {
                await connection.OpenAsync().ConfigureAwait(false);
                await using var command = new NpgsqlCommand(
                    "SELECT count(*) FROM orleans_membership WHERE deployment_id = @cluster AND silo_name = @silo AND status = @dead",
                    connection);
                command.Parameters.AddWithValue("cluster", ClusterId);
                command.Parameters.AddWithValue("silo", siloName);
                command.Parameters.AddWithValue("dead", DeadStatus);
                if ((long)(await command.ExecuteScalarAsync().ConfigureAwait(false))! > 0)
                {
                    return Stopwatch.GetElapsedTime(since);
                }
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>Recent output of every process, printed when something fails.</summary>
    public string Diagnostics() => string.Join(
        Environment.NewLine,
        _processes.Select(process => $"--- {process.Name} (pid {process.Id}){Environment.NewLine}{process.RecentOutput}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        await _dynalite.DisposeAsync().ConfigureAwait(false);
        await _postgres.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a stopping process; the OS temp cleaner takes it later.
        }
    }

    private async Task StartSiloAsync()
    {
        var ports = FreePorts.Take(3);
        ProductProcess process;
        lock (_processes)
        {
            var name = $"silo-{Silos.Count}";
            process = ProductProcess.Start(
                name,
                ProductProcess.AssemblyPath("Silo", "MedifyAI.Silo.dll"),
                [
                    "--MedifyAI:HostApi=false",
                    "--MedifyAI:Storage=DynamoDb",
                    $"--MedifyAI:DynamoDb:ServiceUrl={_dynalite.ServiceUrl}",
                    "--MedifyAI:DynamoDb:TableName=MedifyAIBenchmarkState",
                    "--MedifyAI:DynamoDb:CreateTableIfNotExists=true",
                    $"--MedifyAI:DataDirectory={Path.Combine(_dataDirectory, name)}",
                    $"--MedifyAI:ManagementUrls:0=http://127.0.0.1:{ports[0]}",
                    $"--MedifyAI:Cluster:SiloName={name}",
                    "--MedifyAI:Cluster:AdvertisedAddress=127.0.0.1",
                    $"--MedifyAI:Cluster:SiloPort={ports[1]}",
                    $"--MedifyAI:Cluster:GatewayPort={ports[2]}",
                    .. ClusterArguments(),
                ]);
            _processes.Add(process);
            Silos.Add(process);
        }

        await process.WaitForHttpOkAsync(new Uri($"http://127.0.0.1:{ports[0]}/health/ready"), StartTimeout)
            .ConfigureAwait(false);
    }

    private async Task StartApiAsync()
    {
        var port = FreePorts.Take(1)[0];
        var process = ProductProcess.Start(
            "api",
            ProductProcess.AssemblyPath("Api", "MedifyAI.Api.dll"),
            [
                $"--urls=http://127.0.0.1:{port}",
                // The benchmark's patients send far more than a person would; the limits are not under test.
                "--MedifyAI:Security:MessagesPerWindow=1000000",
                "--MedifyAI:Security:SessionsPerWindow=1000000",
                "--MedifyAI:Security:MaxSessionsPerPatient=100000",
                .. TestTokens.HostSettings.Select(setting => $"--{setting.Key}={setting.Value}"),
                .. ClusterArguments(),
            ]);
        _processes.Add(process);

        ApiBaseAddress = new Uri($"http://127.0.0.1:{port}");
        await process.WaitForHttpOkAsync(new Uri(ApiBaseAddress, "/health/ready"), StartTimeout).ConfigureAwait(false);
    }

    private IEnumerable<string> ClusterArguments() =>
    [
        "--MedifyAI:Cluster:Clustering=AdoNet",
        $"--MedifyAI:Cluster:ConnectionString={ConnectionString}",
        $"--MedifyAI:Cluster:ClusterId={ClusterId}",
        "--Logging:LogLevel:Default=Warning",
    ];
}
