using MedifyAI.Sessions;

namespace MedifyAI.Generation;

/// <summary>What a summary writer may use to write the end-of-session clinical summary.</summary>
/// <remarks><c>References</c> are passages retrieved during the session that the summary may cite; null when none.</remarks>
public sealed record SummaryRequest(
    string SessionId,
    PatientProfile Profile,
    InterviewState Interview,
    IReadOnlyList<RedFlag> RedFlags,
    TriageAssessment Triage,
    DateTimeOffset Now,
    IReadOnlyList<ReplyReference>? References = null);
