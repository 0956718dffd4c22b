namespace MedifyAI.Silo.Hosting;

/// <summary>Backends for grain state.</summary>
public enum GrainStorageProvider
{
    /// <summary>SQLite files under the data directory: durable on one machine, the embedded default.</summary>
    Sqlite,

    /// <summary>Process memory: lost on restart, for tests and experiments only.</summary>
    Memory,

    /// <summary>Amazon DynamoDB (or a compatible endpoint), configured in the <c>MedifyAI:DynamoDb</c> section.</summary>
    DynamoDb,
}
