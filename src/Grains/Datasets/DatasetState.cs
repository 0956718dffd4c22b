namespace MedifyAI.Datasets;

/// <summary>The stored state of a dataset grain.</summary>
[GenerateSerializer, Alias("MedifyAI.Datasets.DatasetState")]
public sealed class DatasetState
{
    /// <summary>The latest run; null before the first ingestion.</summary>
    [Id(0)] public IngestionRunState? Current { get; set; }

    /// <summary>Finished runs, newest first, at most <see cref="DatasetStatus.MaxPastRuns"/>.</summary>
    [Id(1)] public List<IngestionRun> PastRuns { get; set; } = [];
}
