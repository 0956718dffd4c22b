using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace MedifyAI.Persistence.DynamoDB;

/// <summary>
/// <see cref="IGrainStorage"/> on an Amazon DynamoDB table, one item per grain and state name.
/// </summary>
/// <remarks>
/// <para>
/// Reads are strongly consistent. Every write and clear is a conditional request: with a null ETag it succeeds only
/// when no live item exists (the item is missing or a tombstone), otherwise only when the stored ETag matches. A
/// failed condition becomes an <see cref="InconsistentStateException"/> carrying the stored ETag. ETags are GUIDs, so
/// an ETag from a deleted and re-created item is never accepted again.
/// </para>
/// <para>
/// Payloads above <see cref="DynamoDbGrainStorageOptions.CompressionThreshold"/> are Brotli-compressed. A write whose
/// item would still exceed DynamoDB's 400 KB item limit throws <see cref="DynamoDbItemTooLargeException"/> before any
/// request is sent. Table layout and the clear modes are described on <see cref="DynamoDbGrainTable"/> and
/// <see cref="DynamoDbClearMode"/>.
/// </para>
/// </remarks>
public sealed class DynamoDbGrainStorage : LifecycleGrainStorage
{
    private const string ConditionNoLiveItem = "attribute_not_exists(#payload)";
    private const string ConditionETagMatches = "#etag = :expected";

    private readonly DynamoDbGrainStorageOptions _options;
    private readonly IAmazonDynamoDB _client;
    private readonly bool _disposeClient;
    private readonly string _serviceId;
    private readonly ILogger<DynamoDbGrainStorage> _logger;
    private long _writeCount;
    private long _writtenItemBytes;

    /// <param name="name">Provider name, used in log messages and errors.</param>
    /// <param name="options">Settings, already validated.</param>
    /// <param name="client">DynamoDB client for every request.</param>
    /// <param name="disposeClient">Whether <see cref="LifecycleGrainStorage.StopAsync"/> disposes <paramref name="client"/>.</param>
    /// <param name="clusterOptions">Supplies the service id that prefixes every hash key.</param>
    /// <param name="activatorProvider">Creates fresh state for missing and cleared records.</param>
    /// <param name="logger">Logger of the provider.</param>
    public DynamoDbGrainStorage(
        string name,
        DynamoDbGrainStorageOptions options,
        IAmazonDynamoDB client,
        bool disposeClient,
        IOptions<ClusterOptions> clusterOptions,
        IActivatorProvider activatorProvider,
        ILogger<DynamoDbGrainStorage> logger)
        : base(name, activatorProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(clusterOptions);

        _options = options;
        _client = client;
        _disposeClient = disposeClient;
        _serviceId = clusterOptions.Value.ServiceId;
        _logger = logger;
    }

    /// <summary>Number of writes and clears sent to DynamoDB since start-up, including rejected ones.</summary>
    internal long WriteCount => Interlocked.Read(ref _writeCount);

    /// <summary>Sum of the sizes, as DynamoDB counts them, of the items sent by writes and clears.</summary>
    internal long WrittenItemBytes => Interlocked.Read(ref _writtenItemBytes);

