using Microsoft.Extensions.AI;

namespace MedifyAI.Generation.SageMaker;

/// <summary>One parsed server-sent event of a streamed reply.</summary>
internal sealed record TgiStreamEvent(string? TextDelta, string? FinishReason, UsageDetails? Usage, bool IsDone);
