namespace MedifyAI.Datasets;

/// <summary>The dataset already has a queued or running ingestion.</summary>
[GenerateSerializer, Alias("MedifyAI.Datasets.IngestionInProgressException")]
public sealed class IngestionInProgressException(string dataset, string runId)
    : Exception(
        $"Dataset '{dataset}' already has ingestion run '{runId}' in progress; wait for it to finish or cancel it "
        + $"with POST /api/datasets/{dataset}/ingestions/{runId}/cancel.")
{
    [Id(0)] public string Dataset { get; } = dataset;

    [Id(1)] public string RunId { get; } = runId;
}
