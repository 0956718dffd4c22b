namespace MedifyAI.Datasets;

/// <summary>One line of the dataset list: the name and where its latest run stands.</summary>
[GenerateSerializer, Immutable, Alias("MedifyAI.Datasets.DatasetSummary")]
public sealed record DatasetSummary(
    [property: Id(0)] string Name,
    [property: Id(1)] string RunId,
    [property: Id(2)] IngestionState State,
    [property: Id(3)] DatasetFormat Format,
    [property: Id(4)] long RecordsAccepted,
    [property: Id(5)] DateTimeOffset UpdatedAt);
