namespace MedifyAI.Ingestion;

/// <summary>One record read from a source: either a clean record or the reason it was rejected.</summary>
public readonly record struct RecordReadResult(SourceRecord? Record, string? RejectionReason)
{
    public static RecordReadResult Accept(SourceRecord record) => new(record, null);

    public static RecordReadResult Reject(string reason) => new(null, reason);
}
