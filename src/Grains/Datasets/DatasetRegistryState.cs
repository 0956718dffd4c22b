namespace MedifyAI.Datasets;

/// <summary>The stored state of the dataset registry.</summary>
[GenerateSerializer, Alias("MedifyAI.Datasets.DatasetRegistryState")]
public sealed class DatasetRegistryState
{
    [Id(0)] public Dictionary<string, DatasetSummary> Datasets { get; set; } = new(StringComparer.Ordinal);
}
