using System.Text;
using MedifyAI.Interview;
using MedifyAI.Sessions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedifyAI.Generation;

/// <summary>
/// Writes the summary's history of present illness with the model, on top of the guided interview's structured
/// summary: the findings, red flags and triage stay the interview's. Any failure or rejected output keeps the
/// guided summary whole.
/// </summary>
public sealed class ModelSummaryWriter : IClinicalSummaryWriter
{
    private readonly IChatClient _chatClient;
    private readonly GuidedSummaryWriter _guided;
    private readonly ReplyGuard _guard;
    private readonly GenerationOptions _options;
    private readonly ILogger<ModelSummaryWriter> _logger;

    public ModelSummaryWriter(
        IChatClient chatClient,
        GuidedSummaryWriter guided,
        ReplyGuard guard,
        IOptions<GenerationOptions> options,
        ILogger<ModelSummaryWriter> logger)
    {
        _chatClient = chatClient;
        _guided = guided;
        _guard = guard;
        _options = options.Value;
        _logger = logger;
    }

    public async Task<ClinicalSummary> WriteSummaryAsync(SummaryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var guided = await _guided.WriteSummaryAsync(request, cancellationToken).ConfigureAwait(false);
        var source = _options.SourceName;

        string output;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(_options.SummaryTimeout);
            try
            {
                var response = await _chatClient.GetResponseAsync(BuildMessages(request, guided), cancellationToken: timeout.Token)
                    .ConfigureAwait(false);
                output = response.Text;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                GenerationLog.SummaryFailed(_logger, exception, request.SessionId, source, FallbackReasons.Classify(exception));
                return guided;
            }
        }

        // The summary goes to a clinician, so reassurance wording is not the concern here; a diagnosis stated as
        // fact or an echoed prompt still rejects it.
        var context = new ReplyContext(
            request.SessionId,
            request.Profile,
            [],
            request.Interview,
            new InterviewStep([], [], new TriageAssessment(TriageLevel.SelfCare, []), null, PatientIsDone: true),
            [],
            References: request.References);
        var verdict = _guard.Vet(output, context);
        if (verdict.RejectReason is { } reason)
        {
            GenerationLog.SummaryFailed(_logger, null, request.SessionId, source, FallbackReasons.ReplacedPrefix + reason);
            return guided;
        }

        return guided with
        {
            HistoryOfPresentIllness = verdict.Text!,
            Source = source,
            Disclaimer = ClinicalSummary.StandardDisclaimer,
        };
    }

    private List<ChatMessage> BuildMessages(SummaryRequest request, ClinicalSummary guided)
    {
        var record = new StringBuilder();
        PromptSections.AppendProfile(record, request.Profile);
        PromptSections.AppendInterview(record, request.Interview);
        PromptSections.AppendSafety(record, request.RedFlags, request.Triage);
        record.AppendLine("## Structured summary from the interview");
        record.Append("Chief complaint: ").AppendLine(PromptSections.Escape(guided.ChiefComplaint));
        record.Append("History as recorded: ").AppendLine(PromptSections.Escape(guided.HistoryOfPresentIllness));
        var referenceBudget = Math.Max(0, (_options.MaxPromptTokens * 4 / 2) - record.Length);
        PromptSections.AppendReferences(record, request.References, referenceBudget);

        return
        [
            new ChatMessage(Microsoft.Extensions.AI.ChatRole.System, ClinicalPrompts.SummarySystemPrompt),
            new ChatMessage(Microsoft.Extensions.AI.ChatRole.User, record.ToString()),
        ];
    }
}
