using MedifyAI.Sessions;

namespace MedifyAI.Interview.Screening;

/// <summary>An emergency screening rule: a condition over the session's findings and the advice it gives.</summary>
/// <param name="Id">Stable rule id stored in red flags, for example <c>cardiac-chest-pain</c>.</param>
/// <param name="Description">Short clinical description of what the rule detects.</param>
/// <param name="Advice">Patient-facing advice shown when the rule fires.</param>
/// <param name="Level">Triage level the rule sets.</param>
/// <param name="Matches">The condition.</param>
internal sealed record ScreeningRule(
    string Id,
    string Description,
    string Advice,
    TriageLevel Level,
    Func<ScreeningContext, bool> Matches);
