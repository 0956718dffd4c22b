using Microsoft.Extensions.AI;

namespace MedifyAI.Generation.SageMaker;

/// <summary>A parsed non-streamed reply.</summary>
internal sealed record TgiCompletion(string Text, string? FinishReason, UsageDetails? Usage);
