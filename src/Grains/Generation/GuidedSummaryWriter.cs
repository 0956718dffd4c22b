using MedifyAI.Interview;
using MedifyAI.Sessions;

namespace MedifyAI.Generation;

/// <summary>Writes the summary with the guided interview alone; the default when no model is configured.</summary>
public sealed class GuidedSummaryWriter : IClinicalSummaryWriter
{
    private readonly IGuidedInterview _interview;

    public GuidedSummaryWriter(IGuidedInterview interview)
    {
        _interview = interview;
    }

    public Task<ClinicalSummary> WriteSummaryAsync(SummaryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var summary = _interview.Summarize(
            request.SessionId, request.Interview, request.Profile, request.RedFlags, request.Triage, request.Now);
        return Task.FromResult(summary with { Disclaimer = ClinicalSummary.StandardDisclaimer });
    }
}
