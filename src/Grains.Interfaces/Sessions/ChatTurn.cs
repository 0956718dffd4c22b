using MedifyAI.Retrieval;

namespace MedifyAI.Sessions;

/// <summary>One message in the conversation, from either side.</summary>
[GenerateSerializer, Immutable, Alias("MedifyAI.Sessions.ChatTurn")]
public sealed record ChatTurn
{
    /// <summary>Exchange number: a patient message and the reply to it share one number; the greeting is 0.</summary>
    [Id(0)] public required int Number { get; init; }

    [Id(1)] public required ChatRole Role { get; init; }

    [Id(2)] public required string Text { get; init; }

    [Id(3)] public required DateTimeOffset At { get; init; }

    [Id(4)] public string? ClientMessageId { get; init; }

    /// <summary>Triage given with an assistant reply, kept so an idempotent retry returns the same answer.</summary>
    [Id(5)] public TriageAssessment? Triage { get; init; }

    /// <summary>Which responder wrote an assistant reply, for example <c>guided-interview</c>.</summary>
    [Id(6)] public string? Source { get; init; }

    /// <summary>References cited by an assistant reply, kept so an idempotent retry returns them too.</summary>
    [Id(7)] public IReadOnlyList<KnowledgeReference> References { get; init; } = [];

    /// <summary>Why the guided interview replaced the configured model for this reply; null otherwise.</summary>
    [Id(8)] public string? FallbackReason { get; init; }

    /// <summary>Prompt tokens the model reported for an assistant reply, when known.</summary>
    [Id(9)] public int? InputTokens { get; init; }

    /// <summary>Generated tokens the model reported for an assistant reply, when known.</summary>
    [Id(10)] public int? OutputTokens { get; init; }

    /// <summary>Ids of the retrieved passages an assistant reply cites.</summary>
    [Id(11)] public IReadOnlyList<string> Citations { get; init; } = [];
}
