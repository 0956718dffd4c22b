namespace MedifyAI.Ingestion;

/// <summary>
/// Splits normalised text into overlapping word windows. Consecutive chunks share
/// <c>overlapWords</c> words, so a sentence cut at one boundary appears whole in one of the two chunks.
/// </summary>
public sealed class TextChunker
{
    private readonly int _maxWords;
    private readonly int _stride;

    public TextChunker(int maxWords, int overlapWords)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWords, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(overlapWords);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(overlapWords, maxWords);
        _maxWords = maxWords;
        _stride = maxWords - overlapWords;
    }

    /// <summary>Returns the chunks of <paramref name="text"/>, which must already have single spaces between words.</summary>
    public IReadOnlyList<string> Split(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= _maxWords)
        {
            return words.Length == 0 ? [] : [string.Join(' ', words)];
        }

        var chunks = new List<string>();
        for (var start = 0; ; start += _stride)
        {
            var count = Math.Min(_maxWords, words.Length - start);
            chunks.Add(string.Join(' ', words, start, count));
            if (start + count >= words.Length)
            {
                break;
            }
        }

        return chunks;
    }

    /// <summary>Builds the chunk id: stable across runs, so a re-run replaces chunks instead of adding copies.</summary>
    public static string ChunkId(string dataset, string recordId, int index) => $"{dataset}/{recordId}#{index}";
}
