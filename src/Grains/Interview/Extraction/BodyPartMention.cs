using MedifyAI.Interview.Lexicon;

namespace MedifyAI.Interview.Extraction;

/// <summary>A body part named in a message, with its location label, before it is tied to a symptom.</summary>
internal sealed class BodyPartMention(BodyPart part, string label, int position, int sentence, int clause)
{
    public BodyPart Part { get; } = part;

    /// <summary>Location text including qualifiers, for example "lower right abdomen".</summary>
    public string Label { get; } = label;

    public int Position { get; } = position;

    public int Sentence { get; } = sentence;

    public int Clause { get; } = clause;

    /// <summary>True once a pain, a radiation or a location has taken this body part.</summary>
    public bool UsedByPain { get; set; }

    /// <summary>True once a swelling has taken this body part, so "leg pain and swelling" gives both.</summary>
    public bool UsedBySwelling { get; set; }
}
