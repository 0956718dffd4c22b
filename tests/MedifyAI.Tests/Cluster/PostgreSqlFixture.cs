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

        using var migration = ProductProcess.Start(
            "migrate",
            ProductProcess.AssemblyPath("Silo", "MedifyAI.Silo.dll"),
            ["migrate", $"--MedifyAI:Cluster:ConnectionString={ConnectionString}"]);
        if (!await migration.WaitForExitAsync(TimeSpan.FromSeconds(60)) || migration.ExitCode != 0)
        {
            throw new InvalidOperationException($"The schema migration failed:{Environment.NewLine}{migration.RecentOutput}");
        }
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
    }
}
