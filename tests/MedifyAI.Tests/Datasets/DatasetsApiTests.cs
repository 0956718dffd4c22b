using System.Net;
using System.Text.Json;
using MedifyAI.Api.Datasets;
using MedifyAI.Datasets;
using MedifyAI.Retrieval;
using MedifyAI.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace MedifyAI.Tests.Datasets;

/// <summary>The dataset, search and cancel routes: status codes, ProblemDetails and polling.</summary>
public sealed class DatasetsApiTests(IngestionHostFixture fixture) : IClassFixture<IngestionHostFixture>
{
    [Theory]
    [InlineData("Bad_Name", "/tmp/x.csv", "pmc-patients-csv", "name")]
    [InlineData("ok-name", "/tmp/x.csv", "parquet", "format")]
    [InlineData("ok-name", "", "pmc-patients-csv", "source")]
    [InlineData("ok-name", "/no/such/file.csv", "pmc-patients-csv", "source")]
    [InlineData("ok-name", "ftp://host/file.csv", "pmc-patients-csv", "source")]
    [InlineData("ok-name", "/etc/hostname", "pmc-patients-csv", "source")]
    public async Task StartIngestion_InvalidInput_Returns400NamingField(string name, string source, string format, string field)
    {
        var response = await fixture.Http.PostJsonAsync($"/api/datasets/{name}/ingestions", new { source, format });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadAsync<HttpValidationProblemDetails>();
        Assert.True(problem.Errors.ContainsKey(field), $"Expected an error for '{field}', got {string.Join(", ", problem.Errors.Keys)}.");
    }

    [Fact]
    public async Task DatasetRoutes_RequireOperatorRole()
    {
        using var patient = new HttpClient { BaseAddress = fixture.Http.BaseAddress };
        TestTokens.Authorize(patient, "patient-1", "patient");
        using var anonymous = new HttpClient { BaseAddress = fixture.Http.BaseAddress };

        var forbidden = await patient.PostJsonAsync(
            "/api/datasets/any-name/ingestions", new { source = Fixtures.PmcSlice, format = "pmc-patients-csv" });
        var unauthenticated = await anonymous.GetAsync("/api/datasets");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    [Fact]
    public async Task GetDataset_Unknown_Returns404()
    {
        var response = await fixture.Http.GetAsync("/api/datasets/never-ingested");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.ReadAsync<ProblemDetails>();
        Assert.Contains("POST /api/datasets/never-ingested/ingestions", problem.Detail);
    }

    [Fact]
    public async Task RunningIngestion_SecondStartConflictsAndCancelStops()
    {
        using var data = new TempDirectory("medifyai-large");
        var path = Path.Combine(data.Path, "large.csv");
        Fixtures.WriteResampledPmc(path, 30_000);

        var started = await DatasetApiClient.StartAsync(fixture.Http, "large-cancel", path, "pmc-patients-csv");
        var response = await fixture.Http.PostJsonAsync(
            "/api/datasets/large-cancel/ingestions", new { source = path, format = "pmc-patients-csv" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(started.RunId, (await response.ReadAsync<ProblemDetails>()).Detail);

        // Poll while it runs: the status stays readable and shows progress.
        IngestionRun running;
        do
        {
            running = (await DatasetApiClient.GetStatusAsync(fixture.Http, "large-cancel")).CurrentRun!;
        }
        while (running.RecordsRead < 500 && running.State is IngestionState.Queued or IngestionState.Running);
        Assert.Equal(IngestionState.Running, running.State);
        Assert.True(running.BytesRead > 0);
        Assert.True(running.BytesTotal > running.BytesRead);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cancel = await fixture.Http.PostAsync($"/api/datasets/large-cancel/ingestions/{started.RunId}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var cancelled = await cancel.ReadAsync<IngestionRun>();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Cancel took {clock.Elapsed}.");
        Assert.Equal(IngestionState.Cancelled, cancelled.State);
        Assert.True(cancelled.RecordsRead < 30_000);

        var list = await fixture.Http.GetAsync("/api/datasets");
        var datasets = await list.ReadAsync<List<DatasetSummary>>();
        Assert.Contains(datasets, summary => summary.Name == "large-cancel" && summary.State == IngestionState.Cancelled);

        var run = await fixture.Http.GetAsync($"/api/datasets/large-cancel/ingestions/{started.RunId}");
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var unknownRun = await fixture.Http.PostAsync("/api/datasets/large-cancel/ingestions/no-such-run/cancel", null);
        Assert.Equal(HttpStatusCode.NotFound, unknownRun.StatusCode);
    }

    [Fact]
    public async Task Search_ReturnsPassagesOfRequestedDataset()
    {
        await DatasetApiClient.IngestAsync(fixture.Http, "search-medquad", Fixtures.MedquadSample, "medquad-jsonl");

        var response = await fixture.Http.PostJsonAsync(
            "/api/search", new { query = "What are the symptoms of leukemia?", k = 5, dataset = "search-medquad" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.ReadAsync<SearchResponse>()).Results;
        Assert.Equal(5, results.Count);
        Assert.All(results, result => Assert.Equal("search-medquad", result.Reference.Dataset));
        Assert.All(results, result => Assert.Equal(ReferenceKind.MedicalAnswer, result.Reference.Kind));
        Assert.Contains(results, result => result.Text.Contains("leukemia", StringComparison.OrdinalIgnoreCase));
        Assert.True(results[0].Reference.Score >= results[^1].Reference.Score);
    }

    [Theory]
    [InlineData("{\"query\": \"\"}", "query")]
    [InlineData("{\"query\": \"fever\", \"k\": 0}", "k")]
    [InlineData("{\"query\": \"fever\", \"dataset\": \"Not Valid\"}", "dataset")]
    public async Task Search_InvalidInput_Returns400NamingField(string body, string field)
    {
        var response = await fixture.Http.PostRawJsonAsync("/api/search", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadAsync<HttpValidationProblemDetails>();
        Assert.True(problem.Errors.ContainsKey(field), JsonSerializer.Serialize(problem.Errors));
    }
}
