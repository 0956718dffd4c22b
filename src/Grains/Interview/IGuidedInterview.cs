using MedifyAI.Sessions;

namespace MedifyAI.Interview;

/// <summary>
/// The deterministic clinical core of a chat: symptom extraction, emergency screening, triage and
/// question planning. It runs on every message whichever responder writes the reply wording.
/// </summary>
public interface IGuidedInterview
{
    /// <summary>Returns the opening message for a new session.</summary>
    string Greet(PatientProfile profile);

    /// <summary>
    /// Screens and interprets one patient message, updating <paramref name="state"/> in place.
    /// </summary>
    /// <param name="state">The session's interview state; findings and the pending question are updated.</param>
    /// <param name="profile">The patient's profile.</param>
    /// <param name="raisedRedFlags">Red flags raised earlier in the session, so a rule is reported once.</param>
    /// <param name="text">The patient's message.</param>
    /// <param name="turn">Exchange number of the message, from 1.</param>
    InterviewStep Process(
        InterviewState state,
        PatientProfile profile,
        IReadOnlyList<RedFlag> raisedRedFlags,
        string text,
        int turn);

    /// <summary>Builds the structured clinical summary of the session so far.</summary>
    ClinicalSummary Summarize(
        string sessionId,
        InterviewState state,
        PatientProfile profile,
        IReadOnlyList<RedFlag> redFlags,
        TriageAssessment triage,
        DateTimeOffset now);
}
