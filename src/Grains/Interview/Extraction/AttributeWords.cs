using System.Collections.Frozen;

namespace MedifyAI.Interview.Extraction;

/// <summary>Word lists for onset, duration, severity, pain words and replies.</summary>
internal static class AttributeWords
{
    /// <summary>Duration units in hours; a month is taken as 730 hours and a year as 8,760.</summary>
    public static FrozenDictionary<string, (double Hours, string Name)> Units { get; } = Map(
        ("minute", 1.0 / 60, "minute"), ("min", 1.0 / 60, "minute"), ("hour", 1, "hour"), ("hr", 1, "hour"),
        ("h", 1, "hour"), ("day", 24, "day"), ("night", 24, "day"), ("week", 168, "week"), ("wk", 168, "week"),
        ("month", 730, "month"), ("year", 8760, "year"), ("yr", 8760, "year"));

    /// <summary>Number words and the count they stand for; "a few" is read as 3 and "several" as 4.</summary>
    public static FrozenDictionary<string, double> NumberWords { get; } = new Dictionary<string, double>
    {
        ["a"] = 1, ["an"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
        ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12,
        ["fourteen"] = 14, ["fifteen"] = 15, ["twenty"] = 20, ["thirty"] = 30, ["few"] = 3, ["couple"] = 2,
        ["several"] = 4, ["half"] = 0.5,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Relative onset phrases with an estimated duration in hours. The real time of day is unknown, so
    /// "this morning" is taken as 6 hours ago and "last night" as 12.
    /// </summary>
    public static PhraseIndex<(double Hours, string Onset)> RelativeOnsets { get; } = new(
    [
        KeyValuePair.Create("yesterday", (24.0, "yesterday")),
        KeyValuePair.Create("last night", (12.0, "last night")),
        KeyValuePair.Create("this morning", (6.0, "this morning")),
        KeyValuePair.Create("this afternoon", (3.0, "this afternoon")),
        KeyValuePair.Create("this evening", (2.0, "this evening")),
        KeyValuePair.Create("today", (4.0, "today")),
        KeyValuePair.Create("tonight", (1.0, "tonight")),
        KeyValuePair.Create("overnight", (10.0, "overnight")),
        KeyValuePair.Create("last week", (168.0, "last week")),
        KeyValuePair.Create("last month", (730.0, "last month")),
        KeyValuePair.Create("day before yesterday", (48.0, "2 days ago")),
    ]);

    /// <summary>Severity words as scores on the 1-10 scale.</summary>
    public static PhraseIndex<int> SeverityWords { get; } = new(
    [
        KeyValuePair.Create("mild", 3), KeyValuePair.Create("mildly", 3), KeyValuePair.Create("slight", 2),
        KeyValuePair.Create("slightly", 2), KeyValuePair.Create("minor", 2), KeyValuePair.Create("moderate", 5),
        KeyValuePair.Create("moderately", 5), KeyValuePair.Create("severe", 8), KeyValuePair.Create("severely", 8),
        KeyValuePair.Create("intense", 8), KeyValuePair.Create("terrible", 8), KeyValuePair.Create("awful", 8),
        KeyValuePair.Create("horrible", 8), KeyValuePair.Create("really bad", 7), KeyValuePair.Create("very bad", 7),
        KeyValuePair.Create("excruciating", 9), KeyValuePair.Create("unbearable", 9),
        KeyValuePair.Create("agonizing", 9), KeyValuePair.Create("agonising", 9), KeyValuePair.Create("worst", 10),
    ]);

    /// <summary>Words that mark a sudden onset.</summary>
    public static PhraseIndex<bool> SuddenWords { get; } = Flags(
        "sudden", "suddenly", "all of a sudden", "out of nowhere", "abrupt", "abruptly", "out of the blue",
        "came on fast");

    /// <summary>Words that turn a following body part into a pain finding, as in "my knee hurts".</summary>
    public static FrozenSet<string> PainWords { get; } = Keys(
        "pain", "painful", "hurt", "hurts", "hurting", "ache", "aching", "achy", "sore", "soreness", "discomfort",
        "cramp", "cramping", "throbbing", "burning", "stabbing", "sharp");

    /// <summary>Words that turn a nearby body part into a swelling finding, as in "swollen ankles".</summary>
    public static FrozenSet<string> SwellingWords { get; } =
        Keys("swelling", "swollen", "puffy", "edema", "lump", "mass");

    /// <summary>Qualifiers read in front of a body part to build a location such as "lower right abdomen".</summary>
    public static FrozenSet<string> LocationQualifiers { get; } = Keys(
        "left", "right", "upper", "lower", "middle", "center", "centre", "both", "central", "inner", "outer");

    /// <summary>Words before "back" that mean "again" rather than the body part ("the pain came back").</summary>
    public static FrozenSet<string> BackVerbs { get; } = Keys(
        "came", "come", "comes", "coming", "go", "goes", "went", "going", "get", "got", "gets", "bring",
        "brought", "call", "called", "way", "feel", "straight");

    public static FrozenSet<string> TemperatureWords { get; } = Keys("temperature", "temp", "fever", "thermometer");

    public static FrozenSet<string> YesWords { get; } = Keys(
        "yes", "yeah", "yep", "yup", "ya", "yea", "correct", "sure", "definitely", "absolutely", "affirmative",
        "right", "true", "indeed");

    public static FrozenSet<string> NoWords { get; } = Keys(
        "no", "nope", "nah", "negative", "never", "not", "none", "nothing", "neither", "false");

    /// <summary>Short yes or no phrases that start an answer ("I do", "it doesn't").</summary>
    public static PhraseIndex<ReplyPolarity> PolarityPhrases { get; } = new(
    [
        KeyValuePair.Create("i do", ReplyPolarity.Yes), KeyValuePair.Create("it does", ReplyPolarity.Yes),
        KeyValuePair.Create("i have", ReplyPolarity.Yes), KeyValuePair.Create("i am", ReplyPolarity.Yes),
        KeyValuePair.Create("i'm afraid so", ReplyPolarity.Yes), KeyValuePair.Create("it is", ReplyPolarity.Yes),
        KeyValuePair.Create("i think so", ReplyPolarity.Yes), KeyValuePair.Create("kind of", ReplyPolarity.Yes),
        KeyValuePair.Create("a little", ReplyPolarity.Yes), KeyValuePair.Create("i don't", ReplyPolarity.No),
        KeyValuePair.Create("it doesn't", ReplyPolarity.No), KeyValuePair.Create("i haven't", ReplyPolarity.No),
        KeyValuePair.Create("i'm not", ReplyPolarity.No), KeyValuePair.Create("it isn't", ReplyPolarity.No),
        KeyValuePair.Create("not really", ReplyPolarity.No), KeyValuePair.Create("i didn't", ReplyPolarity.No),
        KeyValuePair.Create("i don't think so", ReplyPolarity.No), KeyValuePair.Create("not at all", ReplyPolarity.No),
    ]);

    /// <summary>Whole answers that mean "none", for medication, allergy and history questions.</summary>
    public static FrozenSet<string> NoneWords { get; } = Keys(
        "none", "nothing", "no", "nope", "nah", "nil", "n/a", "na", "not", "any", "don't", "i", "have", "take",
        "anything", "thanks", "thank", "you", "known", "allergies", "allergy", "medication", "medications",
        "medicines", "medicine", "conditions", "that", "i'm", "aware", "of", "on", "am", "taking", "regular",
        "drug", "drugs", "to", "things", "problems", "health", "really", "there", "is", "are");

    private static FrozenDictionary<string, (double Hours, string Name)> Map(
        params (string Word, double Hours, string Name)[] units)
    {
        return units.ToFrozenDictionary(
            u => Tokenizer.NormalizeWord(u.Word),
            u => (u.Hours, u.Name),
            StringComparer.Ordinal);
    }

    private static PhraseIndex<bool> Flags(params string[] phrases)
    {
        return new PhraseIndex<bool>(phrases.Select(p => KeyValuePair.Create(p, true)));
    }

    private static FrozenSet<string> Keys(params string[] words)
    {
        return words.Select(w => Tokenizer.NormalizeWord(w)).ToFrozenSet(StringComparer.Ordinal);
    }
}
