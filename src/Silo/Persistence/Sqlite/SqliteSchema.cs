namespace MedifyAI.Persistence.Sqlite;

/// <summary>
/// Table layout and statements shared by the writer and the readers.
/// </summary>
/// <remarks>
/// A row whose <c>Payload</c> is NULL is a tombstone left by a clear. It keeps the version, so the ETag returned
/// by the clear stays valid for the next write and versions never repeat for a key.
/// </remarks>
internal static class SqliteSchema
{
    public const string CreateTable = """
        CREATE TABLE IF NOT EXISTS OrleansGrainState (
            ServiceId TEXT NOT NULL,
            GrainId TEXT NOT NULL,
            StateName TEXT NOT NULL,
            Version INTEGER NOT NULL,
            Payload BLOB NULL,
            ModifiedOnUnixMs INTEGER NOT NULL,
            PRIMARY KEY (ServiceId, GrainId, StateName)
        );
        """;

    public const string SelectState = """
        SELECT Version, Payload FROM OrleansGrainState
        WHERE ServiceId = $serviceId AND GrainId = $grainId AND StateName = $stateName;
        """;

    public const string SelectVersion = """
        SELECT Version, Payload IS NOT NULL FROM OrleansGrainState
        WHERE ServiceId = $serviceId AND GrainId = $grainId AND StateName = $stateName;
        """;

    public const string Insert = """
        INSERT INTO OrleansGrainState (ServiceId, GrainId, StateName, Version, Payload, ModifiedOnUnixMs)
        VALUES ($serviceId, $grainId, $stateName, $version, $payload, $modifiedOn);
        """;

    /// <summary>Sets payload and version; a NULL <c>$payload</c> turns the row into a tombstone.</summary>
    public const string Update = """
        UPDATE OrleansGrainState SET Version = $version, Payload = $payload, ModifiedOnUnixMs = $modifiedOn
        WHERE ServiceId = $serviceId AND GrainId = $grainId AND StateName = $stateName;
        """;
}
