using MedifyAI.Interview.Extraction;
using MedifyAI.Interview.Lexicon;
using MedifyAI.Sessions;

namespace MedifyAI.Interview.Questions;

/// <summary>
/// Reads a message as the answer to the pending question: "3 days" after the onset question sets the
/// chief complaint's duration, "7" after the severity question its severity, "yes" or "no" after a
/// screening question records that symptom present or absent, and "none" after the medication question
/// is stored as "none".
/// </summary>
internal static class AnswerInterpreter
{
    // Stored answers are capped so a pasted essay cannot grow the session state without bound.
    private const int MaxAnswerLength = 300;

    /// <summary>
    /// Stores the answer to <paramref name="pending"/> and adds to <paramref name="analysis"/> the mention a
    /// yes or no to a screening question implies.
    /// </summary>
    public static void ApplyAnswer(InterviewState state, PlannedQuestion pending, MessageAnalysis analysis, string text)
    {
        switch (pending.Kind)
        {
            case QuestionKind.Screening:
                ApplyScreeningAnswer(pending, analysis);
                break;
            case QuestionKind.Complaint:
                break;
            case QuestionKind.Medications or QuestionKind.Allergies or QuestionKind.History
                or QuestionKind.Associated:
                StoreAnswer(state, pending.Id, analysis.IsNoneAnswer || IsPlainNo(analysis) ? "none" : text);
                break;
            default:
                StoreAnswer(state, pending.Id, text);
                break;
        }
    }

    private static void ApplyScreeningAnswer(PlannedQuestion pending, MessageAnalysis analysis)
    {
        var symptomId = pending.SymptomId!;
        if (analysis.Mentions.Exists(m => m.Symptom.Id == symptomId))
        {
            return;
        }

        var present = analysis.Polarity switch
        {
            ReplyPolarity.Yes => true,
            ReplyPolarity.No => false,
            _ => (bool?)null,
        };
        if (present is null)
        {
            return;
        }

        var mention = new SymptomMention(SymptomLexicon.Shared.Get(symptomId), present.Value, 0, 0, 0);
        if (present.Value && analysis.LooseLocations.Count > 0)
        {
            mention.Location = string.Join(", ", analysis.LooseLocations);
            analysis.LooseLocations.Clear();
        }

        analysis.Mentions.Add(mention);
    }

    /// <summary>
    /// Gives the chief complaint the attributes the message left loose ("3 days", "7", "sudden"), whatever
    /// the question was. Call it after the message's findings are merged, so a first message works too.
    /// </summary>
    public static void ApplyLooseAttributes(InterviewState state, PlannedQuestion? pending, MessageAnalysis analysis)
    {
        if (state.ChiefComplaint is not { } chiefId)
        {
            return;
        }

        var kind = pending?.Kind;
        var duration = analysis.LooseDuration;
        var severity = analysis.LooseSeverity;
        if (severity is null && kind == QuestionKind.Severity && analysis.LoneNumber is >= 0 and <= 10 and var number)
        {
            severity = (int)Math.Round(number);
        }

        var location = kind == QuestionKind.Region && analysis.LooseLocations.Count > 0
            ? string.Join(", ", analysis.LooseLocations)
            : null;
        var sudden = analysis.LooseSuddenOnset;
        if (duration is null && severity is null && location is null && !sudden)
        {
            return;
        }

        FindingMerger.Update(state, chiefId, chief =>
        {
            var onset = duration?.Onset ?? chief.Onset;
            if (sudden && onset?.StartsWith("sudden", StringComparison.Ordinal) != true)
            {
                onset = onset is null ? "sudden" : $"sudden, {onset}";
            }

            return chief with
            {
                Onset = onset,
                DurationHours = duration?.Hours ?? chief.DurationHours,
                Severity = severity ?? chief.Severity,
                Location = location ?? chief.Location,
            };
        });
    }

    private static bool IsPlainNo(MessageAnalysis analysis)
    {
        return analysis.Polarity == ReplyPolarity.No && analysis.WordCount <= 3;
    }

    private static void StoreAnswer(InterviewState state, string questionId, string text)
    {
        var trimmed = text.Trim();
        state.Answers[questionId] = trimmed.Length <= MaxAnswerLength ? trimmed : trimmed[..MaxAnswerLength];
    }
}
