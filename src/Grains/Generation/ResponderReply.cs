namespace MedifyAI.Generation;

/// <summary>A reply written by a responder.</summary>
/// <param name="Text">The reply wording, without the emergency advice the session grain puts in front of it.</param>
/// <param name="Source">Name of the responder that actually wrote it; differs from the configured one after a fallback.</param>
public sealed record ResponderReply(string Text, string Source)
{
    /// <summary>Why the guided interview wrote the reply in place of the configured model; null otherwise.</summary>
    public string? FallbackReason { get; init; }

    /// <summary>Prompt tokens the model reported, when known.</summary>
    public int? InputTokens { get; init; }

    /// <summary>Generated tokens the model reported, when known.</summary>
    public int? OutputTokens { get; init; }

    /// <summary>Ids of the references the reply cites.</summary>
    public IReadOnlyList<string> Citations { get; init; } = [];
}
