namespace MedifyAI.Tests.Cluster;

/// <summary>
/// One PostgreSQL server for the cluster tests, with a membership database migrated by the real
/// <c>MedifyAI.Silo.dll migrate</c> command. Each test starts its own cluster under its own cluster id.
/// </summary>
public sealed class PostgreSqlFixture : IAsyncLifetime
{
    public PostgreSqlServer Server { get; private set; } = null!;

    /// <summary>Connection string of the migrated membership database.</summary>
    public string ConnectionString { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await PostgreSqlServer.StartAsync();
        ConnectionString = await Server.CreateDatabaseAsync("medifyai_cluster");

        await SiloMigration.RunAsync(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
    }
}
