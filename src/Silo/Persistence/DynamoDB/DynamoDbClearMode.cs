namespace MedifyAI.Persistence.DynamoDB;

/// <summary>How <see cref="DynamoDbGrainStorage"/> clears a grain's state.</summary>
public enum DynamoDbClearMode
{
    /// <summary>
    /// Replaces the item with a tombstone that has no payload and a new ETag. The next write must carry that ETag
    /// (or null), so a writer holding an ETag from before the clear is rejected.
    /// </summary>
    Tombstone,

    /// <summary>
    /// Deletes the item. The clear leaves a null ETag, and the item's storage is freed at once.
    /// </summary>
    Delete,
}
