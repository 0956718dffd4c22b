using MedifyAI.Interview.Lexicon;

namespace MedifyAI.Interview.Extraction;

/// <summary>
/// Reads symptoms, negation and attributes (onset, duration, severity, location) from one message.
/// Stateless apart from the shared read-only lexicon, so one instance serves every session.
/// </summary>
internal sealed class SymptomExtractor(SymptomLexicon lexicon)
{
    // A negation trigger must reach its first symptom within this many words ("no history of any chest pain").
    private const int FirstItemWindow = 6;

    // Words allowed between two coordinated negated items before the scope closes.
    private const int CoordinationGap = 3;

    // Maximum distance in tokens between a pain word and the body part it refers to.
    private const int BodyPartWindow = 6;

    /// <summary>Analyses <paramref name="text"/>.</summary>
    public MessageAnalysis Extract(string text)
    {
        var tokens = new List<Token>(Math.Min(text.Length / 4 + 8, 2048));
        Tokenizer.Tokenize(text, tokens);

        var analysis = new MessageAnalysis();
        var consumed = new bool[tokens.Count];
        var loosePainWords = new List<(int Position, bool Negated, bool Swelling)>();

        ScanSymptoms(tokens, consumed, analysis, loosePainWords);
        var bodyParts = FindBodyParts(tokens, consumed);
        AttachRadiation(analysis, bodyParts);
        PairStiffnessWithNeck(analysis, bodyParts);
        PairPainWithBodyParts(tokens, analysis, bodyParts, loosePainWords);
        AttachLocations(analysis, bodyParts);
        QualifyLocations(tokens, analysis);
        AttributeReader.ReadAttributes(tokens, consumed, analysis);
        AddFeverFromTemperature(tokens, analysis);
        AddImpliedSymptoms(analysis);
        ReplyReader.ReadReply(tokens, analysis);
        return analysis;
    }

    private void ScanSymptoms(
        List<Token> tokens,
        bool[] consumed,
        MessageAnalysis analysis,
        List<(int Position, bool Negated, bool Swelling)> loosePainWords)
    {
        var negated = false;
        var itemsInScope = 0;
        var wordsSinceItem = 0;
        var previousKey = string.Empty;

        for (var i = 0; i < tokens.Count;)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.SentenceEnd)
            {
                negated = false;
                i++;
                continue;
            }

            if (!token.IsWord)
            {
                previousKey = token.Key;
                i++;
                continue;
            }

            var length = lexicon.Symptoms.Match(tokens, i, out var symptom);
            if (length > 0)
            {
                analysis.Mentions.Add(new SymptomMention(symptom, !negated, i, i + length, token.Sentence)
                {
                    Clause = token.Clause,
                });
                MarkConsumed(consumed, i, length);
                if (negated)
                {
                    itemsInScope++;
                    wordsSinceItem = 0;
                }

                previousKey = tokens[i + length - 1].Key;
                i += length;
                continue;
            }

            length = NegationRules.PseudoTriggers.Match(tokens, i, out _);
            if (length > 0)
            {
                negated = false;
                MarkConsumed(consumed, i, length);
                previousKey = tokens[i + length - 1].Key;
                i += length;
                continue;
            }

            length = NegationRules.Triggers.Match(tokens, i, out _);
            if (length > 0)
            {
                negated = true;
                itemsInScope = 0;
                wordsSinceItem = 0;

                previousKey = tokens[i + length - 1].Key;
                i += length;
                continue;
            }

            var isPain = AttributeWords.PainWords.Contains(token.Key);
            var isSwelling = AttributeWords.SwellingWords.Contains(token.Key);
            if (isPain || isSwelling)
            {
                loosePainWords.Add((i, negated, isSwelling));
                if (negated)
                {
                    itemsInScope++;
                    wordsSinceItem = 0;
                }

                previousKey = token.Key;
                i++;
                continue;
            }

            if (negated)
            {
                negated = StaysNegated(token.Key, previousKey, itemsInScope, ref wordsSinceItem);
            }

