using Orleans.Storage;

namespace MedifyAI.Persistence.Sqlite;

/// <summary>
/// Settings of one named <see cref="SqliteGrainStorage"/> provider.
/// </summary>
/// <remarks>
/// Several provider names may point at the same <see cref="DatabasePath"/>. Records are keyed by the cluster's
/// service id, the grain id and the state name, not by the provider name, so two providers on one file see the
/// same record for the same grain and state name.
/// </remarks>
public sealed class SqliteGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>Default for <see cref="BusyTimeout"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Default for <see cref="MaxBatchSize"/>.</summary>
    public const int DefaultMaxBatchSize = 256;

    /// <summary>Default for <see cref="MaxReadConnections"/>.</summary>
    public const int DefaultMaxReadConnections = 16;

    /// <summary>
    /// Path of the SQLite database file (required). A relative path is resolved against the current directory.
    /// The directory is created at start-up if it does not exist, and the file is created on first open.
    /// </summary>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>
    /// Durability of a commit. <see cref="SqliteSynchronousMode.Normal"/> (the default) keeps committed writes
    /// across a process crash but may lose the last commits on power loss; <see cref="SqliteSynchronousMode.Full"/>
    /// also keeps them across power loss at the cost of one fsync per group commit.
    /// </summary>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Normal;

    /// <summary>
    /// How long a connection waits for a lock held by another connection (for example a second provider or
    /// process writing the same file) before the operation fails. Sets <c>PRAGMA busy_timeout</c>.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = DefaultBusyTimeout;

    /// <summary>
    /// Maximum number of queued writes and clears that the writer commits in one transaction.
    /// </summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;

    /// <summary>
    /// Maximum number of idle read-only connections kept open for reads. More concurrent reads than this
    /// still run, on connections that are closed after use.
    /// </summary>
    public int MaxReadConnections { get; set; } = DefaultMaxReadConnections;

    /// <summary>
    /// Serializer for grain state. When left unset, the silo's default <see cref="IGrainStorageSerializer"/> is
    /// filled in by <see cref="DefaultStorageProviderSerializerOptionsConfigurator{TOptions}"/>.
    /// </summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
