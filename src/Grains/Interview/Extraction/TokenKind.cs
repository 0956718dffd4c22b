namespace MedifyAI.Interview.Extraction;

/// <summary>Kind of a token produced by <see cref="Tokenizer"/>.</summary>
internal enum TokenKind
{
    Word = 0,
    Number = 1,

    /// <summary>A comma or colon: separates list items but not sentences.</summary>
    Comma = 2,

    /// <summary>A full stop, question mark, exclamation mark, semicolon or line break.</summary>
    SentenceEnd = 3,

    /// <summary>A slash, as in "7/10".</summary>
    Slash = 4,

    /// <summary>A degree sign, as in "38°".</summary>
    Degree = 5,
}
