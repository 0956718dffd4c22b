using System.Net;
using MedifyAI.Api.Security;
using MedifyAI.Datasets;
using MedifyAI.Retrieval;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MedifyAI.Api.Datasets;

/// <summary>Dataset ingestion and search routes: <c>/api/datasets</c>, <c>/api/search</c> and <c>/api/ingestion-events/s3</c>.</summary>
public static class DatasetsApi
{
    public static IEndpointRouteBuilder MapDatasetsApi(this IEndpointRouteBuilder endpoints)
    {
        // Loading and watching datasets is operator work; search is open to any signed-in caller.
        var datasets = endpoints.MapGroup("/api/datasets").WithTags("Datasets").RequireAuthorization(ApiPolicies.Operator);

        datasets.MapGet("/", ListDatasetsAsync)
            .WithName("ListDatasets")
            .WithSummary("List every dataset with the state of its latest ingestion run.");

        datasets.MapGet("/{name}", GetDatasetAsync)
            .WithName("GetDataset")
            .WithSummary("Read a dataset's current and past runs: state, counters, throughput and ETA; cheap to poll.");

        datasets.MapPost("/{name}/ingestions", StartIngestionAsync)
            .WithName("StartIngestion")
            .WithSummary("Start ingesting a file or S3 object into the dataset; returns 202 with the run's location.");

        datasets.MapGet("/{name}/ingestions/{runId}", GetRunAsync)
            .WithName("GetIngestionRun")
            .WithSummary("Read one ingestion run.");

        datasets.MapPost("/{name}/ingestions/{runId}/cancel", CancelRunAsync)
            .WithName("CancelIngestionRun")
            .WithSummary("Stop a queued or running ingestion run within a few seconds.");

        endpoints.MapPost("/api/search", SearchAsync)
            .WithTags("Search")
            .WithName("Search")
            .WithSummary("Return the passages closest to a query, optionally in one dataset.");

        endpoints.MapPost("/api/ingestion-events/s3", HandleS3EventAsync)
            .WithTags("Datasets")
            .WithName("HandleS3Event")
            .WithSummary("Start ingestion of new S3 objects named by an S3 event notification, per MedifyAI:Ingestion:S3Mappings.")
            .RequireAuthorization(ApiPolicies.Operator);

        return endpoints;
    }

    public static async Task<Ok<IReadOnlyList<DatasetSummary>>> ListDatasetsAsync(IClusterClient client) =>
        TypedResults.Ok(await client.GetGrain<IDatasetRegistryGrain>(0).ListAsync());

    public static async Task<Results<Ok<DatasetStatus>, ValidationProblem, ProblemHttpResult>> GetDatasetAsync(
        string name,
        IClusterClient client)
    {
        if (!DatasetNames.IsValid(name))
        {
            return InvalidName(name);
        }

        var status = await client.GetGrain<IDatasetGrain>(name).GetStatusAsync();
        return status.CurrentRun is null ? DatasetNotFound(name) : TypedResults.Ok(status);
    }

