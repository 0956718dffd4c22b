using System.ComponentModel.DataAnnotations;

namespace MedifyAI.Ingestion;

/// <summary>Settings of dataset ingestion, bound from the <c>MedifyAI:Ingestion</c> configuration section.</summary>
public sealed class IngestionOptions : IValidatableObject
{
    public const string SectionName = "MedifyAI:Ingestion";

    /// <summary>Accepted records per committed batch; each batch commits its chunks and the checkpoint together.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 64;

    /// <summary>Maximum words in one chunk.</summary>
    [Range(16, 4_096)]
    public int ChunkWords { get; set; } = 200;

    /// <summary>Words shared by consecutive chunks of one record; less than <see cref="ChunkWords"/>.</summary>
    [Range(0, 4_095)]
    public int ChunkOverlapWords { get; set; } = 40;

    /// <summary>Seconds between writes of the dataset grain's progress state while a run is going.</summary>
    [Range(0.1, 3_600)]
    public double ProgressWriteIntervalSeconds { get; set; } = 2;

    public S3SourceOptions S3 { get; set; } = new();

    /// <summary>
    /// Folders under which an ingestion may read local files. Empty (the production default) refuses local files, so
    /// an operator token cannot make the silo read arbitrary paths; S3 sources are not affected. Relative folders are
    /// resolved against the silo's working directory.
    /// </summary>
    public List<string> LocalRoots { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ChunkOverlapWords >= ChunkWords)
        {
            yield return new ValidationResult(
                $"{SectionName}:ChunkOverlapWords ({ChunkOverlapWords}) must be less than {SectionName}:ChunkWords ({ChunkWords}).",
                [nameof(ChunkOverlapWords)]);
        }

        if (S3.ServiceUrl is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            yield return new ValidationResult(
                $"{SectionName}:S3:ServiceUrl '{url}' is not an absolute URL such as http://127.0.0.1:4569.",
                [nameof(S3)]);
        }

        for (var i = 0; i < LocalRoots.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(LocalRoots[i]))
            {
                yield return new ValidationResult(
                    $"{SectionName}:LocalRoots:{i} is empty; give a folder the silo may read datasets from, or remove it.",
                    [nameof(LocalRoots)]);
            }
        }

        if (string.IsNullOrEmpty(S3.AccessKeyId) != string.IsNullOrEmpty(S3.SecretAccessKey))
        {
            yield return new ValidationResult(
                $"Set both {SectionName}:S3:AccessKeyId and {SectionName}:S3:SecretAccessKey, or neither.",
                [nameof(S3)]);
        }
    }
}
