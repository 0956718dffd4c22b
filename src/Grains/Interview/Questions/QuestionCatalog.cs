using System.Collections.Frozen;
using MedifyAI.Sessions;

namespace MedifyAI.Interview.Questions;

/// <summary>
/// Every question the interview asks: complaint-specific screening questions, then the history questions
/// in the order a clinician takes a history.
/// </summary>
internal static class QuestionCatalog
{
    public static PlannedQuestion Complaint { get; } = new(
        "complaint", QuestionKind.Complaint, "Could you tell me which symptoms you are having?");

    /// <summary>History questions in the order they are asked.</summary>
    public static IReadOnlyList<PlannedQuestion> History { get; } =
    [
        new("onset", QuestionKind.Onset, "When did the {0} start, and did it come on suddenly or gradually?"),
        new("provoking", QuestionKind.Provoking, "Does anything make the {0} better or worse?"),
        new("quality", QuestionKind.Quality,
            "How would you describe the pain: for example sharp, dull, burning, pressing or cramping?",
            PainOnly: true),
        new("region", QuestionKind.Region, "Where exactly is the pain, and does it spread anywhere?", PainOnly: true),
        new("severity", QuestionKind.Severity, "On a scale from 1 to 10, where 10 is the worst, how bad is the {0}?"),
        new("timing", QuestionKind.Timing, "Is the {0} there all the time, or does it come and go?"),
        new("associated", QuestionKind.Associated,
            "Have you noticed any other symptoms, such as fever, nausea, a rash or changes in your breathing?"),
        new("medications", QuestionKind.Medications,
            "Are you taking any medicines, including ones bought without a prescription?"),
        new("allergies", QuestionKind.Allergies, "Do you have any allergies to medicines or anything else?"),
        new("history", QuestionKind.History,
            "Do you have any long-term medical conditions, or have you had anything like this before?"),
    ];

    /// <summary>Screening questions by the symptom id they follow up, most important first.</summary>
    public static FrozenDictionary<string, PlannedQuestion[]> Screening { get; } =
        new Dictionary<string, PlannedQuestion[]>
        {
            ["headache"] =
            [
                Yes("headache.sudden-onset", "thunderclap-headache",
                    "Did the headache come on suddenly, reaching its worst within a minute or so, like the worst "
                    + "headache of your life?"),
                Yes("headache.fever", "fever", "Have you had a fever with the headache?"),
                Yes("headache.stiff-neck", "stiff-neck",
                    "Is your neck stiff, so that it hurts to bend your chin down to your chest?"),
                Yes("headache.weakness", "one-sided-weakness",
                    "Have you noticed any new weakness or numbness in your face, an arm or a leg?"),
            ],
            ["chest-pain"] =
            [
                Yes("chest-pain.breathless", "shortness-of-breath", "Are you short of breath?"),
                Yes("chest-pain.sweating", "sweating", "Are you sweating or clammy with the pain?"),
                Yes("chest-pain.radiation", "radiating-pain", "Does the pain spread to your arm or jaw?"),
            ],
            ["abdominal-pain"] =
            [
                Yes("abdominal-pain.rigid", "abdominal-rigidity",
                    "Is your belly hard or rigid, like a board, when you touch it?"),
                Yes("abdominal-pain.vomiting", "vomiting", "Have you been vomiting?"),
                Yes("abdominal-pain.black-stool", "black-stool", "Have you passed any black, tarry stool?"),
                Yes("abdominal-pain.fever", "fever", "Have you had a fever?"),
            ],
            ["shortness-of-breath"] =
            [
                Yes("shortness-of-breath.severe", "severe-breathing-difficulty",
                    "Are you so short of breath that you cannot finish a sentence?"),
                Yes("shortness-of-breath.cyanosis", "cyanosis", "Have your lips or face turned blue or grey?"),
                Yes("shortness-of-breath.chest-pain", "chest-pain", "Do you have any chest pain?"),
            ],
            ["fever"] =
            [
                Yes("fever.stiff-neck", "stiff-neck", "Do you have a stiff neck?"),
                Yes("fever.breathing", "shortness-of-breath", "Are you having any difficulty breathing?"),
                Yes("fever.rash", "rash", "Have you noticed a rash anywhere on your body?"),
            ],
            ["cough"] =
            [
                Yes("cough.breathless", "shortness-of-breath", "Are you short of breath?"),
                Yes("cough.blood", "hemoptysis", "Have you coughed up any blood?"),
            ],
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Asked after the abdominal-pain screening questions when the patient could be pregnant.</summary>
    public static PlannedQuestion Pregnancy { get; } =
        Yes("abdominal-pain.pregnancy", "pregnancy", "Is there any chance you could be pregnant?");

    private static readonly FrozenDictionary<string, PlannedQuestion> ById = History
        .Append(Complaint)
        .Append(Pregnancy)
        .Concat(Screening.Values.SelectMany(q => q))
        .DistinctBy(q => q.Id)
        .ToFrozenDictionary(q => q.Id, StringComparer.Ordinal);

    /// <summary>Returns the question with <paramref name="id"/>, or null for an unknown id.</summary>
    public static PlannedQuestion? Find(string? id)
    {
        return id is not null && ById.TryGetValue(id, out var question) ? question : null;
    }

    /// <summary>True when the pregnancy question applies to the patient.</summary>
    public static bool CouldBePregnant(PatientProfile profile)
    {
        return profile.Sex is Sex.Female or Sex.Other or Sex.Unknown && profile.Age is >= 12 and <= 55;
    }

    private static PlannedQuestion Yes(string id, string symptomId, string text)
    {
        return new PlannedQuestion(id, QuestionKind.Screening, text, symptomId);
    }
}
