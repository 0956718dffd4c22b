using Microsoft.Extensions.Logging;

namespace MedifyAI.Retrieval.OpenSearch;

/// <summary>Log events of the OpenSearch vector index; ids, counts and statuses only, never passages.</summary>
internal static partial class OpenSearchLog
{
    [LoggerMessage(EventId = 2300, Level = LogLevel.Information, Message = "Created OpenSearch index {Index}")]
    public static partial void IndexCreated(ILogger logger, string index);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning,
        Message = "Retrying OpenSearch {Method} {Path} after status {Status} (attempt {Attempt})")]
    public static partial void RequestRetried(ILogger logger, string method, string path, int status, int attempt);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Error,
        Message = "OpenSearch {Method} {Path} failed with status {Status} ({ErrorType})")]
    public static partial void RequestFailed(ILogger logger, string method, string path, int status, string? errorType);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Warning,
        Message = "Retrying {Count} failed _bulk items into {Index} (attempt {Attempt})")]
    public static partial void BulkItemsRetried(ILogger logger, string index, int count, int attempt);

    [LoggerMessage(EventId = 2304, Level = LogLevel.Error,
        Message = "OpenSearch rejected a _bulk item into {Index} with status {Status} ({ErrorType})")]
    public static partial void BulkRejected(ILogger logger, string index, int status, string? errorType);
}
