namespace MedifyAI.Audit;

[GenerateSerializer, Alias("MedifyAI.Audit.AuditLogState")]
public sealed class AuditLogState
{
    [Id(0)] public List<AuditEntry> Entries { get; set; } = [];
}
