namespace MedifyAI.Api.Datasets;

/// <summary>
/// The parts of an S3 event notification the API reads: <c>Records[].s3.bucket.name</c> and
/// <c>Records[].s3.object.key</c>. Other members are ignored. Keys arrive URL-encoded, with + for a space.
/// </summary>
public sealed record S3EventNotification(IReadOnlyList<S3EventNotification.EventRecord>? Records)
{
    public sealed record EventRecord(string? EventName, EventEntity? S3);

    public sealed record EventEntity(BucketEntity? Bucket, ObjectEntity? Object);

    public sealed record BucketEntity(string? Name);

    public sealed record ObjectEntity(string? Key, long? Size);
}
