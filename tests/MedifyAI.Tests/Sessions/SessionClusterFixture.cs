using MedifyAI.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace MedifyAI.Tests.Sessions;

/// <summary>An in-process Orleans cluster with the session grain's services and small limits for tests.</summary>
public sealed class SessionClusterFixture : IAsyncLifetime
{
    /// <summary>Turn limit of this cluster, kept small so a test can reach it.</summary>
    public const int MaxTurns = 4;

    public const int MaxMessageLength = 500;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["MedifyAI:Sessions:MaxTurnsPerSession"] = MaxTurns.ToString(),
                    ["MedifyAI:Sessions:MaxMessageLength"] = MaxMessageLength.ToString(),
                })
                .Build();

            silo.AddMemoryGrainStorage(StorageNames.Sessions);
            silo.AddMemoryGrainStorage(StorageNames.Patients);
            silo.AddMemoryGrainStorage(StorageNames.Audit);
            silo.Services.AddMedifyGrainServices(configuration);
        });

        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
    }
}
