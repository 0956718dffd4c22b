using MedifyAI.Api.Hosting;
using MedifyAI.Silo.Clustering.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MedifyAI.Silo.Clustering;

/// <summary>
/// The <c>migrate</c> command: <c>dotnet MedifyAI.Silo.dll migrate</c> applies the Orleans membership and
/// reminder schema to the PostgreSQL database named by <c>MedifyAI:Cluster:ConnectionString</c> (environment
/// variable <c>MedifyAI__Cluster__ConnectionString</c>, or <c>--MedifyAI:Cluster:ConnectionString=...</c>),
/// then exits: 0 on success, 1 on failure. A Kubernetes Job runs it before the silos start.
/// </summary>
public static class MigrationCommand
{
    public const string Name = "migrate";

    /// <summary>Whether the first command-line argument selects this command.</summary>
    public static bool IsRequested(string[] args) =>
        args.Length > 0 && string.Equals(args[0], Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Applies the schema and returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args[1..]);
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrationCommand));
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

        try
        {
            var settings = builder.Configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new();
            if (string.IsNullOrWhiteSpace(settings.ConnectionString))
            {
                throw new OptionsValidationException(
                    ClusterSettings.SectionName,
                    typeof(ClusterSettings),
                    ["MedifyAI:Cluster:ConnectionString is missing: set it to the PostgreSQL connection string of the membership database."]);
            }

            await PostgreSqlSchemaMigrator.ApplyAsync(settings.ConnectionString, logger, lifetime.ApplicationStopping);
            return 0;
        }
        catch (Exception exception) when (exception is NpgsqlException or OptionsValidationException or OperationCanceledException)
        {
            ClusterSchemaLog.Failed(logger, exception);
            return 1;
        }
    }
}
