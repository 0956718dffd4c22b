using Orleans.Runtime;

namespace MedifyAI.Persistence.DynamoDB;

/// <summary>
/// Thrown when a grain's state, after compression, would make an item larger than DynamoDB's item size limit.
/// Nothing is written; the stored state stays as it was.
/// </summary>
[GenerateSerializer]
[Alias("MedifyAI.Persistence.DynamoDB.DynamoDbItemTooLargeException")]
public sealed class DynamoDbItemTooLargeException : OrleansException
{
    public DynamoDbItemTooLargeException(string grainId, string stateName, long itemSize, long maxItemSize)
        : base(
            $"The state '{stateName}' of grain {grainId} makes a DynamoDB item of {itemSize} bytes after "
            + $"compression; the limit is {maxItemSize} bytes. Reduce the state kept by the grain.")
    {
        GrainId = grainId;
        StateName = stateName;
        ItemSize = itemSize;
        MaxItemSize = maxItemSize;
    }

    /// <summary>Grain whose write was rejected.</summary>
    [Id(0)]
    public string GrainId { get; }

    /// <summary>State name of the rejected write.</summary>
    [Id(1)]
    public string StateName { get; }

    /// <summary>Size of the item that would have been written, in bytes as DynamoDB counts them.</summary>
    [Id(2)]
    public long ItemSize { get; }

    /// <summary>Largest item size DynamoDB accepts, in bytes.</summary>
    [Id(3)]
    public long MaxItemSize { get; }
}
