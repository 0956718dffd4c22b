namespace MedifyAI.Audit;

/// <summary>One UTC day of audited reads, stored before each append returns.</summary>
public sealed class AuditLogGrain(
    [PersistentState("audit", StorageNames.Audit)] IPersistentState<AuditLogState> log) : Grain, IAuditLogGrain
{
    async Task IAuditLogGrain.AppendAsync(AuditEntry entry)
    {
        log.State.Entries.Add(entry);
        try
        {
            await log.WriteStateAsync();
        }
        catch
        {
            // Keep memory equal to storage: the caller sees the failure and the entry is not half-recorded.
            log.State.Entries.RemoveAt(log.State.Entries.Count - 1);
            throw;
        }
    }

    Task<IReadOnlyList<AuditEntry>> IAuditLogGrain.ListAsync(string? sessionId)
    {
        IReadOnlyList<AuditEntry> entries = sessionId is null
            ? [.. log.State.Entries]
            : log.State.Entries.Where(entry => entry.SessionId == sessionId).ToList();
        return Task.FromResult(entries);
    }
}
