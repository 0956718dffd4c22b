namespace MedifyAI.Audit;

/// <summary>The durable audit log of one UTC day; the key is the date as <c>yyyy-MM-dd</c>.</summary>
[Alias("MedifyAI.Audit.IAuditLogGrain")]
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>Appends an entry and stores it before returning.</summary>
    [Alias("Append")]
    Task AppendAsync(AuditEntry entry);

    /// <summary>Returns the day's entries in order, optionally only those of one session.</summary>
    [Alias("List")]
    Task<IReadOnlyList<AuditEntry>> ListAsync(string? sessionId);
}
