namespace MedifyAI.Testing;

/// <summary>Runs the product's own <c>MedifyAI.Silo.dll migrate</c> command against a PostgreSQL database.</summary>
public static class SiloMigration
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Applies the clustering and reminder schema; throws with the command's output when it fails.</summary>
    public static async Task RunAsync(string connectionString)
    {
        using var migration = ProductProcess.Start(
            "migrate",
            ProductProcess.AssemblyPath("Silo", "MedifyAI.Silo.dll"),
            ["migrate", $"--MedifyAI:Cluster:ConnectionString={connectionString}"]);
        if (!await migration.WaitForExitAsync(Timeout).ConfigureAwait(false) || migration.ExitCode != 0)
        {
            throw new InvalidOperationException($"The schema migration failed:{Environment.NewLine}{migration.RecentOutput}");
        }
    }
}
