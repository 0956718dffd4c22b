namespace MedifyAI.Generation;

/// <summary>The outcome of <see cref="ReplyGuard.Vet"/>.</summary>
/// <param name="Text">The cleaned reply, or null when it was rejected.</param>
/// <param name="RejectReason">Machine-readable reason such as <c>reassurance</c> or <c>diagnosis</c>; null when accepted.</param>
/// <param name="Citations">Ids of the context's references that the reply cites.</param>
public sealed record ReplyVerdict(string? Text, string? RejectReason, IReadOnlyList<string> Citations);
