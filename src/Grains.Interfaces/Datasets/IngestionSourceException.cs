namespace MedifyAI.Datasets;

/// <summary>The ingestion source is invalid or cannot be read; <see cref="Field"/> names the input at fault.</summary>
[GenerateSerializer, Alias("MedifyAI.Datasets.IngestionSourceException")]
public sealed class IngestionSourceException(string field, string message) : Exception(message)
{
    [Id(0)] public string Field { get; } = field;
}
