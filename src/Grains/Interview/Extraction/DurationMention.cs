namespace MedifyAI.Interview.Extraction;

/// <summary>An onset or duration phrase such as "for 3 days" or "since yesterday".</summary>
/// <param name="Position">Token index where the phrase starts.</param>
/// <param name="Sentence">Sentence index of the phrase.</param>
/// <param name="Hours">Duration up to now in hours; an estimate for phrases like "this morning".</param>
/// <param name="Onset">Normalised onset text, for example "3 days ago".</param>
internal readonly record struct DurationMention(int Position, int Sentence, double Hours, string Onset);
