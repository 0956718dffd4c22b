namespace MedifyAI.Generation;

/// <summary>A reply written by a responder.</summary>
/// <param name="Text">The reply wording, without the emergency advice the session grain puts in front of it.</param>
/// <param name="Source">Name of the responder that actually wrote it; differs from the configured one after a fallback.</param>
public sealed record ResponderReply(string Text, string Source);
