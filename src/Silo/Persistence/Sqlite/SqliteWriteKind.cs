namespace MedifyAI.Persistence.Sqlite;

/// <summary>Kind of a queued <see cref="SqliteWriteOperation"/>.</summary>
internal enum SqliteWriteKind
{
    /// <summary>Insert or update the state payload.</summary>
    Write,

    /// <summary>Replace the payload with a tombstone that keeps the version.</summary>
    Clear,
}
