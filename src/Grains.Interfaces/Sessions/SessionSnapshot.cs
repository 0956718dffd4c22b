namespace MedifyAI.Sessions;

/// <summary>The whole state of a session as a client may read it.</summary>
[GenerateSerializer, Immutable, Alias("MedifyAI.Sessions.SessionSnapshot")]
public sealed record SessionSnapshot
{
    [Id(0)] public required string SessionId { get; init; }

    [Id(1)] public required SessionStatus Status { get; init; }

    [Id(2)] public required PatientProfile Profile { get; init; }

    [Id(3)] public required IReadOnlyList<ChatTurn> Turns { get; init; }

    [Id(4)] public required InterviewState Interview { get; init; }

    [Id(5)] public required IReadOnlyList<RedFlag> RedFlags { get; init; }

    [Id(6)] public required TriageAssessment Triage { get; init; }

    [Id(7)] public required DateTimeOffset CreatedAt { get; init; }

    [Id(8)] public required DateTimeOffset UpdatedAt { get; init; }

    [Id(9)] public DateTimeOffset? EndedAt { get; init; }

    [Id(10)] public string? OwnerId { get; init; }
}
