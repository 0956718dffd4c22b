using System.Text.Json.Nodes;

namespace MedifyAI.Tests.Fakes;

/// <summary>
/// BM25 (k1 1.2, b 0.75, OpenSearch's defaults) for the fake's <c>match</c> queries, over every document of the
/// index, as one shard would score them. Any query word matches (the <c>match</c> default operator is OR).
/// </summary>
/// <remarks>
/// Words are lower-cased runs of letters and digits, without the stemming or stop words of OpenSearch's language
/// analysers, so scores differ from a real cluster's. The order of clearly better and worse matches is the same.
/// </remarks>
internal static class FakeOpenSearchBm25
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private static readonly HashSet<string> BuiltInAnalyzers = new(StringComparer.Ordinal)
    {
        "standard", "simple", "whitespace", "stop", "keyword", "english",
    };

    public static bool IsBuiltInAnalyzer(string name) => BuiltInAnalyzers.Contains(name);

    /// <summary>Returns each document that contains a query word in <paramref name="field"/>, with its BM25 score.</summary>
    public static IEnumerable<(string Id, double Score)> Score(Dictionary<string, JsonObject> documents, string field, string query)
    {
        var queryWords = Words(query).Distinct(StringComparer.Ordinal).ToList();
        var fields = documents.ToDictionary(
            pair => pair.Key,
            pair => Words((string?)pair.Value[field] ?? string.Empty).ToList(),
            StringComparer.Ordinal);
        if (fields.Count == 0 || queryWords.Count == 0)
        {
            return [];
        }

        var averageLength = fields.Values.Average(words => (double)words.Count);
        var documentFrequency = queryWords.ToDictionary(
            word => word,
            word => fields.Values.Count(words => words.Contains(word)),
            StringComparer.Ordinal);

        var results = new List<(string, double)>();
        foreach (var (id, words) in fields)
        {
            double score = 0;
            foreach (var word in queryWords)
            {
                var frequency = words.Count(candidate => candidate == word);
                if (frequency == 0)
                {
                    continue;
                }

                var df = documentFrequency[word];
                var idf = Math.Log(1 + ((fields.Count - df + 0.5) / (df + 0.5)));
                score += idf * frequency * (K1 + 1) / (frequency + (K1 * (1 - B + (B * words.Count / averageLength))));
            }

            if (score > 0)
            {
                results.Add((id, score));
            }
        }

        return results;
    }

    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }
}
