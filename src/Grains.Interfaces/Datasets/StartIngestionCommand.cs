namespace MedifyAI.Datasets;

/// <summary>Input for starting an ingestion run.</summary>
[GenerateSerializer, Immutable, Alias("MedifyAI.Datasets.StartIngestionCommand")]
public sealed record StartIngestionCommand(
    [property: Id(0)] string Source,
    [property: Id(1)] DatasetFormat Format);
