namespace MedifyAI.Retrieval;

/// <summary>
/// An index that, besides nearest-vector search, ranks chunks by the words they share with a query (BM25). The
/// retriever fuses both rankings when <see cref="RetrievalOptions.Fusion"/> selects it.
/// </summary>
public interface ITextSearchIndex
{
    /// <summary>
    /// Returns up to <paramref name="k"/> chunks ranked by BM25 against the words of <paramref name="query"/>, best
    /// first. <see cref="VectorMatch.Score"/> is the BM25 score, which only orders hits of one query.
    /// </summary>
    /// <param name="query">Free text; operators and punctuation in it carry no meaning.</param>
    /// <param name="k">Number of results.</param>
    /// <param name="dataset">Only this dataset, or null for every dataset.</param>
    /// <param name="includeText">Load the passage text; false skips it when only the citation is needed.</param>
    /// <param name="cancellationToken">Cancels a remote search.</param>
    Task<IReadOnlyList<VectorMatch>> SearchTextAsync(
        string query,
        int k,
        string? dataset,
        bool includeText,
        CancellationToken cancellationToken);
}
