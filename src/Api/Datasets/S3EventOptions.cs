using MedifyAI.Datasets;

namespace MedifyAI.Api.Datasets;

/// <summary>Mappings from S3 buckets and prefixes to datasets, bound from <c>MedifyAI:Ingestion</c>.</summary>
public sealed class S3EventOptions
{
    public const string SectionName = "MedifyAI:Ingestion";

    /// <summary>Read from <c>MedifyAI:Ingestion:S3Mappings</c>.</summary>
    public List<S3EventMapping> S3Mappings { get; set; } = [];

    /// <summary>Returns the mapping with the longest prefix that covers the object, or null.</summary>
    public S3EventMapping? Find(string bucket, string key) =>
        S3Mappings
            .Where(mapping => mapping.Bucket == bucket && key.StartsWith(mapping.Prefix, StringComparison.Ordinal))
            .MaxBy(mapping => mapping.Prefix.Length);

    /// <summary>Returns one message per invalid mapping, naming the configuration key and the fix.</summary>
    public IEnumerable<string> Validate()
    {
        for (var i = 0; i < S3Mappings.Count; i++)
        {
            var mapping = S3Mappings[i];
            var key = $"{SectionName}:S3Mappings:{i}";
            if (string.IsNullOrWhiteSpace(mapping.Bucket))
            {
                yield return $"{key}:Bucket is missing: give the bucket whose new objects are ingested.";
            }

            if (!DatasetNames.IsValid(mapping.Dataset))
            {
                yield return $"{key}:Dataset '{mapping.Dataset}' is invalid: use {DatasetNames.Rule}.";
            }

            if (!DatasetFormatNames.TryParse(mapping.Format, out _))
            {
                yield return $"{key}:Format '{mapping.Format}' is unknown: use one of {DatasetFormatNames.Accepted}.";
            }
        }
    }
}
