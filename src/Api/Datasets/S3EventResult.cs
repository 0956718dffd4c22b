using MedifyAI.Datasets;

namespace MedifyAI.Api.Datasets;

/// <summary>What the S3 event endpoint did with each record of a notification.</summary>
public sealed record S3EventResult(IReadOnlyList<S3EventResult.Outcome> Records)
{
    /// <param name="Bucket">Bucket of the object.</param>
    /// <param name="Key">Decoded object key.</param>
    /// <param name="Status"><c>started</c>, <c>unmapped</c>, <c>in-progress</c> or <c>unreadable</c>.</param>
    /// <param name="Dataset">Dataset the object maps to, if any.</param>
    /// <param name="Run">The run started, when <paramref name="Status"/> is <c>started</c>.</param>
    /// <param name="Detail">Why nothing was started, otherwise.</param>
    public sealed record Outcome(string Bucket, string Key, string Status, string? Dataset, IngestionRun? Run, string? Detail);
}