            previousKey = token.Key;
            i++;
        }
    }

    private static bool StaysNegated(string key, string previousKey, int itemsInScope, ref int wordsSinceItem)
    {
        if (NegationRules.Terminators.Contains(key))
        {
            return false;
        }

        wordsSinceItem++;
        if (itemsInScope == 0)
        {
            return wordsSinceItem <= FirstItemWindow;
        }

        if (NegationRules.Affirmations.Contains(key))
        {
            return false;
        }

        if (previousKey is "and" or "," && NegationRules.Determiners.Contains(key))
        {
            return false;
        }

        return wordsSinceItem <= CoordinationGap;
    }

    private List<BodyPartMention> FindBodyParts(List<Token> tokens, bool[] consumed)
    {
        var parts = new List<BodyPartMention>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (consumed[i] || !tokens[i].IsWord)
            {
                continue;
            }

            var length = lexicon.BodyParts.Match(tokens, i, out var part);
            if (length == 0)
            {
                continue;
            }

            // "The pain came back" and "the back of my throat" do not name the back.
            if (part.Label == "back"
                && ((i > 0 && AttributeWords.BackVerbs.Contains(tokens[i - 1].Key))
                    || (i + 1 < tokens.Count && tokens[i + 1].Key == "of")))
            {
                continue;
            }

            var first = i;
            while (first > 0 && first > i - 3 && AttributeWords.LocationQualifiers.Contains(tokens[first - 1].Key))
            {
                first--;
            }

            var label = first == i
                ? part.Label
                : string.Join(' ', tokens.Skip(first).Take(i - first).Select(t => t.Key).Append(part.Label));
            parts.Add(new BodyPartMention(part, label, i, tokens[i].Sentence, tokens[i].Clause));
            i += length - 1;
        }

        return parts;
    }

    private static void AttachRadiation(MessageAnalysis analysis, List<BodyPartMention> parts)
    {
        for (var m = analysis.Mentions.Count - 1; m >= 0; m--)
        {
            var mention = analysis.Mentions[m];
            if (mention.Symptom.Kind != SymptomKind.Radiation)
            {
                continue;
            }

            List<string>? targets = null;
            foreach (var part in parts)
            {
                if (!part.UsedByPain && part.Sentence == mention.Sentence
                    && part.Position >= mention.End && part.Position - mention.End <= 8)
                {
                    part.UsedByPain = true;
                    part.UsedBySwelling = true;
                    (targets ??= []).Add(part.Label);
                }
            }

            if (targets is not null)
            {
                mention.Location = string.Join(", ", targets);
            }
            else if (mention.Present)
            {
                // "The rash is spreading" or "it goes away": a present radiation needs a body part to mean anything.
                analysis.Mentions.RemoveAt(m);
            }
        }
    }

    /// <summary>
    /// Reads "stiff" near the neck as a stiff neck, keeping its polarity: "my neck is not stiff" denies the symptom
    /// that meningism screening checks, rather than a general stiffness.
    /// </summary>
    private void PairStiffnessWithNeck(MessageAnalysis analysis, List<BodyPartMention> parts)
    {
        for (var m = 0; m < analysis.Mentions.Count; m++)
        {
            var mention = analysis.Mentions[m];
            if (mention.Symptom.Id != "stiffness")
            {
                continue;
            }

            var neck = parts.FirstOrDefault(part => part.Part.Label == "neck" && !part.UsedByPain
                && part.Clause == mention.Clause && Math.Abs(part.Position - mention.Start) <= BodyPartWindow);
            if (neck is null)
            {
                continue;
            }

            neck.UsedByPain = true;
            analysis.Mentions[m] = new SymptomMention(
                lexicon.Get("stiff-neck"),
                mention.Present,
                Math.Min(mention.Start, neck.Position),
                Math.Max(mention.End, neck.Position + 1),
                mention.Sentence)
            {
                Clause = mention.Clause,
            };
        }
    }

    private void PairPainWithBodyParts(
        List<Token> tokens,
        MessageAnalysis analysis,
        List<BodyPartMention> parts,
        List<(int Position, bool Negated, bool Swelling)> painWords)
    {
        foreach (var (position, negated, swelling) in painWords)
        {
            BodyPartMention? nearest = null;
            var nearestDistance = int.MaxValue;
            foreach (var part in parts)
            {
                var distance = Math.Abs(part.Position - position);
                var used = swelling ? part.UsedBySwelling : part.UsedByPain;
                if (!used && part.Clause == tokens[position].Clause
                    && distance <= BodyPartWindow && distance < nearestDistance)
                {
                    nearest = part;
                    nearestDistance = distance;
                }
            }

            if (nearest is null)
            {
                continue;
            }

            if (swelling)
            {
                nearest.UsedBySwelling = true;
            }
            else
            {
                nearest.UsedByPain = true;
            }

            var id = swelling ? nearest.Part.SwellingSymptomId : nearest.Part.PainSymptomId;
            var mention = new SymptomMention(
                lexicon.Get(id),
                !negated,
                Math.Min(position, nearest.Position),
                Math.Max(position, nearest.Position) + 1,
                tokens[position].Sentence)
            {
                Clause = tokens[position].Clause,
                Location = nearest.Label == nearest.Part.Label && nearest.Part.Label is "abdomen" or "head" or "chest"
                    ? null
                    : nearest.Label,
            };
            analysis.Mentions.Add(mention);
        }

        analysis.Mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
    }

    private static void AttachLocations(MessageAnalysis analysis, List<BodyPartMention> parts)
    {
        foreach (var part in parts)
        {
            if (part.UsedByPain || part.UsedBySwelling)
            {
                continue;
            }

            SymptomMention? nearest = null;
            var nearestDistance = int.MaxValue;
            foreach (var mention in analysis.Mentions)
            {
                if (mention.Symptom.Kind != SymptomKind.Pain || mention.Location is not null
                    || mention.Sentence != part.Sentence || !(mention.Present || SameClause(mention, part)))
                {
                    continue;
                }

                var distance = part.Position >= mention.End
                    ? part.Position - mention.End
                    : mention.Start - part.Position;

                // Attributes often sit between a symptom and its place: "a headache for 3 days, 7/10, on the left".
                if (distance <= 12 && distance < nearestDistance)
                {
                    nearest = mention;
                    nearestDistance = distance;
                }
            }

            if (nearest is not null)
            {
                nearest.Location = part.Label;
                part.UsedByPain = true;
            }
            else
            {
                analysis.LooseLocations.Add(part.Label);
            }
        }
    }

    // "My left arm hurts" matches the phrase "arm hurts"; the side in front of it becomes the location.
    private void QualifyLocations(List<Token> tokens, MessageAnalysis analysis)
    {
        foreach (var mention in analysis.Mentions)
        {
            if (mention.Location is not null || mention.Symptom.Kind != SymptomKind.Pain
                || mention.End <= mention.Start)
            {
                continue;
            }

            var first = mention.Start;
            while (first > 0 && first > mention.Start - 3
                && AttributeWords.LocationQualifiers.Contains(tokens[first - 1].Key))
            {
                first--;
            }

            if (first == mention.Start)
            {
                continue;
            }

            for (var i = mention.Start; i < mention.End; i++)
            {
                if (lexicon.BodyParts.Match(tokens, i, out var part) > 0)
                {
                    var qualifiers = string.Join(
                        ' ',
                        tokens.Skip(first).Take(mention.Start - first).Select(t => t.Key));
                    mention.Location = $"{qualifiers} {part.Label}";
                    break;
                }
            }
        }
    }

    private static bool SameClause(SymptomMention mention, BodyPartMention part)
    {
        return mention.Clause == part.Clause;
    }

    private void AddImpliedSymptoms(MessageAnalysis analysis)
    {
        var count = analysis.Mentions.Count;
        for (var m = 0; m < count; m++)
        {
            var mention = analysis.Mentions[m];
            if (!mention.Present || mention.Symptom.Implies is not { } impliedId
                || analysis.Mentions.Exists(x => x.Symptom.Id == impliedId))
            {
                continue;
            }

            analysis.Mentions.Add(new SymptomMention(
                lexicon.Get(impliedId), true, mention.Start, mention.End, mention.Sentence)
            {
                Onset = mention.Onset,
                DurationHours = mention.DurationHours,
                Severity = mention.Severity,
                Location = mention.Location,
            });
        }
    }

    private void AddFeverFromTemperature(List<Token> tokens, MessageAnalysis analysis)
    {
        if (analysis.TemperatureCelsius >= AttributeReader.FeverCelsius
            && !analysis.Mentions.Exists(m => m.Symptom.Id == "fever"))
        {
            var sentence = tokens.Count == 0 ? 0 : tokens[^1].Sentence;
            analysis.Mentions.Add(new SymptomMention(lexicon.Get("fever"), true, tokens.Count, tokens.Count, sentence));
        }
    }

    private static void MarkConsumed(bool[] consumed, int start, int length)
    {
        Array.Fill(consumed, true, start, length);
    }
}
