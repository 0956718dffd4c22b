using Microsoft.Data.Sqlite;

namespace MedifyAI.Persistence.Sqlite;

/// <summary>
/// Opens the writer and reader connections with the settings from <see cref="SqliteGrainStorageOptions"/>.
/// </summary>
/// <remarks>
/// Pooling in Microsoft.Data.Sqlite is off because the provider keeps its own connections open for their
/// prepared statements.
/// </remarks>
internal static class SqliteConnections
{
    /// <summary>
    /// Opens the read-write connection, switches the file to WAL, applies <c>synchronous</c> and <c>secure_delete</c>
    /// and creates the table.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file system does not support WAL mode.</exception>
    public static SqliteConnection OpenWriter(SqliteGrainStorageOptions options)
    {
        var connection = Open(options, SqliteOpenMode.ReadWriteCreate);
        try
        {
            var journalMode = ExecuteScalar(connection, "PRAGMA journal_mode=WAL;") as string;
            if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"SQLite database '{options.DatabasePath}' stayed in journal mode '{journalMode}' instead of WAL. "
                    + "Put SqliteGrainStorageOptions.DatabasePath on a local file system that supports "
                    + "shared memory (WAL does not work on most network file systems).");
            }

            var synchronous = options.Synchronous == SqliteSynchronousMode.Full ? "FULL" : "NORMAL";
            ExecuteNonQuery(connection, $"PRAGMA synchronous={synchronous};");

            // Overwrite deleted and replaced content with zeros, so an erased or cleared state leaves no
            // readable trace in free pages of the file.
            ExecuteNonQuery(connection, "PRAGMA secure_delete=ON;");
            ExecuteNonQuery(connection, SqliteSchema.CreateTable);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens a read-only connection; WAL lets it read while the writer commits.</summary>
    public static SqliteConnection OpenReader(SqliteGrainStorageOptions options) =>
        Open(options, SqliteOpenMode.ReadOnly);

    private static SqliteConnection Open(SqliteGrainStorageOptions options, SqliteOpenMode mode)
    {
        var busyTimeoutMs = (long)options.BusyTimeout.TotalMilliseconds;
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = mode,
            Cache = SqliteCacheMode.Private,
            Pooling = false,

            // Microsoft.Data.Sqlite retries a busy statement until the command timeout, in whole seconds.
            DefaultTimeout = (int)Math.Max(1, Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        };

        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            ExecuteNonQuery(connection, $"PRAGMA busy_timeout={busyTimeoutMs};");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static object? ExecuteScalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void ExecuteNonQuery(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
