namespace MedifyAI.Retrieval;

/// <summary>Embeds a query and searches the vector index: the one retrieval entry point for grains.</summary>
public interface IKnowledgeRetriever
{
    /// <summary>True when at least one chunk is indexed; callers skip retrieval otherwise.</summary>
    bool HasKnowledge { get; }

    /// <summary>Returns the <paramref name="k"/> passages closest to <paramref name="query"/>, best first.</summary>
    Task<IReadOnlyList<RetrievedPassage>> SearchAsync(string query, int k, string? dataset, CancellationToken cancellationToken);

    /// <summary>
    /// Returns the records most relevant to <paramref name="query"/>, one reference per record (its best
    /// passage), at most <paramref name="perKind"/> of each <see cref="ReferenceKind"/>, best first.
    /// </summary>
    Task<IReadOnlyList<KnowledgeReference>> FindReferencesAsync(string query, int perKind, CancellationToken cancellationToken);
}
