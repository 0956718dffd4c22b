using MedifyAI.Sessions;

namespace MedifyAI.Interview;

/// <summary>What the guided interview made of one patient message.</summary>
/// <param name="Findings">Findings taken from this message, already merged into the interview state.</param>
/// <param name="NewRedFlags">Screening rules that fired on this message and had not fired before.</param>
/// <param name="Triage">Triage over the whole session after this message.</param>
/// <param name="NextQuestion">The question to ask next, or null when the history is complete.</param>
/// <param name="PatientIsDone">True when the patient said they have nothing more to add.</param>
public sealed record InterviewStep(
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<RedFlag> NewRedFlags,
    TriageAssessment Triage,
    InterviewQuestion? NextQuestion,
    bool PatientIsDone);
