using System.Net;
using Amazon.S3.Model;
using MedifyAI.Api.Datasets;
using MedifyAI.Datasets;
using MedifyAI.Retrieval;
using MedifyAI.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MedifyAI.Tests.Ingestion;

/// <summary>Ingestion from S3 objects and prefixes, and the S3 event endpoint, against a real s3rver.</summary>
public sealed class S3IngestionTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("medifyai-s3");
    private S3rverProcess _s3 = null!;
    private SiloProcessHost _host = null!;

    public async Task InitializeAsync()
    {
        _s3 = await S3rverProcess.StartAsync();
        await _s3.Client.PutBucketAsync(new PutBucketRequest { BucketName = "medical-data" });
        var settings = _s3.SiloSettings;
        settings["MedifyAI:Ingestion:S3Mappings:0:Bucket"] = "medical-data";
        settings["MedifyAI:Ingestion:S3Mappings:0:Prefix"] = "incoming/medquad/";
        settings["MedifyAI:Ingestion:S3Mappings:0:Dataset"] = "medquad-events";
        settings["MedifyAI:Ingestion:S3Mappings:0:Format"] = "medquad-jsonl";
        _host = await SiloProcessHost.StartAsync(_data.Path, TestTokens.WithHostSettings(settings));
        TestTokens.Authorize(_host.Http, "operator-1", "operator");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _s3.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task S3Object_IngestsLikeLocalFile()
    {
        await _s3.UploadAsync("medical-data", "pmc/PMC-Patients sample.csv", Fixtures.PmcSlice);

        var run = await DatasetApiClient.IngestAsync(
            _host.Http, "pmc-from-s3", "s3://medical-data/pmc/PMC-Patients sample.csv", "pmc-patients-csv");

        Assert.Equal(IngestionState.Completed, run.State);
        Assert.Equal(1000, run.RecordsAccepted);
        Assert.Equal(0, run.RecordsRejected);
        Assert.Equal(new FileInfo(Fixtures.PmcSlice).Length, run.BytesTotal);
        Assert.Equal(run.ChunksIndexed, _host.Services.GetRequiredService<IVectorIndex>().Count("pmc-from-s3"));
    }

    [Fact]
    public async Task S3Prefix_ReadsEveryObjectInKeyOrder()
    {
        await _s3.UploadAsync("medical-data", "parts/a.jsonl", Fixtures.PathOf("generic-malformed.jsonl"));
        await _s3.UploadAsync("medical-data", "parts/b.jsonl", Fixtures.PathOf("generic-malformed.jsonl"));

        var run = await DatasetApiClient.IngestAsync(_host.Http, "generic-prefix", "s3://medical-data/parts/", "json-lines");

        Assert.Equal(IngestionState.Completed, run.State);
        Assert.Equal(14, run.RecordsRead);

        // The first object has one repeated id; the second repeats the first one's ids, so its two good
        // records and its own repeat are duplicates too.
        Assert.Equal(2, run.RecordsAccepted);
        Assert.Equal(4, run.RejectionsByReason[RejectionReasons.DuplicateId]);
    }

    [Theory]
    [InlineData("s3://no-such-bucket/file.csv")]
    [InlineData("s3://medical-data/missing/file.csv")]
    public async Task S3Source_Missing_Returns400NamingSource(string source)
    {
        var response = await _host.Http.PostJsonAsync(
            "/api/datasets/missing-s3/ingestions", new { source, format = "pmc-patients-csv" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadAsync<HttpValidationProblemDetails>();
        Assert.Contains("not found", Assert.Single(problem.Errors["source"]));
    }

    [Fact]
    public async Task S3Event_StartsIngestionOfMappedObject()
    {
        await _s3.UploadAsync("medical-data", "incoming/medquad/every 8th.jsonl", Fixtures.MedquadSample);
        var notification = """
            {"Records": [
              {"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": "medical-data"},
                "object": {"key": "incoming/medquad/every+8th.jsonl", "size": 1}}},
              {"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": "other-bucket"},
                "object": {"key": "x.csv", "size": 1}}}
            ]}
            """;

        var response = await _host.Http.PostRawJsonAsync("/api/ingestion-events/s3", notification);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await response.ReadAsync<S3EventResult>();
        Assert.Equal(2, result.Records.Count);
        Assert.Equal("started", result.Records[0].Status);
        Assert.Equal("incoming/medquad/every 8th.jsonl", result.Records[0].Key);
        Assert.Equal("medquad-events", result.Records[0].Dataset);
        Assert.Equal("unmapped", result.Records[1].Status);

        var run = await DatasetApiClient.WaitAsync(_host.Http, "medquad-events");
        Assert.Equal(IngestionState.Completed, run.State);
        Assert.Equal(1958, run.RecordsAccepted);
        Assert.Equal("s3://medical-data/incoming/medquad/every 8th.jsonl", run.Source);
    }

    [Fact]
    public async Task S3Event_WithoutRecords_Returns400()
    {
        var response = await _host.Http.PostRawJsonAsync("/api/ingestion-events/s3", "{\"Records\": []}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
