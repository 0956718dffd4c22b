namespace MedifyAI.Retrieval;

/// <summary>One passage with its embedding and the metadata stored beside it.</summary>
public sealed record IndexedChunk
{
    /// <summary>Stable id from dataset, record id and chunk index; an upsert with the same id replaces the chunk.</summary>
    public required string ChunkId { get; init; }

    public required string Dataset { get; init; }

    public required string RecordId { get; init; }

    public required ReferenceKind Kind { get; init; }

    public required string Text { get; init; }

    public required ReadOnlyMemory<float> Vector { get; init; }

    public string? Title { get; init; }

    public string? Url { get; init; }

    public double? AgeYears { get; init; }

    public string? Gender { get; init; }
}
