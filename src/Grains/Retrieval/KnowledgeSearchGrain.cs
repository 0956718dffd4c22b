using MedifyAI.Aws;
using MedifyAI.Retrieval.OpenSearch;
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
        // TODO: missing AWS credentials (AmazonClientException), an embedded index directory locked by a reindex run
        // (IOException) and SQLite faults still reach the API as 500; they are index outages and should become 503.
        catch (Exception exception) when (exception is OpenSearchException or AwsServiceException or HttpRequestException)
        {
            // The type is enough for the operator; a message from a remote service may quote the query.
            LogSearchFailed(logger, exception.GetType().Name, dataset);
            throw new KnowledgeUnavailableException(
                exception is OpenSearchException
                    ? "The OpenSearch index did not answer the search; retry later. The silo log has the error type."
                    : "The embedding service did not answer the search; retry later. The silo log has the error type.");
        }
    }

    [LoggerMessage(2320, LogLevel.Error, "Knowledge search in dataset {Dataset} failed with {ExceptionType}")]
    private static partial void LogSearchFailed(ILogger logger, string exceptionType, string? dataset);
}
