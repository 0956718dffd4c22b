using MedifyAI.Tests.Infrastructure;

namespace MedifyAI.Tests.Cluster;

/// <summary>
/// Silo processes (<c>HostApi=false</c>, AdoNet clustering on 127.0.0.1) sharing one cluster id and one data
/// directory, plus the API front-end as a separate client process. Dispose kills every process still running.
/// </summary>
public sealed class LocalCluster : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _connectionString;
    private readonly TempDirectory _data = new("medifyai-cluster");
    private readonly List<ProductProcess> _processes = [];

    public LocalCluster(string connectionString)
    {
        _connectionString = connectionString;
        ClusterId = $"test-{Guid.NewGuid():N}"[..20];
    }

    public string ClusterId { get; }

    public List<SiloNode> Silos { get; } = [];

    /// <summary>A client of the API front-end; set by <see cref="StartApiAsync"/>.</summary>
    public HttpClient Api { get; private set; } = null!;

    /// <summary>Grace period the tests allow a terminated silo, longer than its shutdown timeout as on Kubernetes.</summary>
    public static readonly TimeSpan TerminationGracePeriod = TimeSpan.FromSeconds(30);

    /// <summary>Starts <paramref name="count"/> silos at once and waits until each reports ready.</summary>
    public async Task StartSilosAsync(int count)
    {
        var started = Enumerable.Range(0, count).Select(_ => StartSilo()).ToList();
        await Task.WhenAll(started.Select(WaitUntilReadyAsync));
    }

    /// <summary>Starts the API front-end as a cluster client and waits until it reports ready.</summary>
    public async Task StartApiAsync()
    {
        var port = FreePorts.Take(1)[0];
        var process = ProductProcess.Start(
            "api",
            ProductProcess.AssemblyPath("Api", "MedifyAI.Api.dll"),
            [
                $"--urls=http://127.0.0.1:{port}",
                "--MedifyAI:Security:MessagesPerWindow=100000",
                "--MedifyAI:Security:SessionsPerWindow=100000",
                .. TestTokens.HostSettings.Select(setting => $"--{setting.Key}={setting.Value}"),
                .. ClusterArguments(),
            ]);
        _processes.Add(process);

        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        await process.WaitForHttpOkAsync(new Uri(baseAddress, "/health/ready"), StartTimeout);
        Api = TestTokens.CreateClient(baseAddress, $"patient-{ClusterId}", MedifyAI.Security.Roles.Patient);
        Api.Timeout = TimeSpan.FromSeconds(40);
    }

    public SiloNode StartSilo()
    {
        var index = Silos.Count;
        var ports = FreePorts.Take(3);
        var name = $"silo-{index}";
        var process = ProductProcess.Start(
            name,
            ProductProcess.AssemblyPath("Silo", "MedifyAI.Silo.dll"),
            [
                "--MedifyAI:HostApi=false",
                // Every silo must reach the same durable grain state: here one set of SQLite files shared by the
                // processes on this machine (WAL with a busy timeout); in production, DynamoDB.
                "--MedifyAI:Storage=Sqlite",
                $"--MedifyAI:DataDirectory={_data.Path}",
                $"--MedifyAI:ManagementUrls:0=http://127.0.0.1:{ports[0]}",
                $"--MedifyAI:ShutdownTimeout=00:00:20",
                $"--MedifyAI:Cluster:SiloName={name}",
                "--MedifyAI:Cluster:AdvertisedAddress=127.0.0.1",
                $"--MedifyAI:Cluster:SiloPort={ports[1]}",
                $"--MedifyAI:Cluster:GatewayPort={ports[2]}",
                $"--MedifyAI:Ingestion:LocalRoots:0={RepositoryPaths.SharedData}",
                .. ClusterArguments(),
            ]);
        _processes.Add(process);

        var silo = new SiloNode(name, process, ports[0], ports[1], ports[2]);
        Silos.Add(silo);
        return silo;
    }

    public Task WaitUntilReadyAsync(SiloNode silo) =>
        silo.Process.WaitForHttpOkAsync(new Uri($"http://127.0.0.1:{silo.ManagementPort}/health/ready"), StartTimeout);

    /// <summary>Output of every process, for the message of a failed assertion.</summary>
    public string Diagnostics() => string.Join(
        Environment.NewLine,
        _processes.Select(process => $"--- {process.Name} (pid {process.Id}){Environment.NewLine}{process.RecentOutput}"));

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        Api?.Dispose();
        _data.Dispose();
    }

    private IEnumerable<string> ClusterArguments() =>
    [
        "--MedifyAI:Cluster:Clustering=AdoNet",
        $"--MedifyAI:Cluster:ConnectionString={_connectionString}",
        $"--MedifyAI:Cluster:ClusterId={ClusterId}",
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
        // Ingestion runs log their dataset and run ids (never text), so a test can find the silo running one.
        "--Logging:LogLevel:MedifyAI.Datasets=Information",
    ];
}
