namespace MedifyAI.Interview.Extraction;

/// <summary>One token of a patient message.</summary>
/// <param name="Key">
/// Lower-case, spelling-normalised and singularised form used for every phrase comparison, so
/// "Headaches" and "headache" compare equal.
/// </param>
/// <param name="Kind">What the token is.</param>
/// <param name="Value">The numeric value of a <see cref="TokenKind.Number"/> token; 0 otherwise.</param>
/// <param name="Sentence">Zero-based index of the sentence the token belongs to.</param>
/// <param name="Clause">Zero-based index of the comma-delimited part of the message the token belongs to.</param>
internal readonly record struct Token(string Key, TokenKind Kind, double Value, int Sentence, int Clause)
{
    public bool IsWord => Kind == TokenKind.Word;
}