    /// <summary>
    /// Checks the table, creating it when <see cref="DynamoDbGrainStorageOptions.CreateTableIfNotExists"/> is set.
    /// </summary>
    protected override async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        await DynamoDbGrainTable.EnsureAsync(_client, _options, Name, _logger, cancellationToken)
            .ConfigureAwait(false);
        DynamoDbGrainStorageLog.Started(
            _logger,
            Name,
            _options.TableName,
            _client.Config.ServiceURL ?? _client.Config.RegionEndpoint?.SystemName ?? "default",
            _serviceId,
            _options.ClearMode);
    }

    /// <summary>
    /// Disposes the client when the provider created it. Requests already sent complete normally.
    /// </summary>
    protected override ValueTask StopCoreAsync(bool started)
    {
        if (_disposeClient)
        {
            _client.Dispose();
        }

        DynamoDbGrainStorageLog.Stopped(_logger, Name, WriteCount);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task ReadStateAsync<T>(
        string stateName,
        GrainId grainId,
        IGrainState<T> grainState,
        CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);

        var grainKey = grainId.ToString();
        Dictionary<string, AttributeValue>? item;
        try
        {
            var response = await _client.GetItemAsync(
                new GetItemRequest
                {
                    TableName = _options.TableName,
                    Key = CreateKey(grainKey, stateName),
                    ConsistentRead = true,
                },
                cancellationToken).ConfigureAwait(false);
            item = response?.Item;
        }
        catch (Exception exception) when (exception is AmazonDynamoDBException or HttpRequestException)
        {
            DynamoDbGrainStorageLog.OperationFailed(_logger, exception, "Read", Name, grainKey, stateName);
            throw;
        }

        var etag = item is not null && item.TryGetValue(DynamoDbGrainTable.ETag, out var etagValue) ? etagValue.S : null;
        if (item is null
            || !item.TryGetValue(DynamoDbGrainTable.Payload, out var payloadValue)
            || payloadValue.B is null)
        {
            grainState.State = CreateState<T>();
            grainState.ETag = etag;
            grainState.RecordExists = false;
            return;
        }

        var compression = item.TryGetValue(DynamoDbGrainTable.Compression, out var compressionValue)
            ? compressionValue.S
            : null;
        var payload = DynamoDbPayloadCompression.Decompress(payloadValue.B.ToArray(), compression);
        var state = _options.GrainStorageSerializer.Deserialize<T>(new BinaryData(payload));
        grainState.State = state ?? CreateState<T>();
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    /// <exception cref="DynamoDbItemTooLargeException">The item would exceed 400 KB even compressed.</exception>
    public override async Task WriteStateAsync<T>(
        string stateName,
        GrainId grainId,
        IGrainState<T> grainState,
        CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);

        var grainKey = grainId.ToString();
        var serialized = _options.GrainStorageSerializer.Serialize(grainState.State).ToMemory();
        var (payload, compression) = DynamoDbPayloadCompression.Compress(serialized, _options.CompressionThreshold);

        var newETag = NewETag();
        var item = CreateKey(grainKey, stateName);
        item[DynamoDbGrainTable.ETag] = new AttributeValue { S = newETag };
        item[DynamoDbGrainTable.Payload] = new AttributeValue { B = new MemoryStream(payload.ToArray(), writable: false) };
        if (compression is not null)
        {
            item[DynamoDbGrainTable.Compression] = new AttributeValue { S = compression };
        }

        AddExpiry(item);

        var itemSize = DynamoDbItemSize.Measure(item);
        if (itemSize > DynamoDbItemSize.MaxItemSize)
        {
            DynamoDbGrainStorageLog.ItemTooLarge(_logger, grainKey, stateName, Name, itemSize, DynamoDbItemSize.MaxItemSize);
            throw new DynamoDbItemTooLargeException(grainKey, stateName, itemSize, DynamoDbItemSize.MaxItemSize);
        }

        await PutAsync("Write", grainKey, stateName, item, itemSize, grainState.ETag, cancellationToken)
            .ConfigureAwait(false);
        grainState.ETag = newETag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    /// <remarks>
    /// With <see cref="DynamoDbClearMode.Tombstone"/> the item is replaced by one without a payload and a new ETag,
    /// which the caller's state receives; a clear with a null ETag of a missing item writes such a tombstone. With
    /// <see cref="DynamoDbClearMode.Delete"/> the item is deleted and the caller's ETag becomes null.
    /// </remarks>
    public override async Task ClearStateAsync<T>(
        string stateName,
        GrainId grainId,
        IGrainState<T> grainState,
        CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);

        var grainKey = grainId.ToString();
        string? newETag = null;
        if (_options.ClearMode == DynamoDbClearMode.Delete)
        {
            await DeleteAsync(grainKey, stateName, grainState.ETag, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            newETag = NewETag();
            var item = CreateKey(grainKey, stateName);
            item[DynamoDbGrainTable.ETag] = new AttributeValue { S = newETag };
            AddExpiry(item);
            await PutAsync("Clear", grainKey, stateName, item, DynamoDbItemSize.Measure(item), grainState.ETag, cancellationToken)
                .ConfigureAwait(false);
        }

        grainState.ETag = newETag;
        grainState.RecordExists = false;
        grainState.State = CreateState<T>();
    }

    private async Task PutAsync(
        string operation,
        string grainKey,
        string stateName,
        Dictionary<string, AttributeValue> item,
        long itemSize,
        string? expectedETag,
        CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = _options.TableName,
            Item = item,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        (request.ConditionExpression, request.ExpressionAttributeNames, request.ExpressionAttributeValues) =
            CreateCondition(expectedETag);

        Interlocked.Increment(ref _writeCount);
        Interlocked.Add(ref _writtenItemBytes, itemSize);
        try
        {
            await _client.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException conflict)
        {
            throw await CreateConflictAsync(operation, grainKey, stateName, expectedETag, conflict, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AmazonDynamoDBException or HttpRequestException)
        {
            DynamoDbGrainStorageLog.OperationFailed(_logger, exception, operation, Name, grainKey, stateName);
            throw;
        }
    }

    private async Task DeleteAsync(string grainKey, string stateName, string? expectedETag, CancellationToken cancellationToken)
    {
        var request = new DeleteItemRequest
        {
            TableName = _options.TableName,
            Key = CreateKey(grainKey, stateName),
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        (request.ConditionExpression, request.ExpressionAttributeNames, request.ExpressionAttributeValues) =
            CreateCondition(expectedETag);

        Interlocked.Increment(ref _writeCount);
        try
        {
            await _client.DeleteItemAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException conflict)
        {
            throw await CreateConflictAsync("Clear", grainKey, stateName, expectedETag, conflict, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AmazonDynamoDBException or HttpRequestException)
        {
            DynamoDbGrainStorageLog.OperationFailed(_logger, exception, "Clear", Name, grainKey, stateName);
            throw;
        }
    }

    /// <summary>
    /// Sets the condition that makes a write or clear succeed only over the state the caller last saw: no live item
    /// for a null ETag, otherwise an item whose ETag equals the caller's.
    /// </summary>
    /// <summary>
    /// Builds the condition that makes a write or clear succeed only over the state the caller last saw: no live item
    /// for a null ETag, otherwise an item whose ETag equals the caller's.
    /// </summary>
    private static (string Condition, Dictionary<string, string> Names, Dictionary<string, AttributeValue>? Values)
        CreateCondition(string? expectedETag)
    {
        if (expectedETag is null)
        {
            return (ConditionNoLiveItem, new() { ["#payload"] = DynamoDbGrainTable.Payload }, null);
        }

        return (
            ConditionETagMatches,
            new() { ["#etag"] = DynamoDbGrainTable.ETag },
            new() { [":expected"] = new AttributeValue { S = expectedETag } });
    }

    private async Task<InconsistentStateException> CreateConflictAsync(
        string operation,
        string grainKey,
        string stateName,
        string? expectedETag,
        ConditionalCheckFailedException conflict,
        CancellationToken cancellationToken)
    {
        // DynamoDB returns the old item when asked to; emulators such as dynalite ignore the request, so read it.
        string? storedETag;
        if (conflict.Item is { Count: > 0 } oldItem)
        {
            storedETag = oldItem.TryGetValue(DynamoDbGrainTable.ETag, out var value) ? value.S : null;
        }
        else
        {
            storedETag = await ReadStoredETagAsync(grainKey, stateName, cancellationToken).ConfigureAwait(false);
        }

        DynamoDbGrainStorageLog.ETagConflict(_logger, operation, Name, grainKey, stateName, storedETag, expectedETag);
        return new InconsistentStateException(
            $"{operation} of grain {grainKey}, state '{stateName}' in DynamoDB grain storage '{Name}' was rejected: "
            + $"the stored ETag is {storedETag ?? "(none)"} and the caller's ETag is {expectedETag ?? "(none)"}.",
            storedETag ?? string.Empty,
            expectedETag ?? string.Empty,
            conflict);
    }

    private async Task<string?> ReadStoredETagAsync(string grainKey, string stateName, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest
            {
                TableName = _options.TableName,
                Key = CreateKey(grainKey, stateName),
                ConsistentRead = true,
                ProjectionExpression = "#etag",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#etag"] = DynamoDbGrainTable.ETag },
            },
            cancellationToken).ConfigureAwait(false);
        return response?.Item is { } item && item.TryGetValue(DynamoDbGrainTable.ETag, out var value) ? value.S : null;
    }

    private void AddExpiry(Dictionary<string, AttributeValue> item)
    {
        if (_options.TimeToLive is not { } lifetime)
        {
            return;
        }

        var expiresAt = DateTimeOffset.UtcNow.Add(lifetime).ToUnixTimeSeconds();
        item[_options.TimeToLiveAttributeName] = new AttributeValue
        {
            N = expiresAt.ToString(CultureInfo.InvariantCulture),
        };
    }

    private Dictionary<string, AttributeValue> CreateKey(string grainKey, string stateName) => new(StringComparer.Ordinal)
    {
        [DynamoDbGrainTable.GrainKey] = new AttributeValue { S = DynamoDbGrainTable.FormatGrainKey(_serviceId, grainKey) },
        [DynamoDbGrainTable.StateName] = new AttributeValue { S = stateName },
    };

    private ValueTask EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return EnsureStartedAsync(cancellationToken);
    }

    private static string NewETag() => Guid.NewGuid().ToString("N");
}
