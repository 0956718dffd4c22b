using System.Collections.Frozen;

namespace MedifyAI.Interview.Extraction;

/// <summary>
/// Multi-word phrases indexed by their first word, matched longest first against a token list.
/// Built once at start-up and read-only afterwards, so one instance is safe to share between threads.
/// </summary>
/// <typeparam name="T">The value a phrase stands for.</typeparam>
internal sealed class PhraseIndex<T>
{
    private readonly FrozenDictionary<string, Entry[]> _byFirstWord;

    public PhraseIndex(IEnumerable<KeyValuePair<string, T>> phrases)
    {
        var lists = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
        var tokens = new List<Token>();
        foreach (var (phrase, value) in phrases)
        {
            Tokenizer.Tokenize(phrase, tokens);
            if (tokens.Count == 0)
            {
                throw new ArgumentException($"The phrase '{phrase}' contains no words.", nameof(phrases));
            }

            var keys = tokens.Select(t => t.Key).ToArray();
            if (!lists.TryGetValue(keys[0], out var list))
            {
                list = [];
                lists.Add(keys[0], list);
            }

            list.Add(new Entry(keys, value));
        }

        _byFirstWord = lists.ToFrozenDictionary(
            pair => pair.Key,
            pair => pair.Value.OrderByDescending(e => e.Keys.Length).ToArray(),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Matches the longest phrase that starts at <paramref name="start"/> and stays inside one sentence.
    /// </summary>
    /// <returns>The number of tokens matched, or 0 when no phrase starts there.</returns>
    public int Match(List<Token> tokens, int start, out T value)
    {
        value = default!;
        if (!_byFirstWord.TryGetValue(tokens[start].Key, out var entries))
        {
            return 0;
        }

        foreach (var entry in entries)
        {
            if (Matches(tokens, start, entry.Keys))
            {
                value = entry.Value;
                return entry.Keys.Length;
            }
        }

        return 0;
    }

    private static bool Matches(List<Token> tokens, int start, string[] keys)
    {
        if (start + keys.Length > tokens.Count)
        {
            return false;
        }

        for (var i = 1; i < keys.Length; i++)
        {
            if (!string.Equals(tokens[start + i].Key, keys[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Entry(string[] Keys, T Value);
}
