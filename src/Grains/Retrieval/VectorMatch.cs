namespace MedifyAI.Retrieval;

/// <summary>A search hit: the stored chunk and its cosine similarity to the query.</summary>
public sealed record VectorMatch(
    string ChunkId,
    string Dataset,
    string RecordId,
    ReferenceKind Kind,
    string? Title,
    string? Url,
    double? AgeYears,
    string? Gender,
    string Text,
    double Score);
