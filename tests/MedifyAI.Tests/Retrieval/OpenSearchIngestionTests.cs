using System.Globalization;
using System.Net;
using Amazon.Runtime;
using MedifyAI.Api.Datasets;
using MedifyAI.Datasets;
using MedifyAI.Retrieval;
using MedifyAI.Tests.Fakes;
using MedifyAI.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MedifyAI.Tests.Retrieval;

/// <summary>
/// Ingestion of the PMC-Patients slice through the real host with <c>MedifyAI:VectorIndex:Provider=OpenSearch</c>,
/// over HTTP into the fake OpenSearch, then search through <c>POST /api/search</c>.
/// </summary>
public sealed class OpenSearchIngestionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Dimension = 2048;
    private const string IndexName = "medifyai-test-chunks";

    private readonly TempDirectory _data = new("medifyai-opensearch");
    private FakeOpenSearch _fake = null!;
    private SiloProcessHost _host = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeOpenSearch.StartAsync();
        _host = await SiloProcessHost.StartAsync(
            _data.Path,
            TestTokens.WithHostSettings(new()
            {
                ["MedifyAI:Ingestion:ProgressWriteIntervalSeconds"] = "0.2",
                ["MedifyAI:VectorIndex:Provider"] = "OpenSearch",
                ["MedifyAI:Embeddings:Lexical:Dimensions"] = Dimension.ToString(CultureInfo.InvariantCulture),
                ["MedifyAI:OpenSearch:Endpoint"] = _fake.BaseUrl.ToString(),
                ["MedifyAI:OpenSearch:Region"] = FakeOpenSearch.Region,
                ["MedifyAI:OpenSearch:IndexName"] = IndexName,
                ["MedifyAI:OpenSearch:Dimension"] = Dimension.ToString(CultureInfo.InvariantCulture),
                ["MedifyAI:OpenSearch:RetryBaseDelay"] = "00:00:00.020",
                ["MedifyAI:Retrieval:Fusion"] = "ReciprocalRank",
            }),
            configure: builder => builder.Services.AddSingleton<AWSCredentials>(
                new BasicAWSCredentials(FakeOpenSearch.AccessKey, FakeOpenSearch.SecretKey)));
        TestTokens.Authorize(_host.Http, "operator-1", "operator");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _fake.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task PmcSlice_IngestedRerunAndSearched()
    {
        Assert.IsType<MedifyAI.Retrieval.OpenSearch.OpenSearchVectorIndex>(_host.Services.GetRequiredService<IVectorIndex>());
        _fake.ResetCounters();

        var first = await DatasetApiClient.IngestAsync(_host.Http, "pmc-os", Fixtures.PmcSlice, "pmc-patients-csv");

        Assert.Equal(IngestionState.Completed, first.State);
        Assert.True(first.RecordsAccepted > 900, $"only {first.RecordsAccepted} records accepted");
        var stored = _fake.DocumentCount(IndexName);
        Assert.Equal(first.ChunksIndexed, stored);
        Assert.Empty(_fake.Rejections);
        output.WriteLine(
            $"records read {first.RecordsRead}, accepted {first.RecordsAccepted}, chunks {stored}, " +
            $"requests {_fake.RequestCount}, request body bytes {_fake.RequestBytes}, " +
            $"requests/record {(double)_fake.RequestCount / first.RecordsRead:F3}, " +
            $"bytes/record {(double)_fake.RequestBytes / first.RecordsRead:F0}, " +
            $"seconds {(first.FinishedAt - first.StartedAt)?.TotalSeconds:F1}");
        foreach (var group in _fake.RequestLines.GroupBy(RequestKind))
        {
            output.WriteLine($"{group.Key}: {group.Count()}");
        }

        var second = await DatasetApiClient.IngestAsync(_host.Http, "pmc-os", Fixtures.PmcSlice, "pmc-patients-csv");

        Assert.Equal(IngestionState.Completed, second.State);
        Assert.NotEqual(first.RunId, second.RunId);
        Assert.Equal(stored, _fake.DocumentCount(IndexName));

        var response = await _host.Http.PostJsonAsync(
            "/api/search", new { query = "chest pain and shortness of breath", k = 5, dataset = "pmc-os" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.ReadAsync<SearchResponse>()).Results;
        Assert.Equal(5, results.Count);
        Assert.All(results, result => Assert.Equal("pmc-os", result.Reference.Dataset));
        Assert.All(results, result => Assert.Equal(ReferenceKind.PatientCase, result.Reference.Kind));
        Assert.All(results, result => Assert.False(string.IsNullOrWhiteSpace(result.Text)));
        Assert.Contains(results, result => result.Text.Contains("chest pain", StringComparison.OrdinalIgnoreCase));
        Assert.True(results[0].Reference.Score >= results[^1].Reference.Score);
        Assert.Contains("POST /" + IndexName + "/_search", _fake.RequestLines);
        Assert.Contains(_fake.SearchBodies, body => body.Contains("\"knn\"", StringComparison.Ordinal));
        Assert.Contains(_fake.SearchBodies, body => body.Contains("\"match\"", StringComparison.Ordinal));

        // A chat turn retrieves from the shared index too, and its reply cites what it found there.
        TestTokens.Authorize(_host.Http, "operator-and-patient-1", "operator", "patient");
        var created = await _host.Http.PostJsonAsync("/api/sessions", new { age = 60, sex = "male" });
        var sessionId = (await created.ReadAsync<MedifyAI.Sessions.SessionStarted>()).SessionId;
        var searchesBefore = _fake.SearchBodies.Count;
        var turn = await _host.Http.PostJsonAsync(
            $"/api/sessions/{sessionId}/messages",
            new { text = "I have had a fever, a dry cough and shortness of breath for five days" });
        var reply = await turn.ReadAsync<MedifyAI.Sessions.TurnReply>();

        Assert.Equal(HttpStatusCode.OK, turn.StatusCode);
        Assert.True(_fake.SearchBodies.Count > searchesBefore, "the chat turn did not search OpenSearch");
        var cases = reply.References.Where(reference => reference.Kind == ReferenceKind.PatientCase).ToList();
        Assert.NotEmpty(cases);
        Assert.All(cases, reference => Assert.Equal("pmc-os", reference.Dataset));
        Assert.Contains(cases[0].Citation, reply.Reply);
    }

    [Fact]
    public async Task Search_OpenSearchDown_Returns503()
    {
        for (var i = 0; i < 20; i++)
        {
            _fake.EnqueueFault(FakeOpenSearchFault.ServiceUnavailable);
        }

        var response = await _host.Http.PostJsonAsync("/api/search", new { query = "persistent night sweats", k = 3 });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter is not null, "a 503 should say when to retry");
        var problem = await response.ReadAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>();
        Assert.Equal("Knowledge search unavailable.", problem.Title);
        Assert.Contains("OpenSearch", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("sweats", problem.Detail, StringComparison.Ordinal);
    }

    /// <summary>Returns the request line with a document id replaced by <c>{id}</c>, to group requests by kind.</summary>
    private static string RequestKind(string line)
    {
        var documentPath = line.IndexOf("/_doc/", StringComparison.Ordinal);
        return documentPath < 0 ? line : line[..documentPath] + "/_doc/{id}";
    }
}
