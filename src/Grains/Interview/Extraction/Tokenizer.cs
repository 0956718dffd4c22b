using System.Collections.Frozen;
using System.Globalization;

namespace MedifyAI.Interview.Extraction;

/// <summary>
/// Splits text into lower-case word, number and punctuation tokens and normalises common spelling
/// variants, contractions and plurals, so phrase lists only need one spelling of each word.
/// </summary>
internal static class Tokenizer
{
    // British spellings, run-together words and frequent misspellings, mapped to the form the lexicon uses.
    private static readonly FrozenDictionary<string, string> Spellings = new Dictionary<string, string>
    {
        ["diarrhoea"] = "diarrhea",
        ["diarrea"] = "diarrhea",
        ["diarhea"] = "diarrhea",
        ["vomitting"] = "vomiting",
        ["vommiting"] = "vomiting",
        ["vomitted"] = "vomited",
        ["nausia"] = "nausea",
        ["nasea"] = "nausea",
        ["dizzyness"] = "dizziness",
        ["dizzines"] = "dizziness",
        ["headach"] = "headache",
        ["hedache"] = "headache",
        ["haedache"] = "headache",
        ["feaver"] = "fever",
        ["fevor"] = "fever",
        ["caugh"] = "cough",
        ["oedema"] = "edema",
        ["haematuria"] = "hematuria",
        ["haemoptysis"] = "hemoptysis",
        ["haematemesis"] = "hematemesis",
        ["haematochezia"] = "hematochezia",
        ["melaena"] = "melena",
        ["malena"] = "melena",
        ["dyspnoea"] = "dyspnea",
        ["orthopnoea"] = "orthopnea",
        ["rhinorrhoea"] = "rhinorrhea",
        ["amenorrhoea"] = "amenorrhea",
        ["amennorhea"] = "amenorrhea",
        ["dysmenorrhoea"] = "dysmenorrhea",
        ["menorrhoea"] = "menorrhea",
        ["palpatations"] = "palpitations",
        ["palpatation"] = "palpitation",
        ["pruritis"] = "pruritus",
        ["paraesthesia"] = "paresthesia",
        ["paraesthesias"] = "paresthesia",
        ["anaemia"] = "anemia",
        ["sorethroat"] = "sorethroat",
        ["stomache"] = "stomachache",
        ["distention"] = "distension",
        ["nauseus"] = "nauseous",
        ["tummyache"] = "stomachache",
        ["bellyache"] = "stomachache",
        ["cannot"] = "can't",
        ["cant"] = "can't",
        ["dont"] = "don't",
        ["doesnt"] = "doesn't",
        ["didnt"] = "didn't",
        ["havent"] = "haven't",
        ["hasnt"] = "hasn't",
        ["isnt"] = "isn't",
        ["wasnt"] = "wasn't",
        ["wont"] = "won't",
        ["arent"] = "aren't",
        ["im"] = "i'm",
        ["ive"] = "i've",
        ["thats"] = "that's",

        // Possessives compare equal, so "blood in her urine" matches the phrase "blood in my urine".
        ["his"] = "my",
        ["her"] = "my",
        ["their"] = "my",
        ["your"] = "my",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Tokenises <paramref name="text"/> into <paramref name="tokens"/>, which is cleared first.</summary>
    public static void Tokenize(string text, List<Token> tokens)
    {
        tokens.Clear();
        var sentence = 0;
        var clause = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetter(c))
            {
                var start = i;
                while (i < text.Length && (char.IsLetter(text[i]) || IsInnerApostrophe(text, i)))
                {
                    i++;
                }

                var key = NormalizeWord(text.AsSpan(start, i - start));
                tokens.Add(new Token(key, TokenKind.Word, 0, sentence, clause));
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length
                    && (char.IsAsciiDigit(text[i])
                        || (text[i] == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))))
                {
                    i++;
                }

                var span = text.AsSpan(start, i - start);
                var value = double.Parse(span, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                tokens.Add(new Token(span.ToString(), TokenKind.Number, value, sentence, clause));
                continue;
            }

            switch (c)
            {
                case '.' or '!' or '?' or ';' or '\n':
                    if (tokens.Count > 0 && tokens[^1].Kind != TokenKind.SentenceEnd)
                    {
                        tokens.Add(new Token(".", TokenKind.SentenceEnd, 0, sentence, clause));
                        sentence++;
                        clause++;
                    }

                    break;
                case ',' or ':':
                    tokens.Add(new Token(",", TokenKind.Comma, 0, sentence, clause));
                    clause++;
                    break;
                case '/':
                    tokens.Add(new Token("/", TokenKind.Slash, 0, sentence, clause));
                    break;
                case '°':
                    tokens.Add(new Token("°", TokenKind.Degree, 0, sentence, clause));
                    break;
            }

            i++;
        }
    }

    /// <summary>Returns the comparison key of a single word, as <see cref="Tokenize"/> computes it.</summary>
    public static string NormalizeWord(ReadOnlySpan<char> word)
    {
        Span<char> buffer = word.Length <= 64 ? stackalloc char[word.Length] : new char[word.Length];
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            buffer[i] = c is '\u2019' or '\u2018' or '`' ? '\'' : char.ToLowerInvariant(c);
        }

        var lower = buffer.TrimEnd('\'').ToString();
        if (Spellings.TryGetValue(lower, out var corrected))
        {
            lower = corrected;
        }

        return Singularize(lower);
    }

    // Strips a plural ending so "rashes" and "rash" compare equal. Applied to both the lexicon and the
    // text, so a wrong strip (for example "was" to "wa") is harmless as long as it is consistent.
    private static string Singularize(string word)
    {
        if (word.Length <= 3 || word.Contains('\''))
        {
            return word;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal))
        {
            return string.Concat(word.AsSpan(0, word.Length - 3), "y");
        }

        if (word.EndsWith("ches", StringComparison.Ordinal) && !word.EndsWith("aches", StringComparison.Ordinal)
            || word.EndsWith("shes", StringComparison.Ordinal)
            || word.EndsWith("sses", StringComparison.Ordinal)
            || word.EndsWith("xes", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i'))
        {
            return word[..^1];
        }

        return word;
    }

    private static bool IsInnerApostrophe(string text, int i)
    {
        return text[i] is '\'' or '\u2019'
            && i + 1 < text.Length
            && char.IsLetter(text[i + 1]);
    }
}
