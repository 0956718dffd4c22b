namespace MedifyAI.Api.Datasets;

/// <summary>Which dataset a new S3 object is ingested into, by bucket and key prefix.</summary>
public sealed class S3EventMapping
{
    public string Bucket { get; set; } = string.Empty;

    /// <summary>Key prefix the mapping covers; empty for the whole bucket. The longest matching prefix wins.</summary>
    public string Prefix { get; set; } = string.Empty;

    public string Dataset { get; set; } = string.Empty;

    /// <summary>Format name, for example <c>pmc-patients-csv</c>.</summary>
    public string Format { get; set; } = string.Empty;
}
