namespace MedifyAI.Retrieval;

/// <summary>Searches the ingested datasets; a stateless worker, so calls run on whichever silo receives them.</summary>
[Alias("MedifyAI.Retrieval.IKnowledgeSearchGrain")]
public interface IKnowledgeSearchGrain : IGrainWithIntegerKey
{
    /// <summary>Returns the <paramref name="k"/> passages closest to <paramref name="query"/>, best first.</summary>
    /// <param name="query">Free text.</param>
    /// <param name="k">Number of passages, 1 to 50.</param>
    /// <param name="dataset">Dataset to search, or null for all.</param>
    [Alias("Search")]
    Task<IReadOnlyList<RetrievedPassage>> SearchAsync(string query, int k, string? dataset);
}
