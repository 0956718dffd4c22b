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

/// <summary>The ingestion source is invalid or cannot be read; <see cref="Field"/> names the input at fault.</summary>
[GenerateSerializer, Alias("MedifyAI.Datasets.IngestionSourceException")]
public sealed class IngestionSourceException(string field, string message) : Exception(message)
{
    [Id(0)] public string Field { get; } = field;
}

/// <summary>The dataset or the run does not exist.</summary>
[GenerateSerializer, Alias("MedifyAI.Datasets.DatasetNotFoundException")]
public sealed class DatasetNotFoundException(string message) : Exception(message);
