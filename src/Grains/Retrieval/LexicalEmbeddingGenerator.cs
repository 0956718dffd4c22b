using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MedifyAI.Retrieval;

/// <summary>
/// The offline default embedder: words and word bigrams hashed into a fixed number of dimensions (feature
/// hashing with a sign bit, so collisions cancel rather than add up), weighted by sublinear term frequency
/// (1 + ln tf) and L2-normalised. It needs no model and gives the same vector for the same text on any machine.
/// </summary>
/// <remarks>
/// A query (see <see cref="QueryInputType"/>) is also weighted by the inverse document frequency of each
/// dimension over the stored chunks, so rare terms count more than common ones, as in BM25. Documents are not,
/// so stored vectors never change when the corpus grows.
/// </remarks>
public sealed class LexicalEmbeddingGenerator(
    IOptions<LexicalEmbeddingOptions> options,
    ITermStatistics? statistics = null) : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>Key in <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> that marks the input type.</summary>
    public const string InputTypeKey = "input_type";

    /// <summary>Value of <see cref="InputTypeKey"/> for search queries; anything else is embedded as a document.</summary>
    public const string QueryInputType = "query";

    private readonly int _dimensions = options.Value.Dimensions;
    private readonly float _bigramWeight = (float)options.Value.BigramWeight;

    public int Dimensions => _dimensions;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var query = options?.AdditionalProperties?.TryGetValue(InputTypeKey, out var type) == true
            && string.Equals(type as string, QueryInputType, StringComparison.Ordinal);

        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            embeddings.Add(new Embedding<float>(Embed(value, query)) { ModelId = "medifyai-lexical", CreatedAt = null });
        }

        return Task.FromResult(embeddings);
    }

    /// <summary>Embeds one text; <paramref name="query"/> applies the IDF weighting described on the class.</summary>
    public float[] Embed(string text, bool query)
    {
        var counts = CountTerms(text);
        var vector = new float[_dimensions];
        foreach (var (hash, count) in counts)
        {
            var weight = 1 + MathF.Log(count.Count);
            if (count.Bigram)
            {
                weight *= _bigramWeight;
            }

            var dimension = (int)(hash % (ulong)_dimensions);
            vector[dimension] += (hash >> 63) == 0 ? weight : -weight;
        }

        if (query && statistics is { DocumentCount: > 0 } stats)
        {
            var documents = (double)stats.DocumentCount;
            for (var i = 0; i < vector.Length; i++)
            {
                if (vector[i] != 0)
                {
                    var frequency = stats.DocumentFrequency(i);
                    vector[i] *= (float)Math.Log(1 + ((documents - frequency + 0.5) / (frequency + 0.5)));
                }
            }
        }

        Normalize(vector);
        return vector;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static Dictionary<ulong, (int Count, bool Bigram)> CountTerms(string text)
    {
        var counts = new Dictionary<ulong, (int Count, bool Bigram)>();
        var token = new char[64];
        var length = 0;
        ulong previous = 0;

        // Words shorter than two or longer than the buffer are skipped; a stop word does not break a bigram.
        void Flush()
        {
            if (length < 2 || length > token.Length)
            {
                length = 0;
                return;
            }

            var word = token.AsSpan(0, length);
            length = 0;
            if (EnglishStopWords.Contains(word))
            {
                return;
            }

            var hash = Hash(word);
            Add(counts, hash, bigram: false);
            if (previous != 0)
            {
                Add(counts, Mix(previous, hash), bigram: true);
            }

            previous = hash;
        }

        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (length < token.Length)
                {
                    token[length] = char.ToLowerInvariant(c);
                }

                length++;
            }
            else if (length > 0)
            {
                Flush();
            }
        }

        Flush();
        return counts;
    }

    private static void Add(Dictionary<ulong, (int Count, bool Bigram)> counts, ulong hash, bool bigram)
    {
        counts[hash] = counts.TryGetValue(hash, out var existing) ? (existing.Count + 1, bigram) : (1, bigram);
    }

    /// <summary>FNV-1a over the UTF-16 code units, finished with a 64-bit mixer so the high bit is usable as a sign.</summary>
    private static ulong Hash(ReadOnlySpan<char> word)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in word)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return Finish(hash);
    }

    private static ulong Mix(ulong left, ulong right) => Finish((left * 31) ^ (right + 0x9E3779B97F4A7C15UL));

    private static ulong Finish(ulong value)
    {
        value ^= value >> 33;
        value *= 0xFF51AFD7ED558CCDUL;
        value ^= value >> 33;
        value *= 0xC4CEB9FE1A85EC53UL;
        value ^= value >> 33;
        return value == 0 ? 1 : value;
    }

    private static void Normalize(float[] vector)
    {
        var sum = 0.0;
        foreach (var value in vector)
        {
            sum += value * value;
        }

        if (sum == 0)
        {
            return;
        }

        var scale = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }
    }
}
