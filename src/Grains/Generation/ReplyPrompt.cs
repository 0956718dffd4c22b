using Microsoft.Extensions.AI;

namespace MedifyAI.Generation;

/// <summary>The messages sent to the model for one reply, with how the prompt budget was spent.</summary>
/// <param name="Messages">System message, the recent turns, then the current patient message.</param>
/// <param name="EstimatedTokens">Estimated prompt size: characters / 4, rounded up.</param>
/// <param name="FoldedTurns">Stored messages left out verbatim and summarised in the system message.</param>
/// <param name="OmittedReferences">Retrieved passages left out to fit the budget; the prompt says how many.</param>
public sealed record ReplyPrompt(
    IReadOnlyList<ChatMessage> Messages,
    int EstimatedTokens,
    int FoldedTurns,
    int OmittedReferences);
