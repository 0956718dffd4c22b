namespace MedifyAI.Datasets;

/// <summary>A dataset's current run and its recent past runs, newest first.</summary>
[GenerateSerializer, Immutable, Alias("MedifyAI.Datasets.DatasetStatus")]
public sealed record DatasetStatus
{
    [Id(0)] public required string Name { get; init; }

    /// <summary>The latest run, whatever its state; null when the dataset was never ingested.</summary>
    [Id(1)] public IngestionRun? CurrentRun { get; init; }

    /// <summary>Earlier runs, newest first, at most <see cref="MaxPastRuns"/>.</summary>
    [Id(2)] public IReadOnlyList<IngestionRun> PastRuns { get; init; } = [];

    /// <summary>Number of past runs a dataset keeps.</summary>
    public const int MaxPastRuns = 10;
}
