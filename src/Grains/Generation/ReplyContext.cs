using MedifyAI.Interview;
using MedifyAI.Sessions;

namespace MedifyAI.Generation;

/// <summary>Everything a responder may use to word one reply.</summary>
public sealed record ReplyContext(
    string SessionId,
    PatientProfile Profile,
    IReadOnlyList<ChatTurn> Turns,
    InterviewState Interview,
    InterviewStep Step,
    IReadOnlyList<RedFlag> RedFlags);
