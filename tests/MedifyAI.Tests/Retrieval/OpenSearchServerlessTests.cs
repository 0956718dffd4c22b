using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using MedifyAI.Api.Datasets;
using MedifyAI.Aws;
using MedifyAI.Datasets;
using MedifyAI.Retrieval;
using MedifyAI.Retrieval.OpenSearch;
using MedifyAI.Tests.Fakes;
using MedifyAI.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MedifyAI.Tests.Retrieval;

/// <summary>
/// <see cref="OpenSearchVectorIndex"/> with <c>Service = aoss</c> against the fake in Serverless mode, which rejects
/// custom document ids, <c>_refresh</c>, <c>_delete_by_query</c> and requests without a signed content hash.
/// </summary>
public sealed class OpenSearchServerlessTests : IAsyncLifetime
{
    private const int Dimension = 4;
    private const string IndexName = "aoss-chunks";

    private FakeOpenSearch _fake = null!;
    private ServiceProvider _services = null!;
    private OpenSearchVectorIndex _index = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeOpenSearch.StartAsync(FakeOpenSearchMode.Serverless);
        (_services, _index) = Build();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task Serverless_UpsertSearchDeleteWithoutCustomIds()
    {
        await _index.UpsertAsync(
            [Chunk("a-1", "alpha", [1, 0, 0, 0]), Chunk("a-2", "alpha", [0, 1, 0, 0]), Chunk("b-1", "beta", [0, 0, 1, 0])],
            new IndexCheckpoint("alpha", "run-1", 17, "{\"x\":1}"),
            CancellationToken.None);
        await _index.UpsertAsync(
            [Chunk("a-1", "alpha", [1, 0, 0, 0]) with { Text = "second version" }],
            new IndexCheckpoint("alpha", "run-1", 18, "{\"x\":2}"),
            CancellationToken.None);

        Assert.Equal(3, _fake.DocumentCount(IndexName));
        var matches = await _index.SearchAsync(new float[] { 1, 0, 0, 0 }, 2, "alpha", includeText: true, CancellationToken.None);
        Assert.Equal(["a-1", "a-2"], matches.Select(m => m.ChunkId).ToArray());
        Assert.Equal("second version", matches[0].Text);
        Assert.Equal(1.0, matches[0].Score, 6);

        Assert.Equal(new IndexCheckpoint("alpha", "run-1", 18, "{\"x\":2}"),
            await _index.GetCheckpointAsync("alpha", "run-1", CancellationToken.None));
        Assert.Null(await _index.GetCheckpointAsync("alpha", "run-2", CancellationToken.None));
        Assert.Equal(1, _fake.DocumentCount(IndexName + "-checkpoints"));

        Assert.Equal(1, await _index.DeleteAsync(["a-2", "missing"], CancellationToken.None));
        Assert.Equal(1, await _index.DeleteDatasetAsync("beta", CancellationToken.None));
        await _index.FlushAsync(CancellationToken.None);
        Assert.Equal(1, _index.Count());
        Assert.Equal(1, await _index.CountAsync("alpha", CancellationToken.None));
        Assert.Equal(0, await _index.CountAsync("beta", CancellationToken.None));

        Assert.Empty(_fake.Rejections);
        Assert.DoesNotContain(_fake.RequestLines, line => line.Contains("_refresh", StringComparison.Ordinal));
        Assert.DoesNotContain(_fake.RequestLines, line => line.Contains("_delete_by_query", StringComparison.Ordinal));
        Assert.DoesNotContain(_fake.RequestLines, line => line.Contains("/_doc/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serverless_ReadDatasetPagesInChunkIdOrder()
    {
        // 120 chunks with BulkBatchSize 50: three pages, the last one short.
        var ids = Enumerable.Range(0, 120).Select(i => $"c-{(i * 37) % 120:D3}").ToList();
        await _index.UpsertAsync([.. ids.Select(id => Chunk(id, "alpha", [1, 0, 0, 0]))], null, CancellationToken.None);
        await _index.UpsertAsync([Chunk("other", "beta", [0, 1, 0, 0])], null, CancellationToken.None);
        _fake.ResetCounters();
        var before = _fake.RequestLines.Count;

        var read = await _index.ReadDatasetAsync("alpha", CancellationToken.None).ToListAsync();

        Assert.Equal(ids.Order(StringComparer.Ordinal), read.Select(c => c.ChunkId));
        Assert.All(read, chunk => Assert.Equal("alpha", chunk.Dataset));
        Assert.Equal([1f, 0, 0, 0], read[0].Vector.ToArray());
        Assert.Equal(42.5, read[0].AgeYears);
        Assert.Equal(3, _fake.RequestLines.Skip(before).Count(line => line == $"POST /{IndexName}/_search"));
        Assert.Empty(_fake.Rejections);
    }

    [Fact]
    public async Task ServerlessFake_RejectsWhatServerlessRejects()
    {
        await _index.EnsureCreatedAsync(CancellationToken.None);
        using var signed = Client(new AwsRequestSigner(FakeOpenSearch.Region, "aoss", addContentSha256Header: true));

        var bulk = new StringContent(
            $"{{\"index\":{{\"_index\":\"{IndexName}\",\"_id\":\"custom\"}}}}\n{{\"dataset\":\"alpha\",\"vector\":[1,0,0,0]}}\n",
            Encoding.UTF8,
            "application/x-ndjson");
        using var bulkResponse = await signed.PostAsync("_bulk", bulk);
        var item = JsonNode.Parse(await bulkResponse.Content.ReadAsStringAsync())!["items"]![0]!["index"]!;
        Assert.Equal(400, item["status"]!.GetValue<int>());
        Assert.Equal("illegal_argument_exception", (string?)item["error"]!["type"]);
        Assert.Equal(FakeOpenSearch.DocumentIdNotSupported, (string?)item["error"]!["reason"]);

        using var refresh = await signed.PostAsync($"{IndexName}/_refresh", null);
        Assert.Equal(HttpStatusCode.NotFound, refresh.StatusCode);

        using var unhashed = Client(new AwsRequestSigner(FakeOpenSearch.Region, "aoss", addContentSha256Header: false));
        using var unhashedResponse = await unhashed.GetAsync(IndexName);
        Assert.Equal(HttpStatusCode.Forbidden, unhashedResponse.StatusCode);
        Assert.Contains(_fake.Rejections, r => r.StartsWith("x-amz-content-sha256", StringComparison.Ordinal));

        using var wrongService = Client(new AwsRequestSigner(FakeOpenSearch.Region, "es", addContentSha256Header: true));
        using var wrongServiceResponse = await wrongService.GetAsync(IndexName);
        Assert.Equal(HttpStatusCode.Forbidden, wrongServiceResponse.StatusCode);
        Assert.Equal(0, _fake.DocumentCount(IndexName));
    }

    [Fact]
    public async Task Serverless_IngestedSearchedAndDeletedThroughSilo()
    {
        const int dimension = 512;
        const string indexName = "aoss-pmc";
        using var data = new TempDirectory("medifyai-aoss");
        await using var host = await SiloProcessHost.StartAsync(
            data.Path,
            TestTokens.WithHostSettings(new()
            {
                ["MedifyAI:Ingestion:ProgressWriteIntervalSeconds"] = "0.2",
                ["MedifyAI:VectorIndex:Provider"] = "OpenSearch",
                ["MedifyAI:Embeddings:Lexical:Dimensions"] = dimension.ToString(CultureInfo.InvariantCulture),
                ["MedifyAI:OpenSearch:Endpoint"] = _fake.BaseUrl.ToString(),
                ["MedifyAI:OpenSearch:Region"] = FakeOpenSearch.Region,
                ["MedifyAI:OpenSearch:Service"] = "aoss",
                ["MedifyAI:OpenSearch:IndexName"] = indexName,
                ["MedifyAI:OpenSearch:Dimension"] = dimension.ToString(CultureInfo.InvariantCulture),
                ["MedifyAI:OpenSearch:RetryBaseDelay"] = "00:00:00.020",
            }),
            configure: builder => builder.Services.AddSingleton<AWSCredentials>(
                new BasicAWSCredentials(FakeOpenSearch.AccessKey, FakeOpenSearch.SecretKey)));
        TestTokens.Authorize(host.Http, "operator-1", "operator");

        var first = await DatasetApiClient.IngestAsync(host.Http, "pmc-aoss", Fixtures.PmcSlice, "pmc-patients-csv");
        var stored = _fake.DocumentCount(indexName);
        var second = await DatasetApiClient.IngestAsync(host.Http, "pmc-aoss", Fixtures.PmcSlice, "pmc-patients-csv");

        Assert.Equal(IngestionState.Completed, first.State);
        Assert.Equal(IngestionState.Completed, second.State);
        Assert.Equal(first.ChunksIndexed, stored);
        Assert.Equal(stored, _fake.DocumentCount(indexName));
        Assert.Empty(_fake.Rejections);

        var response = await host.Http.PostJsonAsync(
            "/api/search", new { query = "chest pain and shortness of breath", k = 5, dataset = "pmc-aoss" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.ReadAsync<SearchResponse>()).Results;
        Assert.Equal(5, results.Count);
        Assert.All(results, result => Assert.Equal("pmc-aoss", result.Reference.Dataset));
        Assert.All(results, result => Assert.False(string.IsNullOrWhiteSpace(result.Text)));
        Assert.Contains(results, result => result.Text.Contains("chest pain", StringComparison.OrdinalIgnoreCase));

        var index = Assert.IsType<OpenSearchVectorIndex>(host.Services.GetRequiredService<IVectorIndex>());
        Assert.Equal(stored, await index.DeleteDatasetAsync("pmc-aoss", CancellationToken.None));
        Assert.Equal(0, _fake.DocumentCount(indexName));
        Assert.Empty(_fake.Rejections);
    }

    private static IndexedChunk Chunk(string id, string dataset, float[] vector) => new()
    {
        ChunkId = id,
        Dataset = dataset,
        RecordId = "record-" + id,
        Kind = ReferenceKind.PatientCase,
        Text = "text of " + id,
        Vector = vector,
        AgeYears = 42.5,
    };

    private HttpClient Client(AwsRequestSigner signer) => new(new AwsSigningHandler(
        signer,
        () => new BasicAWSCredentials(FakeOpenSearch.AccessKey, FakeOpenSearch.SecretKey),
        TimeProvider.System) { InnerHandler = new HttpClientHandler() })
    {
        BaseAddress = _fake.BaseUrl,
    };

    private (ServiceProvider Services, OpenSearchVectorIndex Index) Build()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MedifyAI:OpenSearch:Endpoint"] = _fake.BaseUrl.ToString(),
                ["MedifyAI:OpenSearch:Region"] = FakeOpenSearch.Region,
                ["MedifyAI:OpenSearch:Service"] = "aoss",
                ["MedifyAI:OpenSearch:IndexName"] = IndexName,
                ["MedifyAI:OpenSearch:Dimension"] = Dimension.ToString(CultureInfo.InvariantCulture),
                ["MedifyAI:OpenSearch:BulkBatchSize"] = "50",
                ["MedifyAI:OpenSearch:RetryBaseDelay"] = "00:00:00.010",
            })
            .Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<AWSCredentials>(new BasicAWSCredentials(FakeOpenSearch.AccessKey, FakeOpenSearch.SecretKey));
        services.AddOpenSearchVectorIndex(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return (provider, provider.GetRequiredService<OpenSearchVectorIndex>());
    }
}
