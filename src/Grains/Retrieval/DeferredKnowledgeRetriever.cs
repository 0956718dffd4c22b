using Amazon.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedifyAI.Retrieval;

/// <summary>
/// The <see cref="IKnowledgeRetriever"/> that grains receive. It builds the real retriever, and with it the vector
/// index and the embedder, on first use rather than when a grain activates, and again after a failure. An index
/// that cannot be opened then fails searches, which callers handle, instead of every chat grain's activation.
/// </summary>
internal sealed partial class DeferredKnowledgeRetriever(IServiceProvider services, ILogger<DeferredKnowledgeRetriever> logger)
    : IKnowledgeRetriever
{
    /// <summary>False, with a warning in the log, while the index cannot be opened.</summary>
    public bool HasKnowledge
    {
        get
        {
            try
            {
                return Resolve().HasKnowledge;
            }
            catch (Exception exception) when (IsOutage(exception))
            {
                LogUnavailable(logger, exception.GetType().Name);
                return false;
            }
        }
    }

    public Task<IReadOnlyList<RetrievedPassage>> SearchAsync(string query, int k, string? dataset, CancellationToken cancellationToken) =>
        Resolve().SearchAsync(query, k, dataset, cancellationToken);

    public Task<IReadOnlyList<KnowledgeReference>> FindReferencesAsync(string query, int perKind, CancellationToken cancellationToken) =>
        Resolve().FindReferencesAsync(query, perKind, cancellationToken);

    /// <summary>True for the failures of an index or embedding service, as opposed to bugs.</summary>
    internal static bool IsOutage(Exception exception) =>
        exception is IOException or SqliteException or HttpRequestException or AmazonClientException
            or OpenSearch.OpenSearchException or Aws.AwsServiceException;

    private KnowledgeRetriever Resolve() => services.GetRequiredService<KnowledgeRetriever>();

    [LoggerMessage(2321, LogLevel.Warning, "The knowledge index cannot be opened ({ExceptionType}), so replies go out without references")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType);
}
