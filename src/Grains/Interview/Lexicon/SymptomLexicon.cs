using System.Collections.Frozen;
using MedifyAI.Interview.Extraction;

namespace MedifyAI.Interview.Lexicon;

/// <summary>
/// The symptom and body-part phrase indexes built from <see cref="SymptomCatalog"/> and
/// <see cref="BodyPartCatalog"/>. Immutable after construction and shared by every session.
/// </summary>
internal sealed class SymptomLexicon
{
    private readonly FrozenDictionary<string, SymptomDefinition> _byId;

    private SymptomLexicon()
    {
        _byId = SymptomCatalog.All.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        Symptoms = new PhraseIndex<SymptomDefinition>(
            SymptomCatalog.All.SelectMany(s => s.Synonyms.Select(p => KeyValuePair.Create(p, s))));
        BodyParts = new PhraseIndex<BodyPart>(BodyPartCatalog.Phrases);

        var unknown = SymptomCatalog.All
            .Select(s => s.Implies)
            .Concat(BodyPartCatalog.Phrases.SelectMany(p => new[] { p.Value.PainSymptomId, p.Value.SwellingSymptomId }))
            .Where(id => id is not null && !_byId.ContainsKey(id))
            .ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"The symptom lexicon refers to unknown symptom ids: {string.Join(", ", unknown)}. "
                + "Add them to SymptomCatalog or fix the reference.");
        }
    }

    /// <summary>The one shared instance.</summary>
    public static SymptomLexicon Shared { get; } = new();

    public PhraseIndex<SymptomDefinition> Symptoms { get; }

    public PhraseIndex<BodyPart> BodyParts { get; }

    public IEnumerable<SymptomDefinition> All => SymptomCatalog.All;

    /// <summary>Returns the entry with <paramref name="id"/>, or throws when no entry has it.</summary>
    public SymptomDefinition Get(string id)
    {
        return _byId.TryGetValue(id, out var definition)
            ? definition
            : throw new KeyNotFoundException($"No symptom with id '{id}' is in the lexicon.");
    }

    public bool TryGet(string id, out SymptomDefinition definition)
    {
        return _byId.TryGetValue(id, out definition!);
    }
}
