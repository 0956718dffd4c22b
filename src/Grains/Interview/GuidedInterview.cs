using MedifyAI.Interview.Extraction;
using MedifyAI.Interview.Lexicon;
using MedifyAI.Interview.Questions;
using MedifyAI.Interview.Screening;
using MedifyAI.Interview.Summary;
using MedifyAI.Interview.Triage;
using MedifyAI.Sessions;

namespace MedifyAI.Interview;

/// <summary>
/// The rule-based guided interview: extraction, answer interpretation, emergency screening, triage and
/// question planning, in that order, on every message. Holds no mutable state, so it is registered as a
/// singleton and called concurrently by many session grains.
/// </summary>
public sealed class GuidedInterview : IGuidedInterview
{
    /// <summary>Responder and summary source name.</summary>
    public const string SourceName = "guided-interview";

    private readonly SymptomExtractor _extractor = new(SymptomLexicon.Shared);

    /// <inheritdoc />
    public string Greet(PatientProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return "Hello, I'm MedifyAI's automated symptom check. I'll ask you a few questions and prepare a summary "
            + "for a clinician. I can't give you a diagnosis. If this is an emergency, call your local emergency "
            + "number now. What brings you here today?";
    }

    /// <inheritdoc />
    public InterviewStep Process(
        InterviewState state,
        PatientProfile profile,
        IReadOnlyList<RedFlag> raisedRedFlags,
        string text,
        int turn)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(raisedRedFlags);
        ArgumentNullException.ThrowIfNull(text);

        var analysis = _extractor.Extract(text);
        var pending = QuestionCatalog.Find(state.PendingQuestion);

        if (pending is not null)
        {
            AnswerInterpreter.ApplyAnswer(state, pending, analysis, text);
        }

        var touched = MergeMentions(state, analysis, turn);
        UpdateChiefComplaint(state);
        AnswerInterpreter.ApplyLooseAttributes(state, pending, analysis);
        var looseAttributes = analysis.LooseDuration is not null || analysis.LooseSeverity is not null;
        if (state.ChiefComplaint is { } chief && looseAttributes && !touched.Contains(chief))
        {
            touched.Add(chief);
        }

        var newFlags = EmergencyScreener.Screen(state, profile, raisedRedFlags, turn);
        var triage = TriageEvaluator.Assess(state, profile, raisedRedFlags.Concat(newFlags));

        // A "no" that answers a question is an answer; only a closing phrase, or a "no" to the closing
        // invitation (no question pending after some were asked), ends the interview.
        var done = analysis.IsClosing
            || (pending is null && state.AskedQuestions.Count > 0 && touched.Count == 0
                && (analysis.IsNoneAnswer || analysis.Polarity == ReplyPolarity.No) && analysis.WordCount <= 4);

        InterviewQuestion? next = null;
        state.PendingQuestion = null;
        if (!done && QuestionPlanner.Next(state, profile) is { } question)
        {
            next = QuestionPlanner.Render(question, state);
            state.AskedQuestions.Add(question.Id);
            state.PendingQuestion = question.Id;
        }

        var findings = touched.Select(id => state.Findings.Find(f => f.SymptomId == id)!).ToList();
        return new InterviewStep(findings, newFlags, triage, next, done);
    }

    /// <inheritdoc />
    public ClinicalSummary Summarize(
        string sessionId,
        InterviewState state,
        PatientProfile profile,
        IReadOnlyList<RedFlag> redFlags,
        TriageAssessment triage,
        DateTimeOffset now)
    {
        return ClinicalSummaryWriter.Write(sessionId, state, profile, redFlags, triage, now, SourceName);
    }

    private static List<string> MergeMentions(InterviewState state, MessageAnalysis analysis, int turn)
    {
        var touched = new List<string>();
        foreach (var mention in analysis.Mentions)
        {
            FindingMerger.Merge(state, mention, turn);
            if (!touched.Contains(mention.Symptom.Id))
            {
                touched.Add(mention.Symptom.Id);
            }
        }

        return touched;
    }

    private static void UpdateChiefComplaint(InterviewState state)
    {
        if (state.ChiefComplaint is { } current && state.Findings.Exists(f => f.SymptomId == current && f.Present))
        {
            return;
        }

        state.ChiefComplaint = state.Findings
            .Where(f => f.Present && SymptomLexicon.Shared.TryGet(f.SymptomId, out var d) && d.IsComplaint)
            .Select(f => f.SymptomId)
            .FirstOrDefault();
    }
}
