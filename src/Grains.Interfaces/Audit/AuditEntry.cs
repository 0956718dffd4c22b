namespace MedifyAI.Audit;

/// <summary>One audited access: who read which session, when, and in what role. It never contains chat text.</summary>
[GenerateSerializer, Immutable, Alias("MedifyAI.Audit.AuditEntry")]
public sealed record AuditEntry
{
    [Id(0)] public required DateTimeOffset At { get; init; }

    /// <summary>Subject of the reader.</summary>
    [Id(1)] public required string ActorId { get; init; }

    /// <summary>The role that allowed the access, for example <c>clinician</c>.</summary>
    [Id(2)] public required string Role { get; init; }

    [Id(3)] public required string SessionId { get; init; }

    /// <summary>What was read: <c>session</c> or <c>summary</c>.</summary>
    [Id(4)] public required string Action { get; init; }
}
