namespace MedifyAI.Datasets;

/// <summary>One rejected record: where it was and why. The record's text is never kept.</summary>
/// <param name="RecordNumber">1-based number of the record in the source, counting rejected ones.</param>
/// <param name="Reason">Rejection reason, one of <see cref="RejectionReasons"/>.</param>
[GenerateSerializer, Immutable, Alias("MedifyAI.Datasets.RejectionSample")]
public sealed record RejectionSample(
    [property: Id(0)] long RecordNumber,
    [property: Id(1)] string Reason);
