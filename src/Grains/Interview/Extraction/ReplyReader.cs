using System.Collections.Frozen;

namespace MedifyAI.Interview.Extraction;

/// <summary>
/// Reads how a message works as a reply: an opening yes or no, a bare number, a "none" answer and a
/// closing phrase such as "that's all".
/// </summary>
internal static class ReplyReader
{
    private static readonly PhraseIndex<bool> ClosingPhrases = new(new[]
    {
        "that's all", "that is all", "that's it", "that is it", "i'm done", "i am done", "we're done",
        "all done", "nothing else", "nothing more", "that's everything", "that is everything", "bye", "goodbye",
        "good bye", "i'm finished", "i am finished", "no more questions", "nothing further", "done",
    }.Select(p => KeyValuePair.Create(p, true)));

    // Words that may follow a closing phrase without cancelling it: "that's all, thank you doctor".
    private static readonly FrozenSet<string> Courtesies = new[]
    {
        "thanks", "thank", "you", "doctor", "bye", "goodbye", "for", "your", "help", "so", "much", "very",
        "cheer", "ok", "okay", "now", "then", "for now", "really", "lot", "a",
    }.Select(w => Tokenizer.NormalizeWord(w)).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> NegativeMarkers = new[]
    {
        "none", "nothing", "no", "nope", "nah", "nil", "not", "don't", "n", "never",
    }.Select(w => Tokenizer.NormalizeWord(w)).ToFrozenSet(StringComparer.Ordinal);

    // Words allowed around a bare number answer: "about 7", "I'd say 7".
    private static readonly FrozenSet<string> Hedges = new[]
    {
        "about", "around", "maybe", "probably", "like", "a", "it's", "its", "i'd", "say", "would", "be",
    }
        .Select(w => Tokenizer.NormalizeWord(w)).ToFrozenSet(StringComparer.Ordinal);

    public static void ReadReply(List<Token> tokens, MessageAnalysis analysis)
    {
        var words = 0;
        var allNone = true;
        var anyNegative = false;
        double? number = null;
        var numberOnly = true;
        foreach (var token in tokens)
        {
            if (token.Kind is TokenKind.Word or TokenKind.Number)
            {
                words++;
            }

            if (token.IsWord)
            {
                allNone &= AttributeWords.NoneWords.Contains(token.Key);
                anyNegative |= NegativeMarkers.Contains(token.Key);
                numberOnly &= Hedges.Contains(token.Key) || token.Key is "out" or "of";
            }
            else if (token.Kind == TokenKind.Number)
            {
                number ??= token.Value;
            }
        }

        analysis.WordCount = words;
        analysis.IsNoneAnswer = words > 0 && allNone && anyNegative;
        analysis.LoneNumber = numberOnly ? number : null;
        analysis.Polarity = ReadPolarity(tokens);
        analysis.IsClosing = EndsWithClosingPhrase(tokens);
    }

    private static ReplyPolarity ReadPolarity(List<Token> tokens)
    {
        var first = tokens.FindIndex(t => t.IsWord || t.Kind == TokenKind.Number);
        if (first < 0 || !tokens[first].IsWord)
        {
            return ReplyPolarity.None;
        }

        if (AttributeWords.PolarityPhrases.Match(tokens, first, out var polarity) > 0)
        {
            return polarity;
        }

        var key = tokens[first].Key;
        if (AttributeWords.YesWords.Contains(key))
        {
            return ReplyPolarity.Yes;
        }

        return AttributeWords.NoWords.Contains(key) ? ReplyPolarity.No : ReplyPolarity.None;
    }

    private static bool EndsWithClosingPhrase(List<Token> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].IsWord)
            {
                continue;
            }

            var length = ClosingPhrases.Match(tokens, i, out _);
            if (length == 0)
            {
                continue;
            }

            // "done" alone counts only as a whole message ("done", "I'm done"), not in "done a test".
            if (tokens[i].Key == "done" && i > 0
                && tokens.Take(i).Any(t => t.IsWord && t.Key is not ("i'm" or "all" or "ok" or "okay" or "yes")))
            {
                continue;
            }

            var rest = i + length;
            var onlyCourtesy = true;
            for (var j = rest; j < tokens.Count; j++)
            {
                if (tokens[j].IsWord && !Courtesies.Contains(tokens[j].Key)
                    && ClosingPhrases.Match(tokens, j, out _) == 0)
                {
                    onlyCourtesy = false;
                    break;
                }
            }

            if (onlyCourtesy)
            {
                return true;
            }
        }

        return false;
    }
}
