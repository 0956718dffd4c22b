using MedifyAI.Interview.Lexicon;
using MedifyAI.Sessions;

namespace MedifyAI.Interview.Triage;

/// <summary>
/// Assigns a triage level over the whole session, with the reasons that produced it.
/// Emergency: any emergency red flag, for the rest of the session.
/// Urgent (seen within 24 hours): fever over 3 days; pain rated 8/10 or more; abdominal pain or vaginal
/// bleeding in pregnancy; fever when immunosuppressed; fever in an infant under 12 months or in an adult of
/// 75 or over; breathlessness, confusion, blood in urine, stool or sputum, or black stool.
/// Routine: symptoms over 2 weeks, moderate severity (4-7/10), or symptoms outside the self-care list.
/// Self-care: only mild, short-lived symptoms from the self-care list.
/// </summary>
internal static class TriageEvaluator
{
    private const double ThreeDaysHours = 72;
    private const double TwoWeeksHours = 336;

    private static readonly string[] UrgentSymptoms =
    [
        "shortness-of-breath", "confusion", "hematuria", "rectal-bleeding", "black-stool", "hemoptysis",
        "vision-loss", "double-vision", "testicular-pain", "jaundice", "oliguria",
    ];

    // Symptoms that usually settle with self-care when mild and short-lived.
    private static readonly HashSet<string> SelfCareSymptoms = new(StringComparer.Ordinal)
    {
        "cough", "runny-nose", "nasal-congestion", "sneezing", "sore-throat", "headache", "muscle-aches",
        "fatigue", "diarrhea", "nausea", "heartburn", "itching", "hoarseness", "watery-eyes", "back-pain",
        "neck-pain", "joint-pain", "insomnia", "acne", "toothache", "chills", "fever", "loss-of-smell",
        "loss-of-taste", "abdominal-distension", "constipation", "vomiting", "sweating", "stiffness", "ear-pain",
        "leg-pain", "arm-pain", "hand-pain", "foot-pain", "shoulder-pain", "red-eye", "eye-discharge",
    };

    private static readonly string[] ImmunosuppressionTerms =
        ["immunosuppress", "immunocompromis", "chemotherapy", "transplant", "hiv", "neutropeni", "steroid"];

    public static TriageAssessment Assess(InterviewState state, PatientProfile profile, IEnumerable<RedFlag> redFlags)
    {
        var emergencies = redFlags.Where(f => f.Level == TriageLevel.Emergency).ToList();
        if (emergencies.Count > 0)
        {
            return new TriageAssessment(
                TriageLevel.Emergency,
                emergencies.Select(f => $"Red flag: {f.Description}").ToList());
        }

        var present = state.Findings.Where(f => f.Present).ToList();
        var urgent = UrgentReasons(present, profile, redFlags);
        if (urgent.Count > 0)
        {
            return new TriageAssessment(TriageLevel.Urgent, urgent);
        }

        var routine = RoutineReasons(present);
        if (routine.Count > 0)
        {
            return new TriageAssessment(TriageLevel.Routine, routine);
        }

        var names = string.Join(", ", present.Select(f => f.Name));
        var reasons = present.Count == 0
            ? new List<string> { "No symptoms reported so far." }
            : [$"Mild, short-lived symptoms without concerning features: {names}."];
        return new TriageAssessment(TriageLevel.SelfCare, reasons);
    }

    private static List<string> UrgentReasons(List<Finding> present, PatientProfile profile, IEnumerable<RedFlag> flags)
    {
        var reasons = flags
            .Where(f => f.Level == TriageLevel.Urgent)
            .Select(f => $"Red flag: {f.Description}")
            .ToList();
        var fever = present.Find(f => f.SymptomId == "fever");

        if (fever is { DurationHours: > ThreeDaysHours })
        {
            reasons.Add("Fever for more than 3 days.");
        }

        foreach (var finding in present)
        {
            if (finding.Severity >= 8)
            {
                reasons.Add($"Severe {finding.Name} (rated {finding.Severity}/10).");
            }

            if (Array.IndexOf(UrgentSymptoms, finding.SymptomId) >= 0)
            {
                reasons.Add($"{Capitalize(finding.Name)} needs assessment within 24 hours.");
            }
        }

        var pregnant = present.Exists(f => f.SymptomId == "pregnancy")
            || profile.KnownConditions.Any(c => c.Contains("pregnan", StringComparison.OrdinalIgnoreCase));
        if (pregnant && present.Exists(f => f.SymptomId is "abdominal-pain" or "pelvic-pain" or "vaginal-bleeding"))
        {
            reasons.Add("Abdominal pain or vaginal bleeding during pregnancy.");
        }

        if (fever is not null)
        {
            if (profile.KnownConditions.Concat(profile.Medications).Any(IsImmunosuppression))
            {
                reasons.Add("Fever in a patient with a weakened immune system.");
            }

            if (profile.AgeInMonths is >= 3 and < 12)
            {
                reasons.Add("Fever in an infant under 12 months.");
            }

            if (profile.Age >= 75)
            {
                reasons.Add("Fever in a patient aged 75 or over.");
            }
        }

        return reasons;
    }

    private static List<string> RoutineReasons(List<Finding> present)
    {
        var reasons = new List<string>();
        foreach (var finding in present)
        {
            if (finding.DurationHours > TwoWeeksHours)
            {
                reasons.Add($"{Capitalize(finding.Name)} for more than 2 weeks.");
            }
            else if (finding.Severity is >= 4 and < 8)
            {
                reasons.Add($"Moderate {finding.Name} (rated {finding.Severity}/10).");
            }
            else if (!SelfCareSymptoms.Contains(finding.SymptomId) && IsComplaint(finding.SymptomId))
            {
                reasons.Add($"{Capitalize(finding.Name)} should be reviewed by a clinician.");
            }
        }

        return reasons;
    }

    private static bool IsComplaint(string symptomId)
    {
        return SymptomLexicon.Shared.TryGet(symptomId, out var definition) && definition.IsComplaint;
    }

    private static bool IsImmunosuppression(string text)
    {
        return Array.Exists(ImmunosuppressionTerms, t => text.Contains(t, StringComparison.OrdinalIgnoreCase));
    }

    private static string Capitalize(string text)
    {
        return text.Length == 0 ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));
    }
}
