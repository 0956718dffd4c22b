using MedifyAI.Interview;
using MedifyAI.Sessions;

namespace MedifyAI.Generation;

/// <summary>Everything a responder may use to word one reply.</summary>
/// <remarks>
/// <c>Turns</c> are the stored turns before this message, and <c>Message</c> is the patient message being answered
/// (empty when a caller has none to give). <c>References</c> are the passages retrieved for this turn, best first,
/// or null when retrieval is not configured; the prompt fences them as data and the reply may cite them by id.
/// </remarks>
public sealed record ReplyContext(
    string SessionId,
    PatientProfile Profile,
    IReadOnlyList<ChatTurn> Turns,
    InterviewState Interview,
    InterviewStep Step,
    IReadOnlyList<RedFlag> RedFlags,
    string Message = "",
    IReadOnlyList<ReplyReference>? References = null);
