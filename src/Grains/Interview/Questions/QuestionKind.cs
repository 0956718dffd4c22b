namespace MedifyAI.Interview.Questions;

/// <summary>What a question asks about, which decides how the next message is read as its answer.</summary>
internal enum QuestionKind
{
    Complaint = 0,

    /// <summary>A yes/no question about one symptom; "yes" records it present and "no" records it absent.</summary>
    Screening = 1,
    Onset = 2,
    Provoking = 3,
    Quality = 4,
    Region = 5,
    Severity = 6,
    Timing = 7,
    Associated = 8,
    Medications = 9,
    Allergies = 10,
    History = 11,
}
