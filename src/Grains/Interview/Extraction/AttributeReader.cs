namespace MedifyAI.Interview.Extraction;

/// <summary>
/// Reads onset, duration, severity, sudden onset and temperature, and ties each to the symptom it most
/// likely describes: a duration to every present symptom in its sentence, a severity or "sudden" to the
/// nearest present symptom. What cannot be tied stays loose on the <see cref="MessageAnalysis"/>.
/// </summary>
internal static class AttributeReader
{
    // The fever threshold used for the infant rule and for turning a stated temperature into a fever finding.
    public const double FeverCelsius = 38.0;

    public static void ReadAttributes(List<Token> tokens, bool[] consumed, MessageAnalysis analysis)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (consumed[i])
            {
                continue;
            }

            if (TryReadDuration(tokens, i, out var duration, out var length))
            {
                ApplyDuration(analysis, duration);
                i += length - 1;
                continue;
            }

            if (TryReadSeverity(tokens, i, out var score, out length))
            {
                ApplySeverity(analysis, new SeverityMention(i, tokens[i].Sentence, score));
                i += length - 1;
                continue;
            }

            if (tokens[i].IsWord && AttributeWords.SuddenWords.Match(tokens, i, out _) is var suddenLength and > 0)
            {
                ApplySudden(analysis, i, tokens[i].Sentence);
                i += suddenLength - 1;
                continue;
            }

