using System.Globalization;
using MedifyAI.Interview.Lexicon;
using MedifyAI.Sessions;

namespace MedifyAI.Interview.Questions;

/// <summary>
/// Picks the one most useful question still open: screening questions for the reported symptoms first
/// (chief complaint first), then the history questions. A question is never asked twice, and one whose
/// answer is already known from the messages or the profile is skipped.
/// </summary>
internal static class QuestionPlanner
{
    public static PlannedQuestion? Next(InterviewState state, PatientProfile profile)
    {
        var chief = state.ChiefComplaint is { } id ? state.Findings.Find(f => f.SymptomId == id) : null;
        if (chief is null)
        {
            return Asked(state, QuestionCatalog.Complaint.Id)
                ? NextHistory(state, profile, null)
                : QuestionCatalog.Complaint;
        }

        return NextScreening(state, profile, chief) ?? NextHistory(state, profile, chief);
    }

    /// <summary>Returns the question as the patient reads it, with the chief complaint's name filled in.</summary>
    public static InterviewQuestion Render(PlannedQuestion question, InterviewState state)
    {
        var name = state.ChiefComplaint is { } id && SymptomLexicon.Shared.TryGet(id, out var definition)
            ? definition.Name
            : "symptoms";
        return new InterviewQuestion(question.Id, string.Format(CultureInfo.InvariantCulture, question.Text, name));
    }

    private static PlannedQuestion? NextScreening(InterviewState state, PatientProfile profile, Finding chief)
    {
        var followed = state.Findings
            .Where(f => f.Present)
            .OrderBy(f => f.SymptomId == chief.SymptomId ? 0 : 1)
            .ThenBy(f => f.FirstTurn);
        foreach (var finding in followed)
        {
            if (!QuestionCatalog.Screening.TryGetValue(finding.SymptomId, out var questions))
            {
                continue;
            }

            foreach (var question in questions)
            {
                if (!Asked(state, question.Id) && !IsKnown(state, question.SymptomId!))
                {
                    return question;
                }
            }

            if (finding.SymptomId == "abdominal-pain" && QuestionCatalog.CouldBePregnant(profile)
                && !Asked(state, QuestionCatalog.Pregnancy.Id) && !IsKnown(state, "pregnancy")
                && !profile.KnownConditions.Any(c => c.Contains("pregnan", StringComparison.OrdinalIgnoreCase)))
            {
                return QuestionCatalog.Pregnancy;
            }
        }

        return null;
    }

    private static PlannedQuestion? NextHistory(InterviewState state, PatientProfile profile, Finding? chief)
    {
        var isPain = chief is not null && SymptomLexicon.Shared.TryGet(chief.SymptomId, out var definition)
            && definition.Kind == SymptomKind.Pain;
        foreach (var question in QuestionCatalog.History)
        {
            if (Asked(state, question.Id) || (question.PainOnly && !isPain))
            {
                continue;
            }

            var needed = question.Kind switch
            {
                QuestionKind.Onset => chief is { Onset: null, DurationHours: null },
                QuestionKind.Provoking or QuestionKind.Timing or QuestionKind.Quality => chief is not null,
                QuestionKind.Region => chief is { Location: null },
                QuestionKind.Severity => chief is { Severity: null },
                // A patient who has already described four or more findings has answered this question.
                QuestionKind.Associated => chief is not null && state.Findings.Count < 4,
                QuestionKind.Medications => profile.Medications.Count == 0,
                QuestionKind.Allergies => profile.Allergies.Count == 0,
                QuestionKind.History => profile.KnownConditions.Count == 0,
                _ => false,
            };
            if (needed)
            {
                return question;
            }
        }

        return null;
    }

    private static bool Asked(InterviewState state, string questionId)
    {
        return state.AskedQuestions.Contains(questionId);
    }

    private static bool IsKnown(InterviewState state, string symptomId)
    {
        return state.Findings.Exists(f => f.SymptomId == symptomId);
    }
}
