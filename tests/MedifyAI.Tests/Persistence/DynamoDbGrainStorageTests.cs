using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using MedifyAI.Persistence.DynamoDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;

namespace MedifyAI.Tests.Persistence;

/// <summary>
/// Runs the conformance suite against <see cref="DynamoDbGrainStorage"/> on dynalite, plus the DynamoDB-specific
/// checks: compression, the item size limit, table creation, TTL and option validation.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbGrainStorageTests(DynaliteFixture dynalite) : GrainStorageConformanceTests
{
    /// <summary>Table shared by the storage tests; created by the first provider that starts.</summary>
    public const string TableName = "conformance-grains";

    private const string ServiceId = "dynamodb-tests";

    protected override async Task<IGrainStorage> CreateStorageAsync() => await OpenStorageAsync(dynalite);

    /// <summary>Opens an initialised provider on dynalite with its own client, which it disposes on stop.</summary>
    public static async Task<DynamoDbGrainStorage> OpenStorageAsync(
        DynaliteFixture dynalite,
        Action<DynamoDbGrainStorageOptions>? configure = null,
        string serviceId = ServiceId)
    {
        var options = new DynamoDbGrainStorageOptions
        {
            TableName = TableName,
            CreateTableIfNotExists = true,
            GrainStorageSerializer = GrainStorageTestServices.Serializer,
        };
        configure?.Invoke(options);

        var storage = new DynamoDbGrainStorage(
            "dynamodb",
            options,
            dynalite.CreateClient(),
            disposeClient: true,
            Options.Create(new ClusterOptions { ServiceId = serviceId }),
            GrainStorageTestServices.ActivatorProvider,
            NullLogger<DynamoDbGrainStorage>.Instance);
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }

    [Fact]
    public async Task Conflict_CarriesStoredAndCallerETags()
    {
        var grainId = NewGrainId();
        var state = NewState(CreateSampleState("v1"));
        await Storage.WriteStateAsync(StateName, grainId, state);
        var firstETag = state.ETag;
        await Storage.WriteStateAsync(StateName, grainId, state);

        var stale = NewState(CreateSampleState("stale"));
        stale.ETag = firstETag;
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grainId, stale));

        Assert.Equal(state.ETag, conflict.StoredEtag);
        Assert.Equal(firstETag, conflict.CurrentEtag);
        Assert.Contains(grainId.ToString(), conflict.Message);
    }

    [Fact]
    public async Task ServiceIds_AreIndependent()
    {
        var grainId = NewGrainId();
        await Storage.WriteStateAsync(StateName, grainId, NewState(CreateSampleState("service A")));

        // A '/' in the service id must not let it collide with another service's keys.
        await using var otherService = await OpenStorageAsync(dynalite, serviceId: "dynamodb-tests/conformance");
        var read = new ConformanceGrainState();
        await otherService.ReadStateAsync(StateName, grainId, read);
        Assert.False(read.RecordExists);

        await otherService.WriteStateAsync(StateName, grainId, NewState(CreateSampleState("service B")));
        Assert.Equal("service A", (await ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public async Task CompressiblePayload_IsCompressedAndRoundTrips()
    {
        var grainId = NewGrainId();
        var large = CreateSampleState("compressible");

        // About 1.1 MB of repetitive text: far over the item limit unless it is compressed.
        large.Items = Enumerable.Range(0, 20_000).Select(i => $"turn {i}: patient reports a mild headache").ToList();
        var serializedLength = GrainStorageTestServices.Serializer.Serialize(large).Length;
        Assert.True(serializedLength > DynamoDbItemSize.MaxItemSize, $"Serialized state is only {serializedLength} bytes.");

        await Storage.WriteStateAsync(StateName, grainId, NewState(large));

        var item = await GetRawItemAsync(grainId);
        Assert.Equal("br", item[DynamoDbGrainTable.Compression].S);
        Assert.True(item[DynamoDbGrainTable.Payload].B.Length < serializedLength / 4);
        var read = await ReadAsync(grainId);
        Assert.Equal(large.Items, read.State.Items);
        Assert.Equal(large.Text, read.State.Text);
    }

    [Fact]
    public async Task SmallPayload_IsStoredUncompressed()
    {
        var grainId = NewGrainId();

        await Storage.WriteStateAsync(StateName, grainId, NewState(CreateSampleState("small")));

        var item = await GetRawItemAsync(grainId);
        Assert.False(item.ContainsKey(DynamoDbGrainTable.Compression));
        Assert.Equal("small", (await ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public async Task TooLargeItem_ThrowsNamingGrainAndSize()
    {
        var grainId = NewGrainId();
        var state = NewState(CreateSampleState("kept"));
        await Storage.WriteStateAsync(StateName, grainId, state);

        // Random bytes do not compress, so 500 KB stays over the 400 KB limit.
        state.State.Blob = new byte[500 * 1024];
        new Random(7).NextBytes(state.State.Blob);
        var error = await Assert.ThrowsAsync<DynamoDbItemTooLargeException>(
            () => Storage.WriteStateAsync(StateName, grainId, state));

        Assert.Equal(grainId.ToString(), error.GrainId);
        Assert.Equal(StateName, error.StateName);
        Assert.True(error.ItemSize > 500 * 1024, $"ItemSize is {error.ItemSize}.");
        Assert.Equal(409_600, error.MaxItemSize);
        Assert.Contains(grainId.ToString(), error.Message);
        Assert.Contains(error.ItemSize.ToString(), error.Message);
        Assert.Equal("kept", (await ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public void ItemSize_CountsAttributeNamesAndValues()
    {
        Assert.Equal(1 + 3, DynamoDbItemSize.Measure(Item(("a", new AttributeValue { S = "xyz" }))));

        // Names and strings count UTF-8 bytes: "Ü" and "é" are two bytes each.
        Assert.Equal(3 + 2, DynamoDbItemSize.Measure(Item(("Üa", new AttributeValue { S = "é" }))));
        Assert.Equal(7 + 10, DynamoDbItemSize.Measure(Item(("Payload", new AttributeValue { B = new MemoryStream(new byte[10]) }))));

        // Five significant digits: three bytes for the digit pairs plus two.
        Assert.Equal(3 + 5, DynamoDbItemSize.Measure(Item(("ttl", new AttributeValue { N = "12345" }))));
        Assert.Equal(
            1 + 3 + 3 + 2,
            DynamoDbItemSize.Measure(Item(("a", new AttributeValue { S = "xyz" }), ("Üa", new AttributeValue { S = "é" }))));
    }

    [Fact]
    public async Task ItemSize_MatchesServerLimit()
    {
        using var client = dynalite.CreateClient();
        var atLimit = ItemOfSize(DynamoDbItemSize.MaxItemSize);
        var overLimit = ItemOfSize(DynamoDbItemSize.MaxItemSize + 1);
        Assert.Equal(DynamoDbItemSize.MaxItemSize, DynamoDbItemSize.Measure(atLimit));
        Assert.Equal(DynamoDbItemSize.MaxItemSize + 1, DynamoDbItemSize.Measure(overLimit));

        await client.PutItemAsync(new PutItemRequest { TableName = TableName, Item = atLimit });
        var rejected = await Assert.ThrowsAsync<AmazonDynamoDBException>(
            () => client.PutItemAsync(new PutItemRequest { TableName = TableName, Item = overLimit }));
        Assert.Contains("size", rejected.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MissingTable_IsCreatedOnDemand()
    {
        var tableName = "created-" + Guid.NewGuid().ToString("N");

        await using (var storage = await OpenStorageAsync(dynalite, options => options.TableName = tableName))
        {
            await storage.WriteStateAsync(StateName, NewGrainId(), NewState(CreateSampleState("first")));
        }

        using var client = dynalite.CreateClient();
        var table = (await client.DescribeTableAsync(tableName)).Table;
        Assert.Equal(TableStatus.ACTIVE, table.TableStatus);
        Assert.Equal(BillingMode.PAY_PER_REQUEST, table.BillingModeSummary?.BillingMode);
        Assert.Contains(table.KeySchema, key => key.AttributeName == "GrainKey" && key.KeyType == KeyType.HASH);
        Assert.Contains(table.KeySchema, key => key.AttributeName == "StateName" && key.KeyType == KeyType.RANGE);
    }

    [Fact]
    public async Task MissingTable_WithoutCreate_FailsStart()
    {
        var tableName = "absent-" + Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OpenStorageAsync(
            dynalite,
            options =>
            {
                options.TableName = tableName;
                options.CreateTableIfNotExists = false;
            }));

        Assert.Contains(tableName, error.Message);
        Assert.Contains("CreateTableIfNotExists", error.Message);
    }

    [Fact]
    public async Task TimeToLive_IsWrittenWhenConfigured()
    {
        var lifetime = TimeSpan.FromDays(30);
        await using var storage = await OpenStorageAsync(dynalite, options =>
        {
            options.TimeToLive = lifetime;
            options.TimeToLiveAttributeName = "Expiry";
        });
        var grainId = NewGrainId();
        var state = NewState(CreateSampleState("expiring"));

        await storage.WriteStateAsync(StateName, grainId, state);
        var expected = DateTimeOffset.UtcNow.Add(lifetime).ToUnixTimeSeconds();
        var written = long.Parse((await GetRawItemAsync(grainId))["Expiry"].N);
        Assert.InRange(written, expected - 60, expected + 60);

        await storage.ClearStateAsync(StateName, grainId, state);
        Assert.True((await GetRawItemAsync(grainId)).ContainsKey("Expiry"), "The tombstone has no expiry.");
    }

    [Fact]
    public async Task TimeToLive_IsAbsentByDefault()
    {
        var grainId = NewGrainId();

        await Storage.WriteStateAsync(StateName, grainId, NewState(CreateSampleState("forever")));

        var item = await GetRawItemAsync(grainId);
        Assert.Equal(
            ["ETag", "GrainKey", "Payload", "StateName"],
            item.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [InlineData("TableName", "ab", "TableName 'ab' is not a valid DynamoDB table name")]
    [InlineData("TableName", "grains table", "TableName 'grains table'")]
    [InlineData("ServiceUrl", "127.0.0.1:4567", "ServiceUrl '127.0.0.1:4567' is not an absolute http or https URL")]
    [InlineData("Region", "Europe", "Region 'Europe' is not an AWS region name")]
    [InlineData("CompressionThreshold", "-1", "CompressionThreshold is -1")]
    [InlineData("TableActiveTimeout", "0", "TableActiveTimeout is 00:00:00")]
    [InlineData("TimeToLive", "-1", "TimeToLive is -1.00:00:00")]
    [InlineData("TimeToLiveAttributeName", "Payload", "TimeToLiveAttributeName 'Payload' is an attribute")]
    [InlineData("TimeToLiveAttributeName", "", "TimeToLiveAttributeName '' is empty")]
    public void Validator_RejectsInvalidSetting(string setting, string value, string expectedMessage)
    {
        var options = ValidOptions();
        switch (setting)
        {
            case "TableName": options.TableName = value; break;
            case "ServiceUrl": options.ServiceUrl = value; break;
            case "Region": options.Region = value; break;
            case "CompressionThreshold": options.CompressionThreshold = int.Parse(value); break;
            case "TableActiveTimeout": options.TableActiveTimeout = TimeSpan.FromSeconds(int.Parse(value)); break;
            case "TimeToLive": options.TimeToLive = TimeSpan.FromDays(int.Parse(value)); break;
            case "TimeToLiveAttributeName": options.TimeToLiveAttributeName = value; break;
        }

        var error = Assert.Throws<OrleansConfigurationException>(
            () => new DynamoDbGrainStorageOptionsValidator(options, "store").ValidateConfiguration());

        Assert.Contains(expectedMessage, error.Message);
        Assert.Contains("'store'", error.Message);
    }

    [Fact]
    public void Validator_AcceptsValidSettings()
    {
        var options = ValidOptions();
        options.ServiceUrl = "http://127.0.0.1:4567";
        options.Region = "eu-west-1";
        options.TimeToLive = TimeSpan.FromDays(90);
        options.CompressionThreshold = 0;

        new DynamoDbGrainStorageOptionsValidator(options, "store").ValidateConfiguration();
    }

    private static DynamoDbGrainStorageOptions ValidOptions() => new()
    {
        TableName = "MedifyAIGrainState",
        GrainStorageSerializer = GrainStorageTestServices.Serializer,
    };

    private static Dictionary<string, AttributeValue> Item(params (string Name, AttributeValue Value)[] attributes) =>
        attributes.ToDictionary(attribute => attribute.Name, attribute => attribute.Value);

    /// <summary>Builds an item of ASCII attributes whose size is exactly <paramref name="size"/> bytes.</summary>
    private static Dictionary<string, AttributeValue> ItemOfSize(int size)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["GrainKey"] = new() { S = "limit/" + Guid.NewGuid().ToString("N") },
            ["StateName"] = new() { S = "limit" },
        };
        var used = DynamoDbItemSize.Measure(item) + Encoding.UTF8.GetByteCount("Payload");
        item["Payload"] = new AttributeValue { B = new MemoryStream(new byte[size - used]) };
        return item;
    }

    private async Task<Dictionary<string, AttributeValue>> GetRawItemAsync(GrainId grainId)
    {
        using var client = dynalite.CreateClient();
        var response = await client.GetItemAsync(new GetItemRequest
        {
            TableName = TableName,
            Key = new Dictionary<string, AttributeValue>
            {
                ["GrainKey"] = new() { S = $"{ServiceId}/{grainId}" },
                ["StateName"] = new() { S = StateName },
            },
            ConsistentRead = true,
        });
        return response.Item ?? throw new InvalidOperationException($"No item for grain {grainId}.");
    }
}
