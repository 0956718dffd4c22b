namespace MedifyAI.Persistence.Sqlite;

/// <summary>
/// A row read from the state table: its version (the ETag) and the serialized state, null for a cleared record.
/// </summary>
internal sealed record StoredGrainState(long Version, byte[]? Payload);