    public static async Task<Results<Accepted<IngestionRun>, ValidationProblem>> StartIngestionAsync(
        string name,
        StartIngestionRequest request,
        IClusterClient client)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!DatasetNames.IsValid(name))
        {
            errors["name"] = [$"Dataset name '{Shorten(name)}' is invalid: use {DatasetNames.Rule}."];
        }

        if (string.IsNullOrWhiteSpace(request.Source))
        {
            errors["source"] = ["Source is required: give a path on the silo, file:///path or s3://bucket/key."];
        }

        if (!DatasetFormatNames.TryParse(request.Format, out var format))
        {
            errors["format"] = [request.Format is null
                ? $"Format is required: give one of {DatasetFormatNames.Accepted}."
                : $"Format '{Shorten(request.Format)}' is unknown: give one of {DatasetFormatNames.Accepted}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The ingestion request is invalid.");
        }

        var run = await client.GetGrain<IDatasetGrain>(name)
            .StartIngestionAsync(new StartIngestionCommand(request.Source!.Trim(), format));
        return TypedResults.Accepted($"/api/datasets/{name}/ingestions/{run.RunId}", run);
    }

    public static async Task<Results<Ok<IngestionRun>, ValidationProblem, ProblemHttpResult>> GetRunAsync(
        string name,
        string runId,
        IClusterClient client)
    {
        if (!DatasetNames.IsValid(name))
        {
            return InvalidName(name);
        }

        var status = await client.GetGrain<IDatasetGrain>(name).GetStatusAsync();
        var run = status.CurrentRun?.RunId == runId
            ? status.CurrentRun
            : status.PastRuns.FirstOrDefault(past => past.RunId == runId);
        return run is null ? RunNotFound(name, runId) : TypedResults.Ok(run);
    }

    public static async Task<Results<Ok<IngestionRun>, ValidationProblem>> CancelRunAsync(
        string name,
        string runId,
        IClusterClient client)
    {
        if (!DatasetNames.IsValid(name))
        {
            return InvalidName(name);
        }

        return TypedResults.Ok(await client.GetGrain<IDatasetGrain>(name).CancelAsync(runId));
    }

    public static async Task<Results<Ok<SearchResponse>, ValidationProblem>> SearchAsync(
        SearchRequest request,
        IClusterClient client)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            errors["query"] = ["Query is required: give the text to search for."];
        }
        else if (request.Query.Length > SearchRequest.MaxQueryLength)
        {
            errors["query"] = [$"Query is {request.Query.Length} characters long; the limit is {SearchRequest.MaxQueryLength}."];
        }

        var k = request.K ?? 5;
        if (k is < 1 or > SearchRequest.MaxK)
        {
            errors["k"] = [$"k {k} is out of range: give 1 to {SearchRequest.MaxK}."];
        }

        if (request.Dataset is { } dataset && !DatasetNames.IsValid(dataset))
        {
            errors["dataset"] = [$"Dataset name '{Shorten(dataset)}' is invalid: use {DatasetNames.Rule}, or leave it out to search all."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The search request is invalid.");
        }

        var results = await client.GetGrain<IKnowledgeSearchGrain>(0).SearchAsync(request.Query!, k, request.Dataset);
        return TypedResults.Ok(new SearchResponse(results));
    }

    public static async Task<Results<Accepted<S3EventResult>, ValidationProblem>> HandleS3EventAsync(
        S3EventNotification notification,
        IClusterClient client,
        IOptions<S3EventOptions> options)
    {
        if (notification.Records is not { Count: > 0 } records)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["Records"] = ["Records is missing or empty: send an S3 event notification."] },
                title: "The S3 event is invalid.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            if (string.IsNullOrEmpty(records[i].S3?.Bucket?.Name))
            {
                errors[$"Records[{i}].s3.bucket.name"] = ["The bucket name is missing."];
            }

            if (string.IsNullOrEmpty(records[i].S3?.Object?.Key))
            {
                errors[$"Records[{i}].s3.object.key"] = ["The object key is missing."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The S3 event is invalid.");
        }

        var outcomes = new List<S3EventResult.Outcome>(records.Count);
        foreach (var record in records)
        {
            outcomes.Add(await StartFromEventAsync(record.S3!, client, options.Value));
        }

        return TypedResults.Accepted((string?)null, new S3EventResult(outcomes));
    }

    /// <summary>
    /// Starts one object's ingestion. Outcomes that a retry cannot fix (unmapped, unreadable, a run in progress)
    /// are reported in the body rather than as an error status, so an event forwarder does not retry them forever.
    /// </summary>
    private static async Task<S3EventResult.Outcome> StartFromEventAsync(
        S3EventNotification.EventEntity entity,
        IClusterClient client,
        S3EventOptions options)
    {
        var bucket = entity.Bucket!.Name!;
        var key = WebUtility.UrlDecode(entity.Object!.Key!);
        var mapping = options.Find(bucket, key);
        if (mapping is null)
        {
            return new(bucket, key, "unmapped", null, null,
                $"No entry of {S3EventOptions.SectionName}:S3Mappings covers bucket '{bucket}' and this key; add one to ingest it.");
        }

        DatasetFormatNames.TryParse(mapping.Format, out var format);
        try
        {
            var run = await client.GetGrain<IDatasetGrain>(mapping.Dataset)
                .StartIngestionAsync(new StartIngestionCommand($"s3://{bucket}/{key}", format));
            return new(bucket, key, "started", mapping.Dataset, run, null);
        }
        catch (IngestionInProgressException exception)
        {
            return new(bucket, key, "in-progress", mapping.Dataset, null, exception.Message);
        }
        catch (IngestionSourceException exception)
        {
            return new(bucket, key, "unreadable", mapping.Dataset, null, exception.Message);
        }
    }

    private static ValidationProblem InvalidName(string name) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { ["name"] = [$"Dataset name '{Shorten(name)}' is invalid: use {DatasetNames.Rule}."] },
            title: "The dataset name is invalid.");

    private static ProblemHttpResult DatasetNotFound(string name) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Dataset not found.",
            detail: $"Dataset '{name}' has never been ingested. Start with POST /api/datasets/{name}/ingestions.");

    private static ProblemHttpResult RunNotFound(string name, string runId) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Ingestion run not found.",
            detail: $"Dataset '{name}' has no run '{Shorten(runId)}'; GET /api/datasets/{name} lists its runs.");

    private static string Shorten(string value) => Errors.ApiProblems.Shorten(value);
}
