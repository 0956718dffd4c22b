namespace MedifyAI.Datasets;

/// <summary>The dataset or the run does not exist.</summary>
[GenerateSerializer, Alias("MedifyAI.Datasets.DatasetNotFoundException")]
public sealed class DatasetNotFoundException(string message) : Exception(message);
