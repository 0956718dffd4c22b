using System.Globalization;
using System.Net;
using Amazon.Runtime;
using MedifyAI.Datasets;
using MedifyAI.Retrieval;
using MedifyAI.Sessions;
using MedifyAI.Tests.Fakes;
using MedifyAI.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MedifyAI.Tests.Retrieval;

/// <summary>
/// The production retrieval path through the real host: SageMaker embeddings (separate passage and query
/// endpoints) into OpenSearch, with rank fusion on, each service a loopback fake signed with one key pair.
/// </summary>
public sealed class ProductionRetrievalTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Dimension = 64;
    private const string IndexName = "medifyai-production-chunks";

    private readonly TempDirectory _data = new("medifyai-production-retrieval");
    private FakeOpenSearch _openSearch = null!;
    private FakeSageMakerRuntime _sageMaker = null!;
    private SiloProcessHost _host = null!;

    public async Task InitializeAsync()
    {
        _openSearch = await FakeOpenSearch.StartAsync();
        _sageMaker = await FakeSageMakerRuntime.StartAsync();
        _sageMaker.EmbeddingDimensions = Dimension;
        var dimension = Dimension.ToString(CultureInfo.InvariantCulture);
        _host = await SiloProcessHost.StartAsync(
            _data.Path,
            TestTokens.WithHostSettings(new()
            {
                ["MedifyAI:Embeddings:Provider"] = "SageMaker",
                ["MedifyAI:Embeddings:SageMaker:Region"] = FakeAwsAccount.Region,
                ["MedifyAI:Embeddings:SageMaker:ServiceUrl"] = _sageMaker.BaseUrl.ToString(),
                ["MedifyAI:Embeddings:SageMaker:PassageEndpointName"] = FakeSageMakerRuntime.PassageEmbeddingEndpoint,
                ["MedifyAI:Embeddings:SageMaker:QueryEndpointName"] = FakeSageMakerRuntime.QueryEmbeddingEndpoint,
                ["MedifyAI:Embeddings:SageMaker:Dimensions"] = dimension,
                ["MedifyAI:Embeddings:SageMaker:RetryBaseDelay"] = "00:00:00.020",
                ["MedifyAI:VectorIndex:Provider"] = "OpenSearch",
                ["MedifyAI:OpenSearch:Endpoint"] = _openSearch.BaseUrl.ToString(),
                ["MedifyAI:OpenSearch:Region"] = FakeAwsAccount.Region,
                ["MedifyAI:OpenSearch:IndexName"] = IndexName,
                ["MedifyAI:OpenSearch:Dimension"] = dimension,
                ["MedifyAI:OpenSearch:RetryBaseDelay"] = "00:00:00.020",
                ["MedifyAI:Retrieval:Fusion"] = "ReciprocalRank",
            }),
            configure: builder => builder.Services.AddSingleton<AWSCredentials>(
                new BasicAWSCredentials(FakeAwsAccount.AccessKey, FakeAwsAccount.SecretKey)));
        TestTokens.Authorize(_host.Http, "operator-and-patient-1", "operator", "patient");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _sageMaker.DisposeAsync();
        await _openSearch.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task PmcSlice_IngestedAndCitedInChat()
    {
        _openSearch.ResetCounters();

        var run = await DatasetApiClient.IngestAsync(_host.Http, "pmc-prod", Fixtures.PmcSlice, "pmc-patients-csv");

        Assert.Equal(IngestionState.Completed, run.State);
        Assert.Equal(run.ChunksIndexed, _openSearch.DocumentCount(IndexName));
        Assert.Equal(("vector", Dimension, "innerproduct", "faiss"), _openSearch.Indexes[IndexName].VectorField);
        var passages = _sageMaker.EmbeddedTexts.Count(text => text.Endpoint == FakeSageMakerRuntime.PassageEmbeddingEndpoint);
        Assert.Equal(run.ChunksIndexed, passages);
        Assert.Empty(_openSearch.Rejections);
        var embeddingRequests = _sageMaker.Requests.Count;
        var embeddingBytes = _sageMaker.Requests.Sum(request => (long)request.Body.Length);
        output.WriteLine(
            $"records {run.RecordsRead}, chunks {run.ChunksIndexed}; SageMaker embedding requests {embeddingRequests} " +
            $"({(double)embeddingRequests / run.RecordsRead:F3} per record), body bytes {embeddingBytes} " +
            $"({(double)embeddingBytes / run.RecordsRead:F0} per record); OpenSearch requests {_openSearch.RequestCount} " +
            $"({(double)_openSearch.RequestCount / run.RecordsRead:F3} per record), body bytes {_openSearch.RequestBytes} " +
            $"({(double)_openSearch.RequestBytes / run.RecordsRead:F0} per record)");

        var created = await _host.Http.PostJsonAsync("/api/sessions", new { age = 60, sex = "male" });
        var sessionId = (await created.ReadAsync<SessionStarted>()).SessionId;
        var turn = await _host.Http.PostJsonAsync(
            $"/api/sessions/{sessionId}/messages",
            new { text = "I have had a fever, a dry cough and shortness of breath for five days" });
        var reply = await turn.ReadAsync<TurnReply>();

        Assert.Equal(HttpStatusCode.OK, turn.StatusCode);
        Assert.Contains(_sageMaker.EmbeddedTexts, text => text.Endpoint == FakeSageMakerRuntime.QueryEmbeddingEndpoint);
        var cases = reply.References.Where(reference => reference.Kind == ReferenceKind.PatientCase).ToList();
        Assert.NotEmpty(cases);
        Assert.All(cases, reference => Assert.Equal("pmc-prod", reference.Dataset));
        Assert.Contains(cases[0].Citation, reply.Reply);
    }
}
