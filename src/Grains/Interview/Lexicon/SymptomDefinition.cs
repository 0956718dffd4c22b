namespace MedifyAI.Interview.Lexicon;

/// <summary>A lexicon entry: one symptom with the phrases patients and clinicians use for it.</summary>
/// <param name="Id">Stable kebab-case id stored in findings, for example <c>chest-pain</c>.</param>
/// <param name="Name">Clinical name used in replies and summaries, for example "chest pain".</param>
/// <param name="Kind">How the interview treats the entry.</param>
/// <param name="Synonyms">Phrases that mean this symptom, lay and clinical.</param>
/// <param name="Implies">Id of a broader symptom that a present mention also records, or null.</param>
internal sealed record SymptomDefinition(
    string Id,
    string Name,
    SymptomKind Kind,
    IReadOnlyList<string> Synonyms,
    string? Implies = null)
{
    public bool IsComplaint => Kind is SymptomKind.Symptom or SymptomKind.Pain;
}
