namespace MedifyAI.Datasets;

/// <summary>Lifecycle of one ingestion run.</summary>
[GenerateSerializer, Alias("MedifyAI.Datasets.IngestionState")]
public enum IngestionState
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
    Cancelled = 4,
}
