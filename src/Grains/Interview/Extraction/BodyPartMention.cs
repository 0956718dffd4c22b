using MedifyAI.Interview.Lexicon;

namespace MedifyAI.Interview.Extraction;

/// <summary>A body part named in a message, with its location label, before it is tied to a symptom.</summary>
internal sealed class BodyPartMention(BodyPart part, string label, int position, int sentence)
{
    public BodyPart Part { get; } = part;

    /// <summary>Location text including qualifiers, for example "lower right abdomen".</summary>
    public string Label { get; } = label;

    public int Position { get; } = position;

    public int Sentence { get; } = sentence;

    /// <summary>True once a symptom has taken this body part as its location or target.</summary>
    public bool Used { get; set; }
}
