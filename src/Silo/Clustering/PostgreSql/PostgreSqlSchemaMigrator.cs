using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MedifyAI.Silo.Clustering.PostgreSql;

/// <summary>
/// Applies the embedded Orleans membership and reminder schema (<c>OrleansSchema.sql</c>) to a PostgreSQL
/// database. The script is idempotent, and it runs in one transaction under an advisory lock, so several
/// migration runs at once (a Job retried while the first attempt is still running) apply it one after another.
/// </summary>
public static class PostgreSqlSchemaMigrator
{
    /// <summary>Key of the transaction-scoped advisory lock that serializes migration runs.</summary>
    public const long AdvisoryLockKey = 0x4D65_6469_6679_4149; // "MedifyAI" in ASCII.

    private const string ResourceName = "MedifyAI.Silo.Clustering.PostgreSql.OrleansSchema.sql";

    /// <summary>Reads the schema script embedded in this assembly.</summary>
    public static string ReadScript()
    {
        using var stream = typeof(PostgreSqlSchemaMigrator).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from the silo assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Creates the tables when missing and upserts the queries Orleans reads at start-up.</summary>
    public static async Task ApplyAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        var script = ReadScript();
        var started = Stopwatch.GetTimestamp();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        ClusterSchemaLog.Connected(logger, connection.Host ?? "(unknown)", connection.Database);

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var schemaCommand = new NpgsqlCommand(script, connection, transaction))
        {
            await schemaCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        ClusterSchemaLog.Applied(logger, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
