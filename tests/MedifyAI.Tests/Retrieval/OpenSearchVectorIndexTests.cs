using System.Globalization;
using System.Net;
using Amazon.Runtime;
using MedifyAI.Retrieval;
using MedifyAI.Retrieval.OpenSearch;
using MedifyAI.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MedifyAI.Tests.Retrieval;

/// <summary><see cref="OpenSearchVectorIndex"/> against the fake OpenSearch, which checks the wire shapes.</summary>
public sealed class OpenSearchVectorIndexTests : IAsyncLifetime
{
    private const int Dimension = 4;
    private const string IndexName = "test-chunks";

    private FakeOpenSearch _fake = null!;
    private ServiceProvider _services = null!;
    private OpenSearchVectorIndex _index = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeOpenSearch.StartAsync();
        (_services, _index) = Build();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task EnsureCreated_SendsKnnMapping()
    {
        await _index.EnsureCreatedAsync(CancellationToken.None);

        var chunks = _fake.Indexes[IndexName];
        Assert.True(chunks.Body["settings"]!["index"]!["knn"]!.GetValue<bool>());
        Assert.Equal(("vector", Dimension, "innerproduct", "faiss"), chunks.VectorField);
        Assert.True(_fake.Indexes.ContainsKey(IndexName + "-checkpoints"));
        Assert.Empty(_fake.Rejections);

        // A second instance sees the indexes with HEAD and does not create them again.
        var (services, second) = Build();
        await using (services)
        {
            await second.EnsureCreatedAsync(CancellationToken.None);
        }

        Assert.Equal(2, _fake.RequestLines.Count(line => line.StartsWith("PUT ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Upsert_SearchFiltersByDataset()
    {
        await _index.UpsertAsync(
            [Chunk("a-1", "alpha", [1, 0, 0, 0]), Chunk("a-2", "alpha", [0.6f, 0.8f, 0, 0]), Chunk("b-1", "beta", [1, 0, 0, 0])],
            null,
            CancellationToken.None);

        var all = await _index.SearchAsync(new float[] { 1, 0, 0, 0 }, 3, null, includeText: true, CancellationToken.None);
        var alpha = await _index.SearchAsync(new float[] { 1, 0, 0, 0 }, 3, "alpha", includeText: false, CancellationToken.None);

        Assert.Equal(3, all.Count);
        Assert.Equal(["a-1", "a-2"], alpha.Select(m => m.ChunkId).ToArray());
        Assert.All(alpha, match => Assert.Equal("alpha", match.Dataset));
        Assert.All(alpha, match => Assert.Equal(string.Empty, match.Text));
        Assert.Equal("text of a-1", all.Single(m => m.ChunkId == "a-1").Text);
        Assert.Equal(1.0, alpha[0].Score, 6);
        Assert.Equal(0.6, alpha[1].Score, 6);
        Assert.Equal(42.5, alpha[0].AgeYears);
        Assert.Empty(_fake.Rejections);
    }

    [Theory]
    [InlineData("cosinesimil")]
    [InlineData("innerproduct")]
    [InlineData("l2")]
    public async Task Search_ScoreConvertedToCosine(string spaceType)
    {
        var (services, index) = Build(spaceType: spaceType, indexName: "space-" + spaceType);
        await using var _ = services;
        float[] query = [0.6f, 0.8f, 0, 0];
        await index.UpsertAsync(
            [Chunk("same", "s", query), Chunk("orthogonal", "s", [0.8f, -0.6f, 0, 0]), Chunk("opposite", "s", [-0.6f, -0.8f, 0, 0])],
            null,
            CancellationToken.None);

        var matches = await index.SearchAsync(query, 3, "s", includeText: false, CancellationToken.None);

        Assert.Equal(["same", "orthogonal", "opposite"], matches.Select(m => m.ChunkId).ToArray());
        Assert.Equal(1.0, matches[0].Score, 5);
        Assert.Equal(0.0, matches[1].Score, 5);
        Assert.Equal(-1.0, matches[2].Score, 5);
    }

    [Fact]
    public async Task Delete_ByIdAndByDataset()
    {
        await _index.UpsertAsync(
            [Chunk("a-1", "alpha", [1, 0, 0, 0]), Chunk("a-2", "alpha", [0, 1, 0, 0]), Chunk("b-1", "beta", [0, 0, 1, 0])],
            null,
            CancellationToken.None);

        var deleted = await _index.DeleteAsync(["a-1", "missing"], CancellationToken.None);
        Assert.Equal(1, deleted);
        Assert.Equal(2, await _index.CountAsync(null, CancellationToken.None));
        Assert.Equal(1, await _index.CountAsync("alpha", CancellationToken.None));

        var deletedDataset = await _index.DeleteDatasetAsync("beta", CancellationToken.None);
        Assert.Equal(1, deletedDataset);
        Assert.Equal(0, await _index.CountAsync("beta", CancellationToken.None));
        Assert.Equal(1, await _index.CountAsync(null, CancellationToken.None));
        Assert.Equal(1, _index.Count());
        Assert.Equal(0, _index.Count("beta"));
        Assert.Equal(1, await _index.CountAsync("alpha", CancellationToken.None));
        Assert.Equal(1, _index.Count("alpha"));
        Assert.Empty(_fake.Rejections);
    }

    [Fact]
    public async Task Upsert_RepeatedIdKeepsLastVersion()
    {
        var first = Chunk("a-1", "alpha", [1, 0, 0, 0]);
        var second = first with { Text = "second version", Vector = new float[] { 0, 1, 0, 0 } };

        await _index.UpsertAsync([first, second], null, CancellationToken.None);

        var matches = await _index.SearchAsync(new float[] { 0, 1, 0, 0 }, 1, null, includeText: true, CancellationToken.None);
        Assert.Equal(1, _fake.DocumentCount(IndexName));
        Assert.Equal("second version", matches[0].Text);
        Assert.Equal(1.0, matches[0].Score, 6);
    }

    [Fact]
    public async Task Checkpoint_RoundTrips()
    {
        Assert.Null(await _index.GetCheckpointAsync("alpha", "run/1", CancellationToken.None));

        await _index.UpsertAsync([Chunk("a-1", "alpha", [1, 0, 0, 0])], new IndexCheckpoint("alpha", "run/1", 17, "{\"x\":1}"), CancellationToken.None);
        await _index.UpsertAsync([], new IndexCheckpoint("alpha", "run/1", 18, "{\"x\":2}"), CancellationToken.None);

        var checkpoint = await _index.GetCheckpointAsync("alpha", "run/1", CancellationToken.None);
        Assert.Equal(new IndexCheckpoint("alpha", "run/1", 18, "{\"x\":2}"), checkpoint);
        Assert.Null(await _index.GetCheckpointAsync("alpha", "run/2", CancellationToken.None));
        Assert.Empty(_fake.Rejections);
    }

    [Theory]
    [InlineData(FakeOpenSearchFault.Throttling)]
    [InlineData(FakeOpenSearchFault.ServiceUnavailable)]
    public async Task Upsert_ThrottlingAndServerErrorRetried(FakeOpenSearchFault fault)
    {
        await _index.EnsureCreatedAsync(CancellationToken.None);
        _fake.EnqueueFault(fault);
        _fake.EnqueueFault(fault);

        await _index.UpsertAsync([Chunk("a-1", "alpha", [1, 0, 0, 0])], null, CancellationToken.None);

        Assert.Equal(1, _fake.DocumentCount(IndexName));
        Assert.Equal(3, _fake.RequestLines.Count(line => line == "POST /_bulk"));
    }

    [Fact]
    public async Task Upsert_PartialBulkFailureRetriedAndCounted()
    {
        await _index.EnsureCreatedAsync(CancellationToken.None);
        _fake.EnqueueFault(FakeOpenSearchFault.PartialBulkFailure);

        await _index.UpsertAsync(
            [Chunk("a-1", "alpha", [1, 0, 0, 0]), Chunk("a-2", "alpha", [0, 1, 0, 0]), Chunk("a-3", "alpha", [0, 0, 1, 0])],
            null,
            CancellationToken.None);

        // Items 0 and 2 failed with 429 in the first reply, so the retry carried exactly those two.
        Assert.Equal(2, _index.BulkItemRetries);
        Assert.Equal(3, _fake.DocumentCount(IndexName));
        Assert.Equal(2, _fake.RequestLines.Count(line => line == "POST /_bulk"));
    }

    [Fact]
    public async Task Upsert_PersistentThrottlingFailsAfterRetries()
    {
        await _index.EnsureCreatedAsync(CancellationToken.None);
        for (var i = 0; i < 4; i++)
        {
            _fake.EnqueueFault(FakeOpenSearchFault.Throttling);
        }

        var error = await Assert.ThrowsAsync<OpenSearchException>(
            () => _index.UpsertAsync([Chunk("a-1", "alpha", [1, 0, 0, 0])], null, CancellationToken.None));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal("es_rejected_execution_exception", error.ErrorType);
    }

    [Fact]
    public async Task Upsert_MappingErrorRaisedWithoutRetry()
    {
        await _index.EnsureCreatedAsync(CancellationToken.None);
        _fake.EnqueueFault(FakeOpenSearchFault.MappingError);

        var error = await Assert.ThrowsAsync<OpenSearchException>(
            () => _index.UpsertAsync([Chunk("a-1", "alpha", [1, 0, 0, 0])], null, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("mapper_parsing_exception", error.ErrorType);
        Assert.Single(_fake.RequestLines, line => line == "POST /_bulk");
    }

    [Fact]
    public async Task Search_RequestErrorRaisedAsOpenSearchException()
    {
        // The fake rejects a query vector whose length differs from the mapping, as OpenSearch does with 400.
        var (services, index) = Build(dimension: Dimension + 1);
        await using var _ = services;
        await _index.EnsureCreatedAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<OpenSearchException>(
            () => index.SearchAsync(new float[Dimension + 1], 1, null, includeText: false, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("illegal_argument_exception", error.ErrorType);
    }

    [Fact]
    public async Task Request_TimeoutRetriedThenReported()
    {
        // Only this test uses a short timeout, because a loaded machine can delay ordinary replies past it.
        var (services, index) = Build(timeout: "00:00:00.300");
        await using var _ = services;
        _fake.SlowResponseDelay = TimeSpan.FromSeconds(3);
        await index.EnsureCreatedAsync(CancellationToken.None);
        _fake.EnqueueFault(FakeOpenSearchFault.SlowResponse);

        Assert.Equal(0, await index.CountAsync(null, CancellationToken.None));

        for (var i = 0; i < 4; i++)
        {
            _fake.EnqueueFault(FakeOpenSearchFault.SlowResponse);
        }

        var error = await Assert.ThrowsAsync<OpenSearchException>(() => index.CountAsync(null, CancellationToken.None));
        Assert.Null(error.StatusCode);
        Assert.Equal("timeout", error.ErrorType);
    }

    [Fact]
    public async Task Request_WrongSecretRejectedBySignatureCheck()
    {
        var (services, index) = Build(secretKey: "not-the-secret");
        await using var _ = services;

        var error = await Assert.ThrowsAsync<OpenSearchException>(() => index.EnsureCreatedAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains(_fake.Rejections, r => r.Contains("signature", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SearchText_FiltersByDataset()
    {
        var pneumonia = Chunk("a-1", "alpha", [1, 0, 0, 0]) with { Text = "Fever with productive cough and pleuritic pain" };
        var rash = Chunk("a-2", "alpha", [0, 1, 0, 0]) with { Text = "Itchy red rash on both forearms" };
        var otherDataset = Chunk("b-1", "beta", [1, 0, 0, 0]) with { Text = "Cough and fever in a child" };
        await _index.UpsertAsync([pneumonia, rash, otherDataset], null, CancellationToken.None);

        var all = await _index.SearchTextAsync("a cough AND (fever)!", 5, null, includeText: true, CancellationToken.None);
        var alpha = await _index.SearchTextAsync("cough fever", 5, "alpha", includeText: false, CancellationToken.None);
        var none = await _index.SearchTextAsync("the of and", 5, null, includeText: true, CancellationToken.None);

        Assert.Equal(["a-1", "b-1"], all.Select(m => m.ChunkId).Order().ToArray());
        Assert.Equal(["a-1"], alpha.Select(m => m.ChunkId).ToArray());
        Assert.Equal(string.Empty, alpha[0].Text);
        Assert.True(alpha[0].Score > 0);
        Assert.Empty(none);
        Assert.Empty(_fake.Rejections);
        var query = _fake.SearchBodies.Last(body => body.Contains("\"match\"", StringComparison.Ordinal));
        Assert.Contains("\"query\":\"cough fever\"", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchText_UnindexedTextReportsMappingError()
    {
        // An index created before the text field was analysed: OpenSearch cannot search it and reports the mapping error.
        var legacy = IndexName + "-legacy";
        _fake.CreateIndex(legacy, """
            {"settings":{"index":{"knn":true}},"mappings":{"properties":{
              "vector":{"type":"knn_vector","dimension":4,"method":{"name":"hnsw","engine":"faiss","space_type":"innerproduct"}},
              "dataset":{"type":"keyword"},"text":{"type":"text","index":false}}}}
            """);
        _fake.CreateIndex(legacy + "-checkpoints", """{"mappings":{"properties":{"dataset":{"type":"keyword"}}}}""");
        var (services, index) = Build(indexName: legacy);
        await using (services)
        {
            var error = await Assert.ThrowsAsync<OpenSearchException>(
                () => index.SearchTextAsync("persistent cough", 5, null, includeText: false, CancellationToken.None));

            Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
            Assert.Equal("query_shard_exception", error.ErrorType);
            Assert.Contains("query_shard_exception", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("cough", error.Message, StringComparison.Ordinal);
        }
    }

    private static IndexedChunk Chunk(string id, string dataset, float[] vector) => new()
    {
        ChunkId = id,
        Dataset = dataset,
        RecordId = "record-" + id,
        Kind = ReferenceKind.PatientCase,
        Text = "text of " + id,
        Vector = vector,
        Title = "title " + id,
        AgeYears = 42.5,
        Gender = "F",
    };

    private (ServiceProvider Services, OpenSearchVectorIndex Index) Build(
        string spaceType = "innerproduct",
        string indexName = IndexName,
        int dimension = Dimension,
        string secretKey = FakeOpenSearch.SecretKey,
        string timeout = "00:00:10")
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MedifyAI:OpenSearch:Endpoint"] = _fake.BaseUrl.ToString(),
                ["MedifyAI:OpenSearch:Region"] = FakeOpenSearch.Region,
                ["MedifyAI:OpenSearch:IndexName"] = indexName,
                ["MedifyAI:OpenSearch:Dimension"] = dimension.ToString(CultureInfo.InvariantCulture),
                ["MedifyAI:OpenSearch:SpaceType"] = spaceType,
                ["MedifyAI:OpenSearch:BulkBatchSize"] = "50",
                ["MedifyAI:OpenSearch:MaxRetryAttempts"] = "3",
                ["MedifyAI:OpenSearch:RetryBaseDelay"] = "00:00:00.010",
                ["MedifyAI:OpenSearch:Timeout"] = timeout,
            })
            .Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<AWSCredentials>(new BasicAWSCredentials(FakeOpenSearch.AccessKey, secretKey));
        services.AddOpenSearchVectorIndex(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return (provider, provider.GetRequiredService<OpenSearchVectorIndex>());
    }
}
