namespace MedifyAI.Retrieval;

/// <summary>
/// Common English words that carry no topic, left out of lexical vectors and BM25 queries. Negations ("no", "not")
/// are here too: retrieval looks for what a passage is about, and the interview handles negation on its own.
/// </summary>
internal static class EnglishStopWords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "before", "but",
        "by", "can", "could", "did", "do", "does", "during", "each", "for", "from", "had", "has", "have", "he", "her",
        "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "may", "me", "my", "no", "not", "of", "on",
        "or", "our", "she", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these",
        "they", "this", "those", "to", "under", "up", "was", "we", "were", "what", "when", "which", "while", "who",
        "will", "with", "would", "you", "your",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Words.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True when <paramref name="lowerCaseWord"/>, already lower-cased, is a stop word.</summary>
    public static bool Contains(ReadOnlySpan<char> lowerCaseWord) => Lookup.Contains(lowerCaseWord);
}
