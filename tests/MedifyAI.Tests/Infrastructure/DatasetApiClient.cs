using System.Net;
using MedifyAI.Datasets;

namespace MedifyAI.Tests.Infrastructure;

/// <summary>Starts ingestion runs over HTTP and polls them to the end.</summary>
public static class DatasetApiClient
{
    public static async Task<IngestionRun> StartAsync(HttpClient http, string dataset, string source, string format)
    {
        var response = await http.PostJsonAsync($"/api/datasets/{dataset}/ingestions", new { source, format });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<IngestionRun>(body, ApiJson.Options)!;
    }

    /// <summary>Polls <c>GET /api/datasets/{name}</c> until the current run has finished.</summary>
    public static async Task<IngestionRun> WaitAsync(HttpClient http, string dataset, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            var status = await GetStatusAsync(http, dataset);
            var run = status.CurrentRun!;
            if (run.State is IngestionState.Completed or IngestionState.Failed or IngestionState.Cancelled)
            {
                return run;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Run {run.RunId} of {dataset} is still {run.State} after the timeout.");
            }

            await Task.Delay(100);
        }
    }

    public static async Task<DatasetStatus> GetStatusAsync(HttpClient http, string dataset)
    {
        var response = await http.GetAsync($"/api/datasets/{dataset}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<DatasetStatus>();
    }

    public static async Task<IngestionRun> IngestAsync(HttpClient http, string dataset, string source, string format)
    {
        await StartAsync(http, dataset, source, format);
        return await WaitAsync(http, dataset);
    }
}
