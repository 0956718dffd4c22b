using MedifyAI.Sessions;

namespace MedifyAI.Generation;

/// <summary>Writes the structured clinical summary when a session ends.</summary>
public interface IClinicalSummaryWriter
{
    /// <summary>
    /// Writes the summary. <see cref="ClinicalSummary.Disclaimer"/> is always <see cref="ClinicalSummary.StandardDisclaimer"/>,
    /// whoever wrote the rest.
    /// </summary>
    Task<ClinicalSummary> WriteSummaryAsync(SummaryRequest request, CancellationToken cancellationToken);
}
