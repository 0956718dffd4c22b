using MedifyAI.Interview.Lexicon;

namespace MedifyAI.Interview.Extraction;

/// <summary>One symptom found in a message, with the attributes read from the words around it.</summary>
internal sealed class SymptomMention(SymptomDefinition symptom, bool present, int start, int end, int sentence)
{
    public SymptomDefinition Symptom { get; } = symptom;

    public bool Present { get; set; } = present;

    /// <summary>Index of the first token of the mention.</summary>
    public int Start { get; } = start;

    /// <summary>Index one past the last token of the mention.</summary>
    public int End { get; } = end;

    public int Sentence { get; } = sentence;

    /// <summary>Comma-delimited part of the message the mention starts in.</summary>
    public int Clause { get; init; }

    public string? Onset { get; set; }

    public double? DurationHours { get; set; }

    public int? Severity { get; set; }

    public string? Location { get; set; }
}
