namespace MedifyAI.Interview.Lexicon;

/// <summary>How the interview treats a lexicon entry.</summary>
internal enum SymptomKind
{
    /// <summary>A symptom that is not pain.</summary>
    Symptom = 0,

    /// <summary>A pain, which also gets the quality and region questions.</summary>
    Pain = 1,

    /// <summary>Clinical context such as pregnancy or an injury: recorded, but never the chief complaint.</summary>
    Context = 2,

    /// <summary>
    /// Pain spreading elsewhere. A present mention counts only with a body part after it, which becomes the
    /// finding's location.
    /// </summary>
    Radiation = 3,
}
