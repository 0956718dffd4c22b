using System.Text;
using MedifyAI.Interview.Lexicon;
using MedifyAI.Sessions;

namespace MedifyAI.Interview.Summary;

/// <summary>
/// Writes the clinical summary from the interview state. It reports what the patient said and what the
/// rules found, and states no diagnosis.
/// </summary>
internal static class ClinicalSummaryWriter
{
    private static readonly (string QuestionId, string Label)[] HistoryAnswers =
    [
        ("medications", "Medications reported in the chat"),
        ("allergies", "Allergies reported in the chat"),
        ("history", "Medical history reported in the chat"),
    ];

    public static ClinicalSummary Write(
        string sessionId,
        InterviewState state,
        PatientProfile profile,
        IReadOnlyList<RedFlag> redFlags,
        TriageAssessment triage,
        DateTimeOffset now,
        string source)
    {
        var chief = state.ChiefComplaint is { } id ? state.Findings.Find(f => f.SymptomId == id) : null;
        return new ClinicalSummary
        {
            SessionId = sessionId,
            ChiefComplaint = ChiefComplaintText(chief),
            HistoryOfPresentIllness = HistoryOfPresentIllness(state, chief),
            PertinentPositives = state.Findings.Where(f => f.Present).Select(FindingText.Describe).ToList(),
            PertinentNegatives = state.Findings.Where(f => !f.Present).Select(FindingText.Describe).ToList(),
            RedFlags = redFlags,
            Triage = triage,
            Disclaimer = ClinicalSummary.StandardDisclaimer,
            GeneratedAt = now,
            Source = source,
            RelevantHistory = RelevantHistory(state, profile),
        };
    }

    private static string ChiefComplaintText(Finding? chief)
    {
        if (chief is null)
        {
            return "No symptom was identified in the conversation.";
        }

        var text = Capitalize(chief.Name);
        return chief.DurationHours is { } hours ? $"{text} for {DurationText.Format(hours)}" : text;
    }

    private static string HistoryOfPresentIllness(InterviewState state, Finding? chief)
    {
        if (chief is null)
        {
            return "The patient did not describe a symptom the interview could identify.";
        }

        var text = new StringBuilder();
        text.Append("The patient reports ").Append(chief.Name);
        if (chief.DurationHours is { } hours)
        {
            text.Append(" for ").Append(DurationText.Format(hours));
        }

        text.Append('.');
        if (chief.Onset is { } onset)
        {
            text.Append(onset.StartsWith("sudden", StringComparison.Ordinal)
                ? " It came on suddenly"
                : " It started").Append(OnsetTail(onset)).Append('.');
        }

        if (chief.Severity is { } severity)
        {
            text.Append(" Severity is rated ").Append(severity).Append(" out of 10.");
        }

        if (chief.Location is { } location)
        {
            text.Append(" Location: ").Append(location).Append('.');
        }

        AppendAnswer(text, state, "quality", " The patient describes it as: ");
        AppendAnswer(text, state, "provoking", " Made better or worse by: ");
        AppendAnswer(text, state, "timing", " Timing: ");
        AppendAnswer(text, state, "region", " Where it is and where it spreads: ");

        var associated = state.Findings
            .Where(f => f.Present && f.SymptomId != chief.SymptomId)
            .Select(FindingText.Describe)
            .ToList();
        if (associated.Count > 0)
        {
            text.Append(" Also reports ").Append(JoinList(associated)).Append('.');
        }

        var denied = state.Findings.Where(f => !f.Present).Select(f => f.Name).ToList();
        if (denied.Count > 0)
        {
            text.Append(" Denies ").Append(JoinList(denied)).Append('.');
        }

        return text.ToString();
    }

    private static string OnsetTail(string onset)
    {
        var rest = onset.StartsWith("sudden", StringComparison.Ordinal)
            ? onset["sudden".Length..].TrimStart(',', ' ')
            : onset;
        if (rest.Length == 0)
        {
            return string.Empty;
        }

        return rest.EndsWith("ago", StringComparison.Ordinal) || rest.StartsWith("last", StringComparison.Ordinal)
            || rest is "yesterday" or "today" or "tonight" or "overnight"
            ? $" {rest}"
            : $" ({rest})";
    }

    private static void AppendAnswer(StringBuilder text, InterviewState state, string questionId, string label)
    {
        if (state.Answers.TryGetValue(questionId, out var answer) && answer.Length > 0)
        {
            text.Append(label).Append('"').Append(answer.TrimEnd('.')).Append("\".");
        }
    }

    private static List<string> RelevantHistory(InterviewState state, PatientProfile profile)
    {
        var history = new List<string>();
        if (profile.KnownConditions.Count > 0)
        {
            history.Add($"Known conditions: {string.Join(", ", profile.KnownConditions)}");
        }

        if (profile.Medications.Count > 0)
        {
            history.Add($"Medications: {string.Join(", ", profile.Medications)}");
        }

        if (profile.Allergies.Count > 0)
        {
            history.Add($"Allergies: {string.Join(", ", profile.Allergies)}");
        }

        foreach (var (questionId, label) in HistoryAnswers)
        {
            if (state.Answers.TryGetValue(questionId, out var answer))
            {
                history.Add($"{label}: {answer}");
            }
        }

        var context = state.Findings.Where(f => f.Present
            && SymptomLexicon.Shared.TryGet(f.SymptomId, out var d) && d.Kind == SymptomKind.Context);
        history.AddRange(context.Select(f => Capitalize(f.Name)));
        return history;
    }

    private static string JoinList(List<string> items)
    {
        return items.Count switch
        {
            1 => items[0],
            2 => $"{items[0]} and {items[1]}",
            _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
        };
    }

    private static string Capitalize(string text)
    {
        return text.Length == 0 ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));
    }
}
