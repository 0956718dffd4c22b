using System.Globalization;
using MedifyAI.Datasets;
using MedifyAI.Tests.Infrastructure;

namespace MedifyAI.Tests.Retrieval;

/// <summary>
/// A silo data directory whose embedded index contains the PMC-Patients slice as dataset <see cref="Dataset"/>,
/// ingested once through the real host and API, with the host stopped afterwards so commands can open the index.
/// </summary>
public sealed class EmbeddedPmcIndexFixture : IAsyncLifetime
{
    public const string Dataset = "pmc";

    /// <summary>Lexical embedding length; smaller than the default to keep the fake's JSON small.</summary>
    public const int Dimension = 512;

    private readonly TempDirectory _data = new("medifyai-reindex");

    public string DataDirectory => _data.Path;

    /// <summary>Chunks the ingestion run reported.</summary>
    public long ChunksIndexed { get; private set; }

    public static string DimensionText => Dimension.ToString(CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        await using var host = await SiloProcessHost.StartAsync(
            _data.Path,
            TestTokens.WithHostSettings(new()
            {
                ["MedifyAI:Ingestion:ProgressWriteIntervalSeconds"] = "0.2",
                ["MedifyAI:Embeddings:Lexical:Dimensions"] = DimensionText,
            }));
        TestTokens.Authorize(host.Http, "operator-1", "operator");
        var run = await DatasetApiClient.IngestAsync(host.Http, Dataset, Fixtures.PmcSlice, "pmc-patients-csv");
        Assert.Equal(IngestionState.Completed, run.State);
        ChunksIndexed = run.ChunksIndexed;
    }

    public Task DisposeAsync()
    {
        _data.Dispose();
        return Task.CompletedTask;
    }
}
