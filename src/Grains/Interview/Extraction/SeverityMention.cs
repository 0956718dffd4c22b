namespace MedifyAI.Interview.Extraction;

/// <summary>A severity statement such as "7/10" or "severe", as a score from 1 to 10.</summary>
internal readonly record struct SeverityMention(int Position, int Sentence, int Score);
