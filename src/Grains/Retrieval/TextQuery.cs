using System.Globalization;
using System.Text;

namespace MedifyAI.Retrieval;

/// <summary>
/// Turns free text into the words of a BM25 query: lower-cased runs of letters and digits, two characters or
/// longer, without stop words or repeats. Users' punctuation and operators never reach a query parser.
/// </summary>
internal static class TextQuery
{
    /// <summary>
    /// Maximum words kept from one query. The cap bounds the size of an FTS5 expression and the cost of looking up
    /// each word's chunk count; index options limit the words actually scanned.
    /// </summary>
    public const int MaxTerms = 256;

    /// <summary>Returns the query words in order of first appearance, lower-cased and without diacritics.</summary>
    public static IReadOnlyList<string> Terms(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = RemoveDiacritics(text);
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        for (var i = 0; i <= text.Length && terms.Count < MaxTerms; i++)
        {
            if (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                word.Append(char.ToLowerInvariant(text[i]));
                continue;
            }

            if (word.Length >= 2 && !EnglishStopWords.Contains(word.ToString()) && seen.Add(word.ToString()))
            {
                terms.Add(word.ToString());
            }

            word.Clear();
        }

        return terms;
    }

    /// <summary>
    /// Returns an SQLite FTS5 MATCH expression that matches any of <paramref name="terms"/> (words from
    /// <see cref="Terms"/>), each as a quoted string so it is never read as an operator, or null when there are none.
    /// </summary>
    public static string? ToFts5Match(IReadOnlyList<string> terms) =>
        terms.Count == 0
            ? null
            : string.Join(" OR ", terms.Select(term => string.Create(CultureInfo.InvariantCulture, $"\"{term}\"")));

    /// <summary>Folds accented letters to their base letter, as the FTS5 unicode61 tokenizer does.</summary>
    private static string RemoveDiacritics(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var character in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(character) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(character);
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }
}
