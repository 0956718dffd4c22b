namespace MedifyAI.Retrieval;

/// <summary>A search result: the passage text with the record it came from.</summary>
[GenerateSerializer, Immutable, Alias("MedifyAI.Retrieval.RetrievedPassage")]
public sealed record RetrievedPassage(
    [property: Id(0)] KnowledgeReference Reference,
    [property: Id(1)] string ChunkId,
    [property: Id(2)] string Text);
