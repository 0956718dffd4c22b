namespace MedifyAI.Ingestion;

/// <summary>
/// How the silo reaches S3 for <c>s3://</c> sources, bound from <c>MedifyAI:Ingestion:S3</c>. With no
/// <see cref="ServiceUrl"/> the SDK's regional endpoint and default credential chain are used.
/// </summary>
public sealed class S3SourceOptions
{
    /// <summary>Endpoint of an S3-compatible service, for example <c>http://127.0.0.1:4569</c>; null for AWS.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Region used to sign requests.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Access key id; with <see cref="SecretAccessKey"/> it replaces the default credential chain.</summary>
    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }

    /// <summary>Address buckets in the path (<c>host/bucket/key</c>) rather than the host name; needed by most local S3 servers.</summary>
    public bool ForcePathStyle { get; set; }
}
