using System.Collections.Frozen;

namespace MedifyAI.Interview.Extraction;

/// <summary>
/// Word lists for negation scope. A trigger opens a scope that covers the next symptom and any symptoms
/// coordinated with it ("no nausea, vomiting or diarrhoea"). The scope ends at a sentence end, at a
/// contrast word such as "but", or at a word that starts a new statement.
/// </summary>
internal static class NegationRules
{
    /// <summary>Phrases that negate what follows.</summary>
    public static PhraseIndex<bool> Triggers { get; } = Index(
        "no", "not", "denies", "denied", "deny", "denying", "without", "never", "nor", "don't have",
        "doesn't have", "didn't have", "haven't had", "hasn't had", "haven't", "hasn't", "don't", "doesn't",
        "didn't", "isn't", "wasn't", "aren't", "won't", "free of", "negative for", "absence of", "absent",
        "none", "neither", "no sign of", "no signs of", "no history of", "never had", "not had", "not any",
        "no evidence of", "ruled out");

    /// <summary>
    /// Phrases that contain a trigger word but do not negate a symptom after them, for example
    /// "no improvement in my cough" or "I'm not sure if I have a fever".
    /// </summary>
    public static PhraseIndex<bool> PseudoTriggers { get; } = Index(
        "no improvement", "not improving", "no better", "not better", "not getting better", "no relief",
        "not go away", "doesn't go away", "won't go away", "didn't go away", "not gone", "not sure", "don't know",
        "not only", "no idea", "didn't help", "doesn't help", "not helping", "not helped", "no matter",
        "not stopping", "won't stop", "can't stop", "doesn't stop", "didn't stop", "never goes away",
        "no longer able", "no more than");

    /// <summary>Words after which a negation no longer applies.</summary>
    public static FrozenSet<string> Terminators { get; } = Keys(
        "but", "however", "although", "though", "except", "yet", "whereas", "apart", "besides", "which",
        "who", "because", "since", "still", "now", "also", "with");

    /// <summary>Words that start a new positive statement once a negated symptom has been seen.</summary>
    public static FrozenSet<string> Affirmations { get; } = Keys(
        "have", "has", "had", "got", "get", "feel", "feeling", "felt", "am", "i'm", "is", "are", "was", "were",
        "report", "reports", "reported", "complain", "complains", "notice", "noticed", "developed", "started",
        "there", "she", "he", "i");

    /// <summary>
    /// Determiners that, after "and" or a comma, introduce a new present item ("no fever, and a cough",
    /// "no red eye, the headache is worse").
    /// </summary>
    public static FrozenSet<string> Determiners { get; } = Keys("a", "an", "some", "my", "the", "his", "her");

    /// <summary>Coordinating words that keep a negation scope open across a list.</summary>
    public static FrozenSet<string> Coordinators { get; } = Keys("or", "and", "nor", "any", "other");

    private static PhraseIndex<bool> Index(params string[] phrases)
    {
        return new PhraseIndex<bool>(phrases.Select(p => KeyValuePair.Create(p, true)));
    }

    private static FrozenSet<string> Keys(params string[] words)
    {
        return words.Select(w => Tokenizer.NormalizeWord(w)).ToFrozenSet(StringComparer.Ordinal);
    }
}