            if (TryReadTemperature(tokens, i, out var celsius))
            {
                analysis.TemperatureCelsius = Math.Max(analysis.TemperatureCelsius ?? 0, celsius);
            }
        }
    }

    /// <summary>Reads a duration phrase starting at <paramref name="i"/>, such as "a few weeks ago".</summary>
    public static bool TryReadDuration(List<Token> tokens, int i, out DurationMention duration, out int length)
    {
        duration = default;
        length = 0;
        var token = tokens[i];

        if (token.IsWord && AttributeWords.RelativeOnsets.Match(tokens, i, out var relative) is var relativeLength
            and > 0)
        {
            duration = new DurationMention(i, token.Sentence, relative.Hours, relative.Onset);
            length = relativeLength;
            return true;
        }

        // Count: a digit token or a number word, with "a few" and "a couple of" read as one count.
        double count;
        var next = i + 1;
        if (token.Kind == TokenKind.Number)
        {
            count = token.Value;
        }
        else if (token.IsWord && AttributeWords.NumberWords.TryGetValue(token.Key, out count))
        {
            if (token.Key is "a" or "an" && next < tokens.Count
                && AttributeWords.NumberWords.TryGetValue(tokens[next].Key, out var inner) && tokens[next].Key != "a")
            {
                count = inner;
                next++;
            }

            if (next < tokens.Count && tokens[next].Key == "of")
            {
                next++;
            }

            if (token.Key == "half" && next < tokens.Count && tokens[next].Key is "a" or "an")
            {
                next++;
            }
        }
        else
        {
            return false;
        }

        if (next >= tokens.Count || !AttributeWords.Units.TryGetValue(tokens[next].Key, out var unit))
        {
            return false;
        }

        // "45 years old" is an age, not a duration.
        if (next + 1 < tokens.Count && tokens[next + 1].Key == "old")
        {
            return false;
        }

        var end = next + 1;
        if (end < tokens.Count && tokens[end].Key == "ago")
        {
            end++;
        }

        var hours = count * unit.Hours;
        var shown = count.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
        var onset = count == 0.5
            ? $"half an {unit.Name} ago"
            : $"{shown} {unit.Name}{(count == 1 ? string.Empty : "s")} ago";
        duration = new DurationMention(i, token.Sentence, hours, onset);
        length = end - i;
        return true;
    }

    /// <summary>Reads "7/10", "8 out of 10", "rated 6" or a severity word such as "severe".</summary>
    public static bool TryReadSeverity(List<Token> tokens, int i, out int score, out int length)
    {
        score = 0;
        length = 0;
        var token = tokens[i];
        if (token.Kind == TokenKind.Number && IsScore(token.Value))
        {
            var n = i + 1;
            if (n + 1 < tokens.Count && tokens[n].Kind == TokenKind.Slash && tokens[n + 1].Value == 10)
            {
                score = (int)token.Value;
                length = 3;
                return true;
            }

            if (n + 2 < tokens.Count && tokens[n].Key == "out" && tokens[n + 1].Key == "of"
                && tokens[n + 2].Value == 10)
            {
                score = (int)token.Value;
                length = 4;
                return true;
            }

            if (n + 1 < tokens.Count && tokens[n].Key == "of" && tokens[n + 1].Value == 10)
            {
                score = (int)token.Value;
                length = 3;
                return true;
            }

            for (var back = Math.Max(0, i - 3); back < i; back++)
            {
                if (tokens[back].Key is "rate" or "rated" or "rating" or "severity" or "scale" or "level")
                {
                    score = (int)token.Value;
                    length = 1;
                    return true;
                }
            }

            return false;
        }

        if (token.IsWord && AttributeWords.SeverityWords.Match(tokens, i, out score) is var wordLength and > 0)
        {
            length = wordLength;
            return true;
        }

        return false;
    }

    private static bool IsScore(double value)
    {
        return value is >= 0 and <= 10 && value == Math.Floor(value);
    }

    private static bool TryReadTemperature(List<Token> tokens, int i, out double celsius)
    {
        celsius = 0;
        if (tokens[i].Kind != TokenKind.Number)
        {
            return false;
        }

        var value = tokens[i].Value;
        var marked = false;
        var fahrenheit = value > 50;
        if (i + 1 < tokens.Count)
        {
            var next = tokens[i + 1];
            if (next.Kind == TokenKind.Degree || next.Key is "degree" or "c" or "celsius" or "f" or "fahrenheit")
            {
                marked = true;
                var unitToken = next.Kind == TokenKind.Degree && i + 2 < tokens.Count ? tokens[i + 2] : next;
                if (unitToken.Key is "f" or "fahrenheit")
                {
                    fahrenheit = true;
                }
                else if (unitToken.Key is "c" or "celsius")
                {
                    fahrenheit = false;
                }
            }
        }

        for (var back = Math.Max(0, i - 4); back < i && !marked; back++)
        {
            marked = AttributeWords.TemperatureWords.Contains(tokens[back].Key);
        }

        if (!marked)
        {
            return false;
        }

        celsius = fahrenheit ? (value - 32) * 5 / 9 : value;
        return celsius is >= 34 and <= 44;
    }

    private static void ApplyDuration(MessageAnalysis analysis, DurationMention duration)
    {
        var applied = false;
        foreach (var mention in analysis.Mentions)
        {
            if (mention.Present && mention.Sentence == duration.Sentence && mention.DurationHours is null)
            {
                SetDuration(mention, duration);
                applied = true;
            }
        }

        if (applied)
        {
            return;
        }

        // "I have a headache. It started 3 days ago." ties the duration to the last symptom before it.
        var previous = analysis.Mentions.FindLast(m => m.Present && m.Sentence < duration.Sentence);
        if (previous is not null && previous.DurationHours is null)
        {
            SetDuration(previous, duration);
            return;
        }

        analysis.LooseDuration ??= duration;
    }

    private static void SetDuration(SymptomMention mention, DurationMention duration)
    {
        mention.DurationHours = duration.Hours;
        mention.Onset = mention.Onset == "sudden" ? $"sudden, {duration.Onset}" : duration.Onset;
    }

    private static void ApplySeverity(MessageAnalysis analysis, SeverityMention severity)
    {
        var target = Nearest(analysis, severity.Position, severity.Sentence);
        if (target is not null)
        {
            target.Severity = Math.Max(target.Severity ?? 0, severity.Score);
        }
        else
        {
            analysis.LooseSeverity = Math.Max(analysis.LooseSeverity ?? 0, severity.Score);
        }
    }

    private static void ApplySudden(MessageAnalysis analysis, int position, int sentence)
    {
        var target = Nearest(analysis, position, sentence);
        if (target is null)
        {
            analysis.LooseSuddenOnset = true;
            return;
        }

        target.Onset = target.Onset is null ? "sudden" : $"sudden, {target.Onset}";
    }

    private static SymptomMention? Nearest(MessageAnalysis analysis, int position, int sentence)
    {
        SymptomMention? nearest = null;
        var nearestDistance = int.MaxValue;
        foreach (var mention in analysis.Mentions)
        {
            if (!mention.Present || mention.Sentence != sentence)
            {
                continue;
            }

            var distance = position >= mention.End ? position - mention.End : mention.Start - position;
            if (distance < nearestDistance)
            {
                nearest = mention;
                nearestDistance = distance;
            }
        }

        return nearest ?? analysis.Mentions.FindLast(m => m.Present && m.Sentence < sentence);
    }
}
