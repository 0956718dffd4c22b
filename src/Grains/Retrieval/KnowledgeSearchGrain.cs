using MedifyAI.Retrieval.OpenSearch;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace MedifyAI.Retrieval;

/// <summary>Serves search requests from the API on the silo that holds the index.</summary>
[StatelessWorker]
public sealed partial class KnowledgeSearchGrain(IKnowledgeRetriever retriever, ILogger<KnowledgeSearchGrain> logger)
    : Grain, IKnowledgeSearchGrain
{
    async Task<IReadOnlyList<RetrievedPassage>> IKnowledgeSearchGrain.SearchAsync(string query, int k, string? dataset)
    {
        try
        {
            return await retriever.SearchAsync(query, k, dataset, CancellationToken.None);
        }
        catch (Exception exception) when (DeferredKnowledgeRetriever.IsOutage(exception))
        {
            // The type is enough for the operator. A message from a remote service may quote the query, so it is not logged.
            LogSearchFailed(logger, exception.GetType().Name, dataset);
            throw new KnowledgeUnavailableException(exception switch
            {
                OpenSearchException => "The OpenSearch index did not respond to the search. Retry later; the silo log has the error type.",
                SqliteException or IOException => "The embedded index could not be read. Retry later; the silo log has the error type.",
                _ => "The embedding service did not respond to the search. Retry later; the silo log has the error type.",
            });
        }
    }

    [LoggerMessage(2320, LogLevel.Error, "Knowledge search in dataset {Dataset} failed with {ExceptionType}")]
    private static partial void LogSearchFailed(ILogger logger, string exceptionType, string? dataset);
}
