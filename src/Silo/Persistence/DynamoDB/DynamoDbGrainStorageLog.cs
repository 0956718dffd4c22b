using Microsoft.Extensions.Logging;

namespace MedifyAI.Persistence.DynamoDB;

/// <summary>
/// Log messages of the DynamoDB grain storage. They carry ids, sizes and ETags, never state payloads.
/// </summary>
internal static partial class DynamoDbGrainStorageLog
{
    [LoggerMessage(
        EventId = 1,
        Level = LogLevel.Information,
        Message = "DynamoDB grain storage {ProviderName} started on table {TableName} (endpoint {Endpoint}, "
            + "service id {ServiceId}, clear mode {ClearMode})")]
    public static partial void Started(
        ILogger logger,
        string providerName,
        string tableName,
        string endpoint,
        string serviceId,
        DynamoDbClearMode clearMode);

    [LoggerMessage(
        EventId = 2,
        Level = LogLevel.Information,
        Message = "DynamoDB grain storage {ProviderName} stopped after {WriteCount} writes and clears")]
    public static partial void Stopped(ILogger logger, string providerName, long writeCount);

    [LoggerMessage(
        EventId = 3,
        Level = LogLevel.Information,
        Message = "Created DynamoDB table {TableName} with on-demand billing for grain storage {ProviderName}")]
    public static partial void TableCreated(ILogger logger, string tableName, string providerName);

    [LoggerMessage(
        EventId = 4,
        Level = LogLevel.Warning,
        Message = "ETag conflict on {Operation} in DynamoDB grain storage {ProviderName} for grain {GrainId}, "
            + "state {StateName}: stored ETag {StoredETag}, caller's ETag {CallerETag}")]
    public static partial void ETagConflict(
        ILogger logger,
        string operation,
        string providerName,
        string grainId,
        string stateName,
        string? storedETag,
        string? callerETag);

    [LoggerMessage(
        EventId = 5,
        Level = LogLevel.Error,
        Message = "{Operation} failed in DynamoDB grain storage {ProviderName} for grain {GrainId}, state {StateName}")]
    public static partial void OperationFailed(
        ILogger logger,
        Exception exception,
        string operation,
        string providerName,
        string grainId,
        string stateName);

    [LoggerMessage(
        EventId = 6,
        Level = LogLevel.Error,
        Message = "Write of grain {GrainId}, state {StateName} rejected by DynamoDB grain storage {ProviderName}: "
            + "the item would be {ItemSize} bytes after compression, over the {MaxItemSize}-byte limit")]
    public static partial void ItemTooLarge(
        ILogger logger,
        string grainId,
        string stateName,
        string providerName,
        long itemSize,
        long maxItemSize);
}
