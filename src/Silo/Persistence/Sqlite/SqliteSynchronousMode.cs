namespace MedifyAI.Persistence.Sqlite;

/// <summary>
/// Value of SQLite's <c>PRAGMA synchronous</c> for the writer connection, which runs in WAL journal mode.
/// </summary>
public enum SqliteSynchronousMode
{
    /// <summary>
    /// <c>synchronous=NORMAL</c>: a commit returns once it is in the write-ahead log, and the log is synced to disk
    /// only at checkpoints. Committed writes survive a crash of the process, but the last commits before a power
    /// loss or operating-system crash can be rolled back. The database itself never becomes corrupt.
    /// </summary>
    Normal,

    /// <summary>
    /// <c>synchronous=FULL</c>: every commit waits for an fsync of the write-ahead log, so committed writes also
    /// survive a power loss. Each group commit pays one fsync, which costs latency on slow disks.
    /// </summary>
    Full,
}
