namespace MedifyAI.Retrieval;

/// <summary>
/// Stores passages with their embeddings and finds the nearest ones. Implementations are thread-safe.
/// </summary>
public interface IVectorIndex
{
    /// <summary>
    /// Inserts or replaces chunks by id and, when given, stores <paramref name="checkpoint"/> in the same
    /// transaction, so either both are durable or neither is.
    /// </summary>
    Task UpsertAsync(IReadOnlyList<IndexedChunk> chunks, IndexCheckpoint? checkpoint, CancellationToken cancellationToken);

    /// <summary>Deletes chunks by id; returns how many existed.</summary>
    Task<int> DeleteAsync(IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken);

    /// <summary>Returns up to <paramref name="k"/> chunks nearest to <paramref name="query"/>, best first.</summary>
    /// <param name="query">Query embedding of the index's dimensions.</param>
    /// <param name="k">Number of results.</param>
    /// <param name="dataset">Only this dataset, or null for every dataset.</param>
    /// <param name="includeText">Load the passage text; false skips it when only the citation is needed.</param>
    /// <param name="cancellationToken">Cancels a remote search.</param>
    Task<IReadOnlyList<VectorMatch>> SearchAsync(
        ReadOnlyMemory<float> query,
        int k,
        string? dataset,
        bool includeText,
        CancellationToken cancellationToken);

    /// <summary>
    /// Number of chunks stored for <paramref name="dataset"/>, or in total when null. A remote index may return the
    /// value it last read rather than ask the server; <see cref="CountAsync"/> always reads the current value.
    /// </summary>
    long Count(string? dataset = null);

    /// <summary>Reads the number of chunks stored for <paramref name="dataset"/>, or in total when null.</summary>
    Task<long> CountAsync(string? dataset, CancellationToken cancellationToken);

    /// <summary>Returns the last checkpoint stored for a run, or null when none was.</summary>
    Task<IndexCheckpoint?> GetCheckpointAsync(string dataset, string runId, CancellationToken cancellationToken);

    /// <summary>Writes the in-memory search structures to disk so the next start loads rather than rebuilds them.</summary>
    Task FlushAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reads every chunk of <paramref name="dataset"/>, vector and text included, ordered by chunk id and fetched
    /// in pages, so a copy to another index can stream a dataset of any size.
    /// </summary>
    IAsyncEnumerable<IndexedChunk> ReadDatasetAsync(string dataset, CancellationToken cancellationToken);
}
