using MedifyAI.Sessions;

namespace MedifyAI.Sessions;

/// <summary>The stored state of one patient session.</summary>
[GenerateSerializer, Alias("MedifyAI.Sessions.PatientSessionState")]
public sealed class PatientSessionState
{
    [Id(0)] public SessionStatus Status { get; set; }

    [Id(1)] public string? OwnerId { get; set; }

    [Id(2)] public PatientProfile? Profile { get; set; }

    /// <summary>
    /// Every message of the chat in order, the greeting first. The first <see cref="FoldedTurnCount"/> entries may
    /// hold only an excerpt of their text (see <see cref="TurnArchive"/>).
    /// </summary>
    [Id(3)] public List<ChatTurn> Turns { get; set; } = [];

    [Id(4)] public InterviewState Interview { get; set; } = new();

    [Id(5)] public List<RedFlag> RedFlags { get; set; } = [];

    [Id(6)] public TriageAssessment Triage { get; set; } = new(TriageLevel.SelfCare, []);

    [Id(7)] public DateTimeOffset CreatedAt { get; set; }

    [Id(8)] public DateTimeOffset UpdatedAt { get; set; }

    [Id(9)] public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The summary written when the session ended.</summary>
    [Id(10)] public ClinicalSummary? Summary { get; set; }

    /// <summary>Number of patient messages so far; the next message gets this number plus one.</summary>
    [Id(11)] public int PatientTurnCount { get; set; }

    /// <summary>Number of leading entries of <see cref="Turns"/> that <see cref="TurnArchive"/> has folded.</summary>
    [Id(12)] public int FoldedTurnCount { get; set; }
}
