using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;

namespace MedifyAI.Persistence.DynamoDB;

/// <summary>
/// Attribute names of the grain state table, and the start-up check that creates or verifies it.
/// </summary>
/// <remarks>
/// Hash key <see cref="GrainKey"/> (S) is the escaped service id, a slash and the grain id; range key
/// <see cref="StateName"/> (S) is the state name. A live item also has <see cref="ETag"/> (S, a GUID),
/// <see cref="Payload"/> (B) and, when the payload is compressed, <see cref="Compression"/> (S). A tombstone has the
/// keys and the ETag but no payload.
/// </remarks>
internal static class DynamoDbGrainTable
{
    public const string GrainKey = "GrainKey";
    public const string StateName = "StateName";
    public const string ETag = "ETag";
    public const string Payload = "Payload";
    public const string Compression = "Compression";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Names the item attributes take, which the TTL attribute must not reuse.</summary>
    public static readonly IReadOnlySet<string> ReservedNames =
        new HashSet<string>(StringComparer.Ordinal) { GrainKey, StateName, ETag, Payload, Compression };

    /// <summary>
    /// Builds the hash key. The service id's '%' and '/' are percent-escaped so that the first unescaped '/' always
    /// ends it, and two service ids can never produce the same key for different grains.
    /// </summary>
    public static string FormatGrainKey(string serviceId, string grainId) =>
        serviceId.Replace("%", "%25", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal)
        + "/" + grainId;

    /// <summary>
    /// Checks that the table exists with the expected key schema, creating it first when
    /// <see cref="DynamoDbGrainStorageOptions.CreateTableIfNotExists"/> is set, and waits until it is ACTIVE.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The table is missing and may not be created, has another key schema, or did not become ACTIVE in time.
    /// </exception>
    public static async Task EnsureAsync(
        IAmazonDynamoDB client,
        DynamoDbGrainStorageOptions options,
        string providerName,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var table = await DescribeAsync(client, options.TableName, cancellationToken).ConfigureAwait(false);
        if (table is null)
        {
            if (!options.CreateTableIfNotExists)
            {
                throw new InvalidOperationException(
                    $"DynamoDB table '{options.TableName}' of grain storage '{providerName}' was not found. Create it "
                    + $"with hash key {GrainKey} (S) and range key {StateName} (S), or set "
                    + $"{nameof(DynamoDbGrainStorageOptions.CreateTableIfNotExists)} to true.");
            }

            await CreateAsync(client, options.TableName, cancellationToken).ConfigureAwait(false);
            DynamoDbGrainStorageLog.TableCreated(logger, options.TableName, providerName);
        }
        else
        {
            VerifyKeySchema(table, providerName);
        }

        await WaitUntilActiveAsync(client, options, providerName, cancellationToken).ConfigureAwait(false);
    }

    private static async Task CreateAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        var request = new CreateTableRequest
        {
            TableName = tableName,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema =
            [
                new KeySchemaElement(GrainKey, KeyType.HASH),
                new KeySchemaElement(StateName, KeyType.RANGE),
            ],
            AttributeDefinitions =
            [
                new AttributeDefinition(GrainKey, ScalarAttributeType.S),
                new AttributeDefinition(StateName, ScalarAttributeType.S),
            ],
        };

        try
        {
            await client.CreateTableAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
            // Another silo created it between the describe and the create; the wait below covers both cases.
        }
    }

    private static async Task WaitUntilActiveAsync(
        IAmazonDynamoDB client,
        DynamoDbGrainStorageOptions options,
        string providerName,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.TableActiveTimeout);
        string? status = null;
        try
        {
            while (true)
            {
                var table = await DescribeAsync(client, options.TableName, timeout.Token).ConfigureAwait(false);
                status = table?.TableStatus?.Value;
                if (status == TableStatus.ACTIVE.Value)
                {
                    return;
                }

                await Task.Delay(PollInterval, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"DynamoDB table '{options.TableName}' of grain storage '{providerName}' did not become ACTIVE within "
                + $"{options.TableActiveTimeout} (last status: {status ?? "not found"}). Check the table in the "
                + $"console, or raise {nameof(DynamoDbGrainStorageOptions.TableActiveTimeout)}.");
        }
    }

    private static async Task<TableDescription?> DescribeAsync(
        IAmazonDynamoDB client,
        string tableName,
        CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.DescribeTableAsync(tableName, cancellationToken).ConfigureAwait(false);
            return response?.Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    private static void VerifyKeySchema(TableDescription table, string providerName)
    {
        var keys = table.KeySchema ?? [];
        var hash = keys.FirstOrDefault(key => key.KeyType == KeyType.HASH)?.AttributeName;
        var range = keys.FirstOrDefault(key => key.KeyType == KeyType.RANGE)?.AttributeName;
        if (hash != GrainKey || range != StateName)
        {
            throw new InvalidOperationException(
                $"DynamoDB table '{table.TableName}' of grain storage '{providerName}' has hash key '{hash}' and range "
                + $"key '{range ?? "(none)"}'; this provider needs hash key {GrainKey} and range key {StateName}. "
                + $"Point {nameof(DynamoDbGrainStorageOptions.TableName)} at another table.");
        }
    }
}
