using Microsoft.Extensions.Logging;

namespace MedifyAI.Persistence.Sqlite;

/// <summary>
/// Log messages of the SQLite grain storage. They carry ids, counts and versions, never state payloads.
/// </summary>
internal static partial class SqliteGrainStorageLog
{
    [LoggerMessage(
        EventId = 1,
        Level = LogLevel.Information,
        Message = "SQLite grain storage {ProviderName} started on {DatabasePath} (synchronous={Synchronous}, "
            + "service id {ServiceId})")]
    public static partial void Started(
        ILogger logger,
        string providerName,
        string databasePath,
        SqliteSynchronousMode synchronous,
        string serviceId);

    [LoggerMessage(
        EventId = 2,
        Level = LogLevel.Information,
        Message = "SQLite grain storage {ProviderName} stopped after {BatchCount} batches of "
            + "{OperationCount} writes and clears")]
    public static partial void Stopped(ILogger logger, string providerName, long batchCount, long operationCount);

    [LoggerMessage(
        EventId = 3,
        Level = LogLevel.Warning,
        Message = "ETag conflict on {Operation} in SQLite grain storage {ProviderName} for grain {GrainId}, "
            + "state {StateName}: stored ETag {StoredETag}, caller's ETag {CallerETag}")]
    public static partial void ETagConflict(
        ILogger logger,
        SqliteWriteKind operation,
        string providerName,
        string grainId,
        string stateName,
        string? storedETag,
        string? callerETag);

    [LoggerMessage(
        EventId = 4,
        Level = LogLevel.Error,
        Message = "Batch of {OperationCount} operations failed in SQLite grain storage {ProviderName} and was "
            + "rolled back; retrying each operation in its own transaction")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int operationCount, string providerName);

    [LoggerMessage(
        EventId = 5,
        Level = LogLevel.Error,
        Message = "{Operation} failed in SQLite grain storage {ProviderName} for grain {GrainId}, state {StateName}")]
    public static partial void OperationFailed(
        ILogger logger,
        Exception exception,
        SqliteWriteKind operation,
        string providerName,
        string grainId,
        string stateName);

    [LoggerMessage(
        EventId = 6,
        Level = LogLevel.Error,
        Message = "Reading grain {GrainId}, state {StateName} failed in SQLite grain storage {ProviderName}")]
    public static partial void ReadFailed(
        ILogger logger,
        Exception exception,
        string grainId,
        string stateName,
        string providerName);
}
