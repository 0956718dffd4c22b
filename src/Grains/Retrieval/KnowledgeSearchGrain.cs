using Orleans.Concurrency;

namespace MedifyAI.Retrieval;

/// <summary>Serves search requests from the API on the silo that holds the index.</summary>
[StatelessWorker]
public sealed class KnowledgeSearchGrain(IKnowledgeRetriever retriever) : Grain, IKnowledgeSearchGrain
{
    Task<IReadOnlyList<RetrievedPassage>> IKnowledgeSearchGrain.SearchAsync(string query, int k, string? dataset) =>
        retriever.SearchAsync(query, k, dataset, CancellationToken.None);
}
