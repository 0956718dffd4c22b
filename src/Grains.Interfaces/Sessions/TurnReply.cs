using MedifyAI.Retrieval;

namespace MedifyAI.Sessions;

/// <summary>The reply to one patient message with the clinical context behind it.</summary>
[GenerateSerializer, Immutable, Alias("MedifyAI.Sessions.TurnReply")]
public sealed record TurnReply
{
    [Id(0)] public required string SessionId { get; init; }

    /// <summary>Exchange number of this message and its reply, from 1.</summary>
    [Id(1)] public required int TurnNumber { get; init; }

    [Id(2)] public required string Reply { get; init; }

    [Id(3)] public required TriageAssessment Triage { get; init; }

    /// <summary>Every red flag raised in the session up to and including this turn.</summary>
    [Id(4)] public required IReadOnlyList<RedFlag> RedFlags { get; init; }

    /// <summary>Symptoms reported so far.</summary>
    [Id(5)] public required IReadOnlyList<Finding> Positives { get; init; }

    /// <summary>Symptoms denied so far.</summary>
    [Id(6)] public required IReadOnlyList<Finding> Negatives { get; init; }

    /// <summary>Which responder wrote the reply, for example <c>guided-interview</c>.</summary>
    [Id(7)] public required string Source { get; init; }

    /// <summary>True when this message closed the session, for example "that's all".</summary>
    [Id(8)] public bool SessionEnded { get; init; }

    /// <summary>True when this request was a retry and the stored reply was returned.</summary>
    [Id(9)] public bool Replayed { get; init; }

    /// <summary>
    /// Published cases and medical answers related to the conversation so far, for the clinician; they are
    /// context, never a diagnosis. Empty when no dataset is ingested or nothing relevant was found.
    /// </summary>
    [Id(10)] public IReadOnlyList<KnowledgeReference> References { get; init; } = [];

    /// <summary>
    /// Why the guided interview wrote this reply in place of the configured model, for example <c>timeout</c> or
    /// <c>replaced-reassurance</c>; null when the configured responder wrote it.
    /// </summary>
    [Id(11)] public string? FallbackReason { get; init; }

    /// <summary>Prompt tokens the model reported for this reply; null when no model wrote it or none were reported.</summary>
    [Id(12)] public int? InputTokens { get; init; }

    /// <summary>Generated tokens the model reported for this reply; null when no model wrote it or none were reported.</summary>
    [Id(13)] public int? OutputTokens { get; init; }

    /// <summary>Ids of the retrieved passages the reply cites, in the order they first appear.</summary>
    [Id(14)] public IReadOnlyList<string> Citations { get; init; } = [];
}
